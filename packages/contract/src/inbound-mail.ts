import { Type, type Static } from 'typebox';
import { Nullable } from './nullable.ts';
import { LocaleSchema } from './users.ts';

/**
 * Where complaints arrive (intake channels) and the mail that came in through them.
 *
 * - `smtp`: an address Redress's own SMTP receiver accepts (and its `+tag` forms).
 * - `imap`: an existing mailbox Redress polls; the password is write-only (never returned).
 * - `portal`: the web form of a site, with the owner its cases go to.
 */

const DateTime = Type.String({ format: 'date-time' });

export const IntakeChannelKinds = ['smtp', 'imap', 'portal'] as const;
export type IntakeChannelKind = (typeof IntakeChannelKinds)[number];

export const ImapSettingsBody = Type.Object(
  {
    host: Type.String({ minLength: 1, maxLength: 253 }),
    port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, description: 'Default 993 (secure) or 143.' })),
    secure: Type.Optional(Type.Boolean({ default: true, description: 'TLS from the start (993).' })),
    user: Type.String({ minLength: 1, maxLength: 320 }),
    password: Type.Optional(
      Type.String({ minLength: 1, maxLength: 1000, description: 'Write-only: stored to log in, never returned.' }),
    ),
    mailbox: Type.Optional(Type.String({ minLength: 1, maxLength: 200, default: 'INBOX' })),
  },
  { additionalProperties: false },
);
export type ImapSettingsBody = Static<typeof ImapSettingsBody>;

export const CreateIntakeChannelBody = Type.Object(
  {
    kind: Type.Enum(IntakeChannelKinds),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    /** smtp and imap: the address customers write to. */
    address: Type.Optional(Type.String({ minLength: 3, maxLength: 254 })),
    siteId: Nullable(Type.String({ minLength: 1, maxLength: 100 })),
    /** The user new cases from this channel go to; must be able to work cases at the site. */
    ownerId: Type.String({ minLength: 1, maxLength: 100 }),
    /** The language of cases opened here; detected from each message when absent. */
    language: Type.Optional(Nullable(LocaleSchema)),
    enabled: Type.Optional(Type.Boolean({ default: true })),
    imap: Type.Optional(ImapSettingsBody),
  },
  { additionalProperties: false },
);
export type CreateIntakeChannelBody = Static<typeof CreateIntakeChannelBody>;

export const UpdateIntakeChannelBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    address: Type.Optional(Type.String({ minLength: 3, maxLength: 254 })),
    siteId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 100 }))),
    ownerId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    language: Type.Optional(Nullable(LocaleSchema)),
    enabled: Type.Optional(Type.Boolean()),
    /** Replaces the IMAP settings; a missing password keeps the stored one. */
    imap: Type.Optional(ImapSettingsBody),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateIntakeChannelBody = Static<typeof UpdateIntakeChannelBody>;

export const IntakeChannelDto = Type.Object({
  id: Type.String(),
  kind: Type.Enum(IntakeChannelKinds),
  name: Type.String(),
  address: Nullable(Type.String()),
  siteId: Nullable(Type.String()),
  ownerId: Type.String(),
  language: Nullable(LocaleSchema),
  enabled: Type.Boolean(),
  imap: Nullable(
    Type.Object({
      host: Type.String(),
      port: Type.Integer(),
      secure: Type.Boolean(),
      user: Type.String(),
      mailbox: Type.String(),
      /** Whether a password is stored (the password itself is never shown). */
      passwordSet: Type.Boolean(),
      lastPolledAt: Nullable(DateTime),
      lastError: Nullable(Type.String()),
    }),
  ),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type IntakeChannelDto = Static<typeof IntakeChannelDto>;

export const IntakeChannelList = Type.Object({ items: Type.Array(IntakeChannelDto) });
export type IntakeChannelList = Static<typeof IntakeChannelList>;

/** received → threaded | ignored (auto-reply, loop) | unparsed (kept with the reason). */
export const InboundMailStatuses = ['received', 'threaded', 'ignored', 'unparsed'] as const;
export type InboundMailStatus = (typeof InboundMailStatuses)[number];

/** An inbound e-mail as administrators see it: metadata only (no addresses, subject or body). */
export const InboundMailDto = Type.Object({
  id: Type.String(),
  status: Type.Enum(InboundMailStatuses),
  reason: Nullable(Type.String()),
  channelId: Nullable(Type.String()),
  caseId: Nullable(Type.String()),
  messageId: Type.String(),
  rawSize: Nullable(Type.Integer()),
  attachmentCount: Type.Integer(),
  viaImap: Type.Boolean(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type InboundMailDto = Static<typeof InboundMailDto>;

export const InboundMailQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum(InboundMailStatuses)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    /** The last id of the previous page (newest first). */
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type InboundMailQuery = Static<typeof InboundMailQuery>;

export const InboundMailList = Type.Object({ items: Type.Array(InboundMailDto), nextCursor: Nullable(Type.String()) });
export type InboundMailList = Static<typeof InboundMailList>;
