import { Type, type Static } from 'typebox';

/** Remedies a case can offer (article 003). */
export const CompensationKinds = ['refund', 'replacement', 'repair', 'voucher', 'money', 'goodwill'] as const;
export type CompensationKind = (typeof CompensationKinds)[number];
