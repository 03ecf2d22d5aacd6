import type { ApiTokenDto, UserDto } from '@redress/contract';
import type { ApiToken, User } from './identity.ts';

export const presentUser = (user: User): UserDto => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
  locale: user.locale,
  createdAt: user.createdAt.toISOString(),
  disabled: user.disabledAt !== null,
  siteId: user.siteId,
});

export const presentApiToken = (token: ApiToken): ApiTokenDto => ({
  id: token.id,
  name: token.name,
  createdAt: token.createdAt.toISOString(),
  lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
});
