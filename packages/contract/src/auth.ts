import { Type, type Static } from 'typebox';
import { Email, UserDto } from './users.ts';

/** Cookie names the console relies on. The CSRF cookie is readable by the page on purpose. */
export const SESSION_COOKIE = 'redress_session';
export const CSRF_COOKIE = 'redress_csrf';
/** Cookie-authenticated unsafe requests echo the CSRF cookie in this header (double submit). */
export const CSRF_HEADER = 'x-csrf-token';

export const LoginBody = Type.Object(
  { email: Email, password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const MeResponse = Type.Object({
  user: UserDto,
  permissions: Type.Array(Type.String(), {
    description: 'What the caller may do; the console never re-derives rules.',
  }),
});
export type MeResponse = Static<typeof MeResponse>;

export const CreateTokenBody = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: 100,
      pattern: '^(?=.*\\S)[^\\u0000-\\u001f\\u007f\\u202a-\\u202e\\u2066-\\u2069]+$',
      description: 'What the token is for, e.g. "CRM sync". No control or direction-override characters.',
    }),
  },
  { additionalProperties: false },
);
export type CreateTokenBody = Static<typeof CreateTokenBody>;

export const ApiTokenDto = Type.Object({
  id: Type.String(),
  name: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type ApiTokenDto = Static<typeof ApiTokenDto>;

export const CreatedToken = Type.Object({
  token: Type.String({ description: 'Shown once. Send as `Authorization: Bearer <token>`.' }),
  apiToken: ApiTokenDto,
});
export type CreatedToken = Static<typeof CreatedToken>;
