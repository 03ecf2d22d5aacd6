import { Type, type Static } from 'typebox';
import { Nullable } from './nullable.ts';

/** Remedies a case can offer (article 003). */
export const CompensationKinds = ['refund', 'replacement', 'repair', 'voucher', 'money', 'goodwill'] as const;
export type CompensationKind = (typeof CompensationKinds)[number];

/** proposed → approved | rejected; approved → accepted | declined (the customer); accepted → delivered. */
export const CompensationStatuses = ['proposed', 'approved', 'rejected', 'accepted', 'declined', 'delivered'] as const;
export type CompensationStatus = (typeof CompensationStatuses)[number];

const Id = Type.String({ minLength: 3, maxLength: 64, pattern: '^[a-z]+_[0-9A-Za-z]+$' });
const DateTime = Type.String({ format: 'date-time' });

export const ProposeCompensationBody = Type.Object(
  {
    kind: Type.Enum(CompensationKinds),
    /** Required for every kind: authority is a limit on value (a null amount would pass any limit). */
    amount: Type.Integer({
      minimum: 0,
      maximum: 1_000_000_000_000,
      description:
        'Minor units of currency. For a refund, money, voucher or goodwill the sum; for a replacement or repair its estimated value.',
    }),
    currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code.' }),
    description: Type.String({ minLength: 1, maxLength: 4000 }),
  },
  { additionalProperties: false },
);
export type ProposeCompensationBody = Static<typeof ProposeCompensationBody>;

export const DecideCompensationBody = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
export type DecideCompensationBody = Static<typeof DecideCompensationBody>;

export const CustomerResponseBody = Type.Object(
  { accepted: Type.Boolean(), note: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
export type CustomerResponseBody = Static<typeof CustomerResponseBody>;

export const DeliveredBody = Type.Object({ deliveredAt: DateTime }, { additionalProperties: false });
export type DeliveredBody = Static<typeof DeliveredBody>;

export const CompensationParams = Type.Object({ id: Id }, { additionalProperties: false });

export const CompensationDto = Type.Object({
  id: Type.String({ description: '`cmp_…`' }),
  caseId: Type.String(),
  kind: Type.Enum(CompensationKinds),
  amount: Nullable(Type.Integer()),
  currency: Nullable(Type.String()),
  description: Type.String(),
  status: Type.Enum(CompensationStatuses),
  requiredRank: Type.Integer({ description: 'The lowest ladder rank whose authority covers it.' }),
  proposedBy: Nullable(Type.String()),
  proposedAt: DateTime,
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(DateTime),
  decisionNote: Nullable(Type.String()),
  customerAccepted: Nullable(Type.Boolean()),
  customerResponseAt: Nullable(DateTime),
  deliveredAt: Nullable(DateTime),
});
export type CompensationDto = Static<typeof CompensationDto>;
export const CompensationListDto = Type.Object({ items: Type.Array(CompensationDto) });
export type CompensationListDto = Static<typeof CompensationListDto>;
