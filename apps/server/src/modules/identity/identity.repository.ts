import type { Locale, Role } from '@redress/contract';
import type { NewEvent } from '../../shared/unit-of-work.ts';
import type { ApiToken, Session, User } from './identity.ts';

export interface NewUser {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: string;
  readonly locale: string;
  readonly passwordHash: string | null;
  readonly siteId?: string | null;
  readonly createdAt: Date;
}

/** What an administrator may change about a user; `disabledAt` null enables them again. */
export interface UserChanges {
  readonly name?: string;
  readonly role?: Role;
  readonly locale?: Locale;
  readonly disabledAt?: Date | null;
}

/** The identity module's port onto storage. Implemented in `storage/repositories/`. */
export interface IdentityRepository {
  findUserByEmail(email: string): Promise<User | undefined>;
  findUserById(id: string): Promise<User | undefined>;
  /** Users ordered by id, after `cursor` (exclusive). */
  listUsers(limit: number, cursor: string | undefined): Promise<User[]>;
  countUsers(): Promise<number>;
  insertUser(user: NewUser): Promise<void>;
  /** Writes the given fields of a user (a field left out is kept); false when there is no such user. */
  updateUser(id: string, changes: UserChanges, at: Date): Promise<boolean>;
  /** How many cases the user owns that are not closed (nor merged into another): theirs to work. */
  countOpenCasesOwnedBy(userId: string): Promise<number>;
  /** The teams a user belongs to, with each team's site (null for brand-wide departments). */
  teamsOf(userId: string): Promise<{ id: string; siteId: string | null }[]>;

  insertSession(session: Session & { tokenHash: string; createdAt: Date }): Promise<void>;
  findSessionByTokenHash(tokenHash: string): Promise<Session | undefined>;
  touchSession(id: string, lastSeenAt: Date, expiresAt: Date): Promise<void>;
  deleteSession(id: string): Promise<void>;

  insertApiToken(token: ApiToken & { tokenHash: string }): Promise<void>;
  findApiTokenByHash(tokenHash: string): Promise<ApiToken | undefined>;
  listApiTokens(userId: string): Promise<ApiToken[]>;
  touchApiToken(id: string, at: Date): Promise<void>;
  revokeApiToken(id: string, userId: string, at: Date): Promise<boolean>;

  /** Records an attempt (counted as a failure unless taken back); returns its id. */
  recordLoginFailure(key: string, at: Date): Promise<number>;
  deleteLoginAttempts(ids: readonly number[]): Promise<void>;
  /** Failures for `key` at or after `since`: how many, and the oldest one. */
  loginFailures(key: string, since: Date): Promise<{ count: number; oldest: Date | null }>;
  clearLoginFailures(key: string): Promise<void>;

  appendEvent(event: NewEvent): Promise<void>;
}
