import { Type, type Static } from 'typebox';
import { Locales } from './users.ts';

/**
 * Customers: captured once, never asked twice (article 002). Contact details are personal data:
 * only roles holding `customer:read` see them, and every full read is written to the audit trail.
 */

/** What matters most to the customer (article 003). */
export const Priorities = ['price', 'time', 'attention'] as const;
export type Priority = (typeof Priorities)[number];

export const ContactKinds = ['email', 'phone'] as const;
export type ContactKind = (typeof ContactKinds)[number];

export const ConsentKinds = ['contactEmail', 'contactPhone', 'marketing', 'dataProcessing'] as const;
export type ConsentKind = (typeof ConsentKinds)[number];

export const AuditActions = ['read', 'update', 'merge', 'export', 'create'] as const;
export type AuditAction = (typeof AuditActions)[number];

const CustomerLanguage = Type.Enum(Locales, { description: 'Preferred language: en, zh-TW, zh-CN or th.' });
const Name = Type.String({ minLength: 1, maxLength: 200 });
const ShortText = Type.String({ minLength: 1, maxLength: 200 });
const Instant = Type.String({ format: 'date-time' });
const CustomerId = Type.String({ minLength: 3, maxLength: 64, pattern: '^cus_[0-9A-Z]+$', description: '`cus_…`' });

export const ExternalIdDto = Type.Object({
  kind: Type.String({ description: 'What the number is, e.g. `order`, `member`.' }),
  value: Type.String({ description: 'Trimmed, upper-case, full-width characters folded.' }),
});
export type ExternalIdDto = Static<typeof ExternalIdDto>;

export const ExternalIdInput = Type.Object(
  {
    kind: Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_.-]+$' }),
    value: Type.String({ minLength: 1, maxLength: 100 }),
  },
  { additionalProperties: false },
);
export type ExternalIdInput = Static<typeof ExternalIdInput>;

export const WhatMattersDto = Type.Object({
  priorities: Type.Array(Type.Enum(Priorities)),
  text: Type.Union([Type.String(), Type.Null()]),
});
export type WhatMattersDto = Static<typeof WhatMattersDto>;

export const WhatMattersInput = Type.Object(
  {
    priorities: Type.Array(Type.Enum(Priorities), { maxItems: 3, uniqueItems: true }),
    text: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 2000 })])),
  },
  { additionalProperties: false },
);
export type WhatMattersInput = Static<typeof WhatMattersInput>;

const ConsentFlagDto = Type.Union([Type.Object({ granted: Type.Boolean(), changedAt: Instant }), Type.Null()], {
  description: 'Null when the customer was never asked.',
});

export const ConsentDto = Type.Object({
  contactEmail: ConsentFlagDto,
  contactPhone: ConsentFlagDto,
  marketing: ConsentFlagDto,
  dataProcessing: ConsentFlagDto,
});
export type ConsentDto = Static<typeof ConsentDto>;

