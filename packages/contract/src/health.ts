import { Type, type Static } from 'typebox';

export const Health = Type.Object({ status: Type.Literal('ok') });
export type Health = Static<typeof Health>;

export const Readiness = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('not_ready')]),
  database: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
  checks: Type.Record(Type.String(), Type.Union([Type.Literal('ok'), Type.Literal('failing')])),
});
export type Readiness = Static<typeof Readiness>;

export const IdParams = Type.Object({
  id: Type.String({ minLength: 3, maxLength: 64, pattern: '^[a-z]+_[0-9A-Z]+$' }),
});
export type IdParams = Static<typeof IdParams>;
