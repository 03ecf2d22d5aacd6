import { Type, type Static } from 'typebox';
import { Roles } from './roles.ts';

export const Locales = ['en', 'zh-TW', 'zh-CN', 'th'] as const;
export type Locale = (typeof Locales)[number];

export const LocaleSchema = Type.Enum(Locales, { description: 'Interface language: en, zh-TW, zh-CN or th.' });
export const RoleSchema = Type.Enum(Roles, { description: 'The role decides what a user may do.' });

export const Email = Type.String({ format: 'email', maxLength: 254, description: 'An e-mail address.' });

export const UserDto = Type.Object({
  id: Type.String({ description: 'Prefixed id, `usr_…`.' }),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  locale: LocaleSchema,
  createdAt: Type.String({ format: 'date-time' }),
  disabled: Type.Boolean(),
  siteId: Type.Optional(
    Type.Union([Type.String(), Type.Null()], { description: 'Home site; null for brand-wide users.' }),
  ),
});
export type UserDto = Static<typeof UserDto>;

export const CreateUserBody = Type.Object(
  {
    email: Email,
    name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description: 'Not blank.' }),
    role: RoleSchema,
    locale: Type.Optional(LocaleSchema),
    password: Type.Optional(Type.String({ minLength: 10, maxLength: 200, description: 'At least 10 characters.' })),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

/** `PATCH /users/:id`: what an administrator may change about a user (the site has its own route). */
export const UpdateUserBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description: 'Not blank.' })),
    role: Type.Optional(RoleSchema),
    locale: Type.Optional(LocaleSchema),
    /** A disabled user cannot sign in; their sessions and API tokens stop working at once. */
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

export const UserList = Type.Object({
  items: Type.Array(UserDto),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type UserList = Static<typeof UserList>;

export const ListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type ListQuery = Static<typeof ListQuery>;
