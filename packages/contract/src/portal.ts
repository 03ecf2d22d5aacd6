import { Type, type Static } from 'typebox';
import { LocaleSchema } from './users.ts';
import { CaseStatuses, ExpectedRemedies, LocalizedNames } from './cases.ts';
import { SurveyAnswerBody, SurveyStatuses } from './followups.ts';

/**
 * The customer portal's API (`/api/v1/portal/…`, public). Customers have no account: after filing,
 * they receive a signed, expiring link by e-mail (`/portal/case#token=…`). The console reads the
 * token from the URL fragment (never sent to servers or in a Referer) and sends it back in the
 * `X-Portal-Token` header; the survey link works the same way with its own token.
 */

export const PORTAL_TOKEN_HEADER = 'x-portal-token';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });
const Id = Type.String({ minLength: 3, maxLength: 64, pattern: '^[a-z]+_[0-9A-Za-z]+$' });

/** `GET /portal/config?channel=chn_…`: what the complaint form offers. */
export const PortalConfigQuery = Type.Object(
  { channel: Type.Optional(Id), language: Type.Optional(LocaleSchema) },
  { additionalProperties: false },
);
export type PortalConfigQuery = Static<typeof PortalConfigQuery>;

export const PortalCategoryDto = Type.Object({
  id: Type.String(),
  parentId: Nullable(Type.String()),
  names: LocalizedNames,
});
export type PortalCategoryDto = Static<typeof PortalCategoryDto>;

export const PortalConfigDto = Type.Object({
  channelId: Type.String({ description: 'The portal channel complaints from this form go to.' }),
  organisationName: Type.String(),
  categories: Type.Array(PortalCategoryDto),
  expectedRemedies: Type.Array(Type.Enum(ExpectedRemedies)),
  maxAttachmentBytes: Type.Integer(),
  maxAttachments: Type.Integer(),
});
export type PortalConfigDto = Static<typeof PortalConfigDto>;

/**
 * `POST /portal/complaints`: `multipart/form-data` with one field `complaint` holding this JSON and
 * up to `maxAttachments` files named `files`; or `application/json` with this body alone. All or
 * nothing: a refused file refuses the complaint (nothing is stored).
 */
export const PortalComplaintBody = Type.Object(
  {
    channelId: Type.Optional(Id),
    language: LocaleSchema,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    email: Type.String({ format: 'email', maxLength: 254 }),
    phone: Type.Optional(Type.String({ minLength: 3, maxLength: 40 })),
    categoryId: Type.Optional(Id),
    subject: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    whatHappened: Type.String({ minLength: 1, maxLength: 20_000 }),
    whatYouExpect: Type.Optional(Type.String({ minLength: 1, maxLength: 5000 })),
    expectedRemedy: Type.Optional(Type.Enum(ExpectedRemedies)),
    orderRef: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    consent: Type.Literal(true, {
      description: 'Agreed that the organisation handles these details for the complaint.',
    }),
    /** A field people never see; a form that fills it is a robot's. */
    website: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type PortalComplaintBody = Static<typeof PortalComplaintBody>;

/** The confirmation: the reference and when the customer will hear back. */
export const PortalComplaintReceiptDto = Type.Object({
  ref: Type.String(),
  hearBackBy: Nullable(DateTime),
  emailSentTo: Type.String({ description: 'Where the private link was sent (partly masked).' }),
});
export type PortalComplaintReceiptDto = Static<typeof PortalComplaintReceiptDto>;

/** `POST /portal/links`: send a fresh private link. Always 202, whether or not the pair matched. */
export const PortalLinkRequestBody = Type.Object(
  {
    ref: Type.String({ minLength: 3, maxLength: 40 }),
    email: Type.String({ format: 'email', maxLength: 254 }),
    language: Type.Optional(LocaleSchema),
  },
  { additionalProperties: false },
);
export type PortalLinkRequestBody = Static<typeof PortalLinkRequestBody>;

/** The answer to `POST /portal/links`, the same whether or not a link was sent. */
export const PortalLinkRequestedDto = Type.Object({ accepted: Type.Literal(true) });
export type PortalLinkRequestedDto = Static<typeof PortalLinkRequestedDto>;

/** A file the customer sent or an agent shared; bytes at `GET /portal/case/attachments/:id` (X-Portal-Token). */
export const PortalAttachmentDto = Type.Object({ id: Type.String(), filename: Type.String(), size: Type.Integer() });
export type PortalAttachmentDto = Static<typeof PortalAttachmentDto>;

export const PortalMessageDto = Type.Object({
  id: Type.String(),
  direction: Type.Enum(['inbound', 'outbound']),
  body: Type.String(),
  at: DateTime,
  authorName: Nullable(Type.String({ description: 'The agent who wrote it (first name), or null for the customer.' })),
  attachments: Type.Array(PortalAttachmentDto),
});
export type PortalMessageDto = Static<typeof PortalMessageDto>;

export const PortalPolicyDto = Type.Object({
  name: Type.String(),
  /** In words, in the customer's language, e.g. "We reply within 2 working days". */
  promises: Type.Array(Type.String()),
});
export type PortalPolicyDto = Static<typeof PortalPolicyDto>;

/** `GET /portal/case` (X-Portal-Token): what the customer sees of their case. */
export const PortalCaseDto = Type.Object({
  /** The case the customer follows: when theirs was merged into another, the one it was merged into. */
  ref: Type.String(),
  /** The reference of the customer's own case when it was merged into `ref`; otherwise null. */
  mergedFromRef: Nullable(Type.String()),
  status: Type.Enum(CaseStatuses),
  subject: Nullable(Type.String()),
  description: Type.String(),
  language: Nullable(Type.String()),
  categoryName: Nullable(Type.String()),
  createdAt: DateTime,
  /** When the customer will next hear from us: the earliest promise, or the next update due. */
  nextUpdateBy: Nullable(DateTime),
  /** The files sent with the complaint form (replies carry theirs on the message). */
  attachments: Type.Array(PortalAttachmentDto),
  messages: Type.Array(PortalMessageDto),
  policies: Type.Array(PortalPolicyDto),
  survey: Nullable(Type.Object({ status: Type.Enum(SurveyStatuses) })),
  linkExpiresAt: DateTime,
});
export type PortalCaseDto = Static<typeof PortalCaseDto>;

/** `POST /portal/case/messages` (X-Portal-Token): multipart (`message` field + `files`) or JSON. */
export const PortalReplyBody = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: 20_000 }) },
  { additionalProperties: false },
);
export type PortalReplyBody = Static<typeof PortalReplyBody>;

/** `GET /portal/survey` (X-Portal-Token with the survey link's token). */
export const PortalSurveyDto = Type.Object({
  ref: Type.String(),
  language: Type.String(),
  /** The problem in one line, as the follow-up restated it. */
  problem: Type.String(),
  status: Type.Enum(SurveyStatuses),
});
export type PortalSurveyDto = Static<typeof PortalSurveyDto>;

/** `POST /portal/survey` (X-Portal-Token): the answer; 409 when already answered. */
export const PortalSurveyAnswerBody = SurveyAnswerBody;
export type PortalSurveyAnswerBody = SurveyAnswerBody;