export const ConsentInput = Type.Object(
  {
    contactEmail: Type.Optional(Type.Boolean()),
    contactPhone: Type.Optional(Type.Boolean()),
    marketing: Type.Optional(Type.Boolean()),
    dataProcessing: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type ConsentInput = Static<typeof ConsentInput>;

export const CustomerProductDto = Type.Object({
  id: Type.Integer(),
  product: Type.String(),
  orderRef: Type.Union([Type.String(), Type.Null()]),
  purchasedAt: Type.Union([Instant, Type.Null()]),
  notes: Type.Union([Type.String(), Type.Null()]),
  addedAt: Instant,
});
export type CustomerProductDto = Static<typeof CustomerProductDto>;

/** The full record: only for `customer:read`, and reading it is audited. */
export const CustomerDto = Type.Object({
  id: Type.String({ description: 'Prefixed id, `cus_…`.' }),
  name: Type.String(),
  preferredName: Type.Union([Type.String(), Type.Null()], { description: 'How they want to be addressed.' }),
  language: Type.Union([CustomerLanguage, Type.Null()]),
  emails: Type.Array(Type.String(), { description: 'Lower-case.' }),
  phones: Type.Array(Type.String(), { description: 'E.164, e.g. `+66812345678`.' }),
  externalIds: Type.Array(ExternalIdDto),
  products: Type.Array(CustomerProductDto),
  whatMatters: WhatMattersDto,
  consent: ConsentDto,
  mergedFrom: Type.Array(Type.String(), { description: 'Duplicates merged into this customer.' }),
  createdAt: Instant,
  updatedAt: Instant,
});
export type CustomerDto = Static<typeof CustomerDto>;

/** A list or match entry: contact details masked, so browsing does not expose them (no audit row). */
export const CustomerSummaryDto = Type.Object({
  id: Type.String(),
  name: Type.String(),
  preferredName: Type.Union([Type.String(), Type.Null()]),
  language: Type.Union([CustomerLanguage, Type.Null()]),
  emails: Type.Array(Type.String(), { description: 'Masked, e.g. `s***@example.com`.' }),
  phones: Type.Array(Type.String(), { description: 'Masked, e.g. `+66•••••5678`.' }),
  externalIds: Type.Array(ExternalIdDto),
  createdAt: Instant,
});
export type CustomerSummaryDto = Static<typeof CustomerSummaryDto>;

export const CustomerList = Type.Object({
  items: Type.Array(CustomerSummaryDto),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type CustomerList = Static<typeof CustomerList>;

export const CustomerListQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'Name (contains), e-mail, phone or external id.' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type CustomerListQuery = Static<typeof CustomerListQuery>;

export const CreateCustomerBody = Type.Object(
  {
    name: Name,
    preferredName: Type.Optional(ShortText),
    language: Type.Optional(CustomerLanguage),
    email: Type.Optional(Type.String({ minLength: 3, maxLength: 254 })),
    phone: Type.Optional(Type.String({ minLength: 3, maxLength: 40 })),
    externalIds: Type.Optional(Type.Array(ExternalIdInput, { maxItems: 20 })),
    whatMatters: Type.Optional(WhatMattersInput),
    consent: Type.Optional(ConsentInput),
  },
  { additionalProperties: false },
);
export type CreateCustomerBody = Static<typeof CreateCustomerBody>;

export const UpdateCustomerBody = Type.Object(
  {
    name: Type.Optional(Name),
    preferredName: Type.Optional(Type.Union([Type.Null(), ShortText])),
    language: Type.Optional(Type.Union([Type.Null(), CustomerLanguage])),
    whatMatters: Type.Optional(WhatMattersInput),
    consent: Type.Optional(ConsentInput),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateCustomerBody = Static<typeof UpdateCustomerBody>;

export const AddContactBody = Type.Object(
  {
    kind: Type.Enum(ContactKinds),
    value: Type.String({ minLength: 3, maxLength: 254 }),
  },
  { additionalProperties: false },
);
export type AddContactBody = Static<typeof AddContactBody>;

export const ContactParams = Type.Object({
  id: CustomerId,
  kind: Type.Enum(ContactKinds),
  value: Type.String({ minLength: 3, maxLength: 254 }),
});
export type ContactParams = Static<typeof ContactParams>;

export const AddProductBody = Type.Object(
  {
    product: ShortText,
    orderRef: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    purchasedAt: Type.Optional(Instant),
    notes: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type AddProductBody = Static<typeof AddProductBody>;

export const MergeCustomerBody = Type.Object(
  {
    duplicateId: CustomerId,
    reason: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);
export type MergeCustomerBody = Static<typeof MergeCustomerBody>;

export const CustomerParams = Type.Object({ id: CustomerId });
export type CustomerParams = Static<typeof CustomerParams>;

export const MatchQuery = Type.Object(
  {
    email: Type.Optional(Type.String({ minLength: 3, maxLength: 254 })),
    phone: Type.Optional(Type.String({ minLength: 3, maxLength: 40 })),
    externalId: Type.Optional(
      Type.String({ minLength: 3, maxLength: 141, description: '`kind:value`, e.g. `order:A-1`.' }),
    ),
    language: Type.Optional(CustomerLanguage),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type MatchQuery = Static<typeof MatchQuery>;

export const CustomerMatch = Type.Object({
  customer: CustomerSummaryDto,
  matchedBy: Type.Array(Type.Enum(['email', 'phone', 'external_id'])),
});
export type CustomerMatch = Static<typeof CustomerMatch>;

export const CustomerMatches = Type.Object({
  items: Type.Array(CustomerMatch, { description: 'Best first: e-mail, then phone, then external id.' }),
});
export type CustomerMatches = Static<typeof CustomerMatches>;

export const AuditEntryDto = Type.Object({
  id: Type.Integer(),
  customerId: Type.String(),
  actorId: Type.Union([Type.String(), Type.Null()]),
  action: Type.Enum(AuditActions),
  requestId: Type.Union([Type.String(), Type.Null()]),
  detail: Type.Union([Type.String(), Type.Null()]),
  at: Instant,
});
export type AuditEntryDto = Static<typeof AuditEntryDto>;

export const AuditList = Type.Object({
  items: Type.Array(AuditEntryDto),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type AuditList = Static<typeof AuditList>;
