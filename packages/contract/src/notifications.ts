import { Type, type Static } from 'typebox';
import { Nullable } from './nullable.ts';

/**
 * Notifications: in-app (a list per user, read/unread) and by e-mail (immediately, in an hourly
 * digest, or not at all). Texts come rendered in the reader's language; times in the case's site
 * time zone.
 */

/** What a notification is about; one per kind of event that causes one. */
export const NotificationKinds = [
  'clock_warned',
  'clock_breached',
  'commitment_at_risk',
  'commitment_broken',
  'case_escalated',
  'compensation_proposed',
  'compensation_approved',
  'compensation_rejected',
  // Complaints like one case are arriving far faster than before ("one of many").
  'recurrence_spike',
] as const;
export type NotificationKind = (typeof NotificationKinds)[number];

/** `immediate`: one e-mail per notification; `digest`: one hourly e-mail; `off`: in-app only. */
export const EmailModes = ['immediate', 'digest', 'off'] as const;
export type EmailMode = (typeof EmailModes)[number];

const Id = Type.String({ minLength: 3, maxLength: 64, pattern: '^[a-z]+_[0-9A-Za-z]+$' });
const DateTime = Type.String({ format: 'date-time' });

export const NotificationParams = Type.Object({ id: Id }, { additionalProperties: false });
export type NotificationParams = Static<typeof NotificationParams>;

export const NotificationListQuery = Type.Object(
  {
    unread: Type.Optional(Type.Boolean({ description: 'Only notifications not yet read.' })),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'From the previous page\u2019s `nextCursor`.' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type NotificationListQuery = Static<typeof NotificationListQuery>;

/** A drafted honest update to the customer, carried by `commitment_at_risk`. */
export const NotificationDraftDto = Type.Object({
  message: Type.String({ description: 'The drafted message, in the case\u2019s language.' }),
  proposedDueAt: Nullable(DateTime),
});
export type NotificationDraftDto = Static<typeof NotificationDraftDto>;

export const NotificationDto = Type.Object({
  id: Type.String({ description: '`ntf_…`' }),
  kind: Type.Enum(NotificationKinds),
  caseId: Nullable(Type.String()),
  caseRef: Nullable(Type.String()),
  /** One line, in the reader's language. */
  title: Type.String(),
  /** A few sentences, in the reader's language; times in the site's time zone. */
  body: Type.String(),
  /** Where to look: the case in the console. */
  link: Nullable(Type.String()),
  draft: Nullable(NotificationDraftDto),
  createdAt: DateTime,
  readAt: Nullable(DateTime),
});
export type NotificationDto = Static<typeof NotificationDto>;

export const NotificationList = Type.Object({
  items: Type.Array(NotificationDto),
  nextCursor: Nullable(Type.String()),
  unreadCount: Type.Integer({ minimum: 0 }),
});
export type NotificationList = Static<typeof NotificationList>;

export const ReadAllResult = Type.Object({ updated: Type.Integer({ minimum: 0 }) });
export type ReadAllResult = Static<typeof ReadAllResult>;

export const NotificationSettingsDto = Type.Object({ email: Type.Enum(EmailModes) });
export type NotificationSettingsDto = Static<typeof NotificationSettingsDto>;

export const NotificationSettingsBody = Type.Object({ email: Type.Enum(EmailModes) }, { additionalProperties: false });
export type NotificationSettingsBody = Static<typeof NotificationSettingsBody>;
