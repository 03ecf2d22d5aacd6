import { Type, type Static } from 'typebox';
import { Nullable } from './nullable.ts';
import { LocaleSchema } from './users.ts';

/**
 * E-mail out to customers: templates per kind and language (shipped texts an administrator may
 * replace), the case's e-mails both ways, and an agent's e-mail to the customer.
 */

const DateTime = Type.String({ format: 'date-time' });

/** What a customer e-mail is for; each has its own template in every language. */
export const EmailTemplateKinds = [
  'acknowledgement',
  'progress_update',
  'resolution',
  'follow_up',
  'magic_link',
  'reply',
] as const;
export type EmailTemplateKind = (typeof EmailTemplateKinds)[number];

/** The kinds an agent picks when writing to the customer. */
export const AgentEmailTemplates = ['reply', 'progress_update'] as const;
export type AgentEmailTemplate = (typeof AgentEmailTemplates)[number];

export const EmailTemplateParams = Type.Object({
  kind: Type.Enum(EmailTemplateKinds),
  language: LocaleSchema,
});
export type EmailTemplateParams = Static<typeof EmailTemplateParams>;

export const EmailTemplateDto = Type.Object({
  kind: Type.Enum(EmailTemplateKinds),
  language: LocaleSchema,
  subject: Type.String(),
  body: Type.String({ description: 'Plain text with `{{variable}}` placeholders.' }),
  /** True when an administrator replaced the shipped text. */
  customised: Type.Boolean(),
  /** The placeholders this kind knows, and those its body must use. */
  variables: Type.Array(Type.String()),
  required: Type.Array(Type.String()),
  updatedAt: Nullable(DateTime),
});
export type EmailTemplateDto = Static<typeof EmailTemplateDto>;

export const EmailTemplateList = Type.Object({ items: Type.Array(EmailTemplateDto) });
export type EmailTemplateList = Static<typeof EmailTemplateList>;

export const SaveEmailTemplateBody = Type.Object(
  {
    subject: Type.String({ minLength: 1, maxLength: 300 }),
    body: Type.String({ minLength: 1, maxLength: 20_000 }),
  },
  { additionalProperties: false },
);
export type SaveEmailTemplateBody = Static<typeof SaveEmailTemplateBody>;

/** A preview: an unsaved text (or the current one) rendered with sample values. */
export const PreviewEmailTemplateBody = Type.Object(
  {
    subject: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    body: Type.Optional(Type.String({ minLength: 1, maxLength: 20_000 })),
  },
  { additionalProperties: false },
);
export type PreviewEmailTemplateBody = Static<typeof PreviewEmailTemplateBody>;

export const EmailPreviewDto = Type.Object({
  subject: Type.String(),
  text: Type.String(),
  html: Type.String(),
});
export type EmailPreviewDto = Static<typeof EmailPreviewDto>;

/** `POST /cases/:id/emails`: the agent's words to the customer. */
export const SendCaseEmailBody = Type.Object(
  {
    body: Type.String({ minLength: 1, maxLength: 20_000 }),
    subject: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    template: Type.Optional(Type.Enum(AgentEmailTemplates, { default: 'reply' })),
  },
  { additionalProperties: false },
);
export type SendCaseEmailBody = Static<typeof SendCaseEmailBody>;

export const EmailDirections = ['inbound', 'outbound'] as const;
/** inbound: received | threaded | ignored | unparsed; outbound: queued | sent | failed | suppressed. */
export const EmailStatuses = [
  'received',
  'threaded',
  'ignored',
  'unparsed',
  'queued',
  'sent',
  'failed',
  'suppressed',
] as const;
export type EmailStatus = (typeof EmailStatuses)[number];

export const CaseEmailDto = Type.Object({
  id: Type.String(),
  direction: Type.Enum(EmailDirections),
  status: Type.String(),
  reason: Nullable(Type.String()),
  template: Nullable(Type.String()),
  language: Nullable(Type.String()),
  messageId: Type.String(),
  inReplyTo: Nullable(Type.String()),
  subject: Nullable(Type.String()),
  /** Outbound: private (portal, survey) links show as a marker such as `[private link]`; only the customer's copy has them. */
  text: Nullable(Type.String()),
  /** Sanitised: a safe subset of tags, no scripts, no remote content. Private links as in `text`. */
  html: Nullable(Type.String()),
  /** Addresses only for callers with `customer:read`; null otherwise. */
  from: Nullable(Type.String()),
  to: Nullable(Type.Array(Type.String())),
  attachmentIds: Type.Array(Type.String()),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  sentAt: Nullable(DateTime),
  createdAt: DateTime,
});
export type CaseEmailDto = Static<typeof CaseEmailDto>;

export const CaseEmailList = Type.Object({ items: Type.Array(CaseEmailDto) });
export type CaseEmailList = Static<typeof CaseEmailList>;

/** `POST /cases/:id/emails/:emailId/resend`: the case and one of its e-mails. */
export const CaseEmailParams = Type.Object({
  id: Type.String({ minLength: 3, maxLength: 64, pattern: '^[a-z]+_[0-9A-Z]+$' }),
  emailId: Type.String({ minLength: 5, maxLength: 64, pattern: '^eml_[0-9A-Z]+$' }),
});
export type CaseEmailParams = Static<typeof CaseEmailParams>;
