import { isRole, type Locale, Locales } from '@redress/contract';
import type { Clock } from '../../shared/clock.ts';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { TtlCache } from '../../shared/ttl-cache.ts';
import { actorId, type Actor, type Context, type UnitOfWork } from '../../shared/unit-of-work.ts';
import { permissionsFor, requirePermission, scopeFor } from '../access/index.ts';
import {
  LOGIN_MAX_FAILURES_PER_EMAIL,
  LOGIN_MAX_FAILURES_PER_IP,
  LOGIN_WINDOW_MS,
  normalizeEmail,
  rateLimitKeys,
  retryAfterSeconds,
  SESSION_TTL_MS,
  sessionExpired,
  sessionNeedsTouch,
  type ApiToken,
  type User,
} from './identity.ts';
import type { IdentityRepository } from './identity.repository.ts';
import { dummyPasswordHash, generateSecret, hashPassword, hashSecret, verifyPassword } from './secrets.ts';

export interface IdentityServiceDeps {
  readonly store: UnitOfWork<IdentityRepository>;
  readonly clock: Clock;
}

export interface CreateUserInput {
  readonly email: string;
  readonly name: string;
  readonly role: string;
  readonly locale?: string | undefined;
  readonly password?: string | undefined;
}

/** What an administrator changes about a user; a field left out is kept. */
export interface UpdateUserInput {
  readonly name?: string | undefined;
  readonly role?: string | undefined;
  readonly locale?: string | undefined;
  readonly disabled?: boolean | undefined;
}

/** How long a resolved bearer token or team list may be reused without reading it again. */
export const AUTH_CACHE_MS = 5_000;

/**
 * Users, sign-in sessions and API tokens. Password hashing happens before the transaction opens:
 * a unit of work holds only database calls, so group commit is never held up by argon2.
 */
export const createIdentityService = ({ store, clock }: IdentityServiceDeps) => {
  // Bearer tokens and team memberships are read on every API request. A few seconds of staleness
  // across instances is the price of not reading them three times per request; a revocation or
  // sign-out on this instance takes effect here at once.
  const tokenCache = new TtlCache<{ user: User; tokenId: string }>(AUTH_CACHE_MS);
  const teamsCache = new TtlCache<{ id: string; siteId: string | null }[]>(AUTH_CACHE_MS);

  const createUser = async (ctx: Context, input: CreateUserInput): Promise<User> => {
    requirePermission(ctx.actor, 'user:manage');
    if (!isRole(input.role)) {
      throw new AppError(ErrorCode.ValidationFailed, `Unknown role "${input.role}"`, [
        { field: '/body/role', message: 'Unknown role' },
      ]);
    }
    const locale = (input.locale ?? 'en') as Locale;
    if (!Locales.includes(locale)) {
      throw new AppError(ErrorCode.ValidationFailed, `Unknown locale "${input.locale}"`, [
        { field: '/body/locale', message: 'Unknown locale' },
      ]);
    }
    const email = normalizeEmail(input.email);
    const passwordHash = input.password ? await hashPassword(input.password) : null;
    const now = clock.now();
    const id = newId('usr', now);
    return store.write(async (repo) => {
      if (await repo.findUserByEmail(email)) {
        throw new AppError(ErrorCode.Conflict, 'A user with this e-mail address already exists', [
          { field: '/body/email', message: 'Already in use' },
        ]);
      }
      const user = { id, email, name: input.name.trim(), role: input.role, locale, passwordHash, createdAt: now };
      await repo.insertUser(user);
      await repo.appendEvent({
        type: 'user.created',
        subjectType: 'user',
        subjectId: id,
        actorId: actorId(ctx.actor),
        requestId: ctx.requestId,
        payload: { role: input.role, locale },
        occurredAt: now,
      });
      return { ...user, role: input.role as User['role'], siteId: null, disabledAt: null };
    });
  };

  /**
   * Refuses to disable a user, or give them a role that cannot work cases, while they still own
   * open cases: nobody would work those cases, and nobody would see them as theirs. The
   * administrator hands them over first (`POST /cases/:id/handoff`).
   */
  const refuseStrandingCases = async (
    repo: IdentityRepository,
    userId: string,
    current: User,
    input: UpdateUserInput,
  ): Promise<void> => {
    const disabling = input.disabled === true && current.disabledAt === null;
    const losingCases =
      input.role !== undefined && input.role !== current.role && !permissionsFor(input.role).includes('case:update');
    if (!disabling && !losingCases) return;
    const owned = await repo.countOpenCasesOwnedBy(userId);
    if (owned === 0) return;
    const cases = `${owned} open ${owned === 1 ? 'case' : 'cases'}`;
    const change = disabling ? 'disabling them' : 'giving them a role that cannot work cases';
    throw new AppError(
      ErrorCode.RuleViolated,
      `This user owns ${cases}; hand them over to someone else before ${change}`,
      [
        ...(disabling ? [{ field: '/body/disabled', message: `owns ${cases}` }] : []),
        ...(losingCases ? [{ field: '/body/role', message: `owns ${cases}` }] : []),
      ],
    );
  };

  /**
   * Changes a user's name, role, language or whether they may sign in. Administrators may not
   * change their own role or disable themselves, so nobody locks themselves out by mistake. A
   * disabled user's sessions and tokens stop working on their next request.
   */
  const updateUser = async (ctx: Context, userId: string, input: UpdateUserInput): Promise<User> => {
    requirePermission(ctx.actor, 'user:manage');
    if (input.role !== undefined && !isRole(input.role)) {
      throw new AppError(ErrorCode.ValidationFailed, `Unknown role "${input.role}"`, [
        { field: '/body/role', message: 'Unknown role' },
      ]);
    }
    if (input.locale !== undefined && !Locales.includes(input.locale as Locale)) {
      throw new AppError(ErrorCode.ValidationFailed, `Unknown locale "${input.locale}"`, [
        { field: '/body/locale', message: 'Unknown locale' },
      ]);
    }
    const name = input.name?.trim();
    if (name === '') {
      throw new AppError(ErrorCode.ValidationFailed, 'The name is blank', [{ field: '/body/name', message: 'blank' }]);
    }
    const now = clock.now();
    const updated = await store.write(async (repo) => {
      const current = await repo.findUserById(userId);
      if (!current) throw new AppError(ErrorCode.NotFound, 'No such user');
      const self = ctx.actor.kind === 'user' && ctx.actor.userId === userId;
      if (self && input.role !== undefined && input.role !== current.role) {
        throw new AppError(ErrorCode.RuleViolated, 'You cannot change your own role', [
          { field: '/body/role', message: 'is your own' },
        ]);
      }
      if (self && input.disabled === true) {
        throw new AppError(ErrorCode.RuleViolated, 'You cannot disable yourself', [
          { field: '/body/disabled', message: 'is your own account' },
        ]);
      }
      await refuseStrandingCases(repo, userId, current, input);
      const changes = {
        ...(name === undefined ? {} : { name }),
        ...(input.role === undefined ? {} : { role: input.role as User['role'] }),
        ...(input.locale === undefined ? {} : { locale: input.locale as Locale }),
        // Disabling an already disabled user keeps when it first happened.
        ...(input.disabled === undefined ? {} : { disabledAt: input.disabled ? (current.disabledAt ?? now) : null }),
      };
      await repo.updateUser(userId, changes, now);
      await repo.appendEvent({
        type: 'user.updated',
        subjectType: 'user',
        subjectId: userId,
        actorId: actorId(ctx.actor),
        requestId: ctx.requestId,
        // The name is personal data: the log says only that it changed.
        payload: {
          ...(name === undefined ? {} : { nameChanged: true }),
          ...(input.role === undefined ? {} : { role: input.role, previousRole: current.role }),
          ...(input.locale === undefined ? {} : { locale: input.locale }),
          ...(input.disabled === undefined ? {} : { disabled: input.disabled }),
        },
        occurredAt: now,
      });
      return { ...current, ...changes };
    });
    forgetUser(userId);
    return updated;
  };

  const listUsers = async (ctx: Context, limit: number, cursor: string | undefined) => {
    requirePermission(ctx.actor, 'user:read');
    const rows = await store.read.listUsers(limit + 1, cursor);
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
  };

  /**
   * Counts this attempt before the password is checked, in one transaction, so parallel guesses
   * cannot all slip past the limit. Returns the attempt's ids so a success can take them back.
   */
  const claimLoginAttempt = async (keys: { email: string; ip: string }, now: Date): Promise<number[]> => {
    const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
    const limits = [
      [keys.email, LOGIN_MAX_FAILURES_PER_EMAIL],
      [keys.ip, LOGIN_MAX_FAILURES_PER_IP],
    ] as const;
    const outcome = await store.write(async (repo) => {
      for (const [key, max] of limits) {
        const { count, oldest } = await repo.loginFailures(key, since);
        if (count >= max) return { limited: retryAfterSeconds(oldest ?? now, now) };
      }
      return { ids: [await repo.recordLoginFailure(keys.email, now), await repo.recordLoginFailure(keys.ip, now)] };
    });
    if ('limited' in outcome) {
      throw new AppError(ErrorCode.RateLimited, 'Too many failed sign-in attempts. Try again later.', [], {
        retryAfterSeconds: outcome.limited,
      });
    }
    return outcome.ids;
  };

  /** Checks a password and opens a session. Returns the cookie secret; only its hash is stored. */
  const signIn = async (input: {
    email: string;
    password: string;
    ip: string;
    requestId: string | null;
  }): Promise<{ user: User; sessionSecret: string; expiresAt: Date }> => {
    const now = clock.now();
    const keys = rateLimitKeys(input.email, input.ip);
    const attemptIds = await claimLoginAttempt(keys, now);
    const user = await store.read.findUserByEmail(normalizeEmail(input.email));
    const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
    if (!user || !user.passwordHash || !valid || user.disabledAt) {
      // The attempt stays counted as a failure.
      throw new AppError(ErrorCode.InvalidCredentials, 'The e-mail address or password is not right');
    }
    const sessionSecret = generateSecret('rds');
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    await store.write(async (repo) => {
      await repo.clearLoginFailures(keys.email);
      await repo.deleteLoginAttempts(attemptIds);
      await repo.insertSession({
        id: newId('ses', now),
        userId: user.id,
        tokenHash: hashSecret(sessionSecret),
        createdAt: now,
        lastSeenAt: now,
        expiresAt,
      });
      await repo.appendEvent({
        type: 'user.signed_in',
        subjectType: 'user',
        subjectId: user.id,
        actorId: user.id,
        requestId: input.requestId,
        payload: {},
        occurredAt: now,
      });
    });
    return { user, sessionSecret, expiresAt };
  };

  /**
   * The user behind a session cookie, or undefined when it is unknown, expired or disabled.
   * `renewedUntil` is set when the sliding expiry moved, so the cookie can move with it.
   */
  const resolveSession = async (
    secret: string,
  ): Promise<{ user: User; sessionId: string; renewedUntil: Date | null } | undefined> => {
    const now = clock.now();
    const session = await store.read.findSessionByTokenHash(hashSecret(secret));
    if (!session || sessionExpired(session, now)) return undefined;
    const user = await store.read.findUserById(session.userId);
    if (!user || user.disabledAt) return undefined;
    let renewedUntil: Date | null = null;
    if (sessionNeedsTouch(session, now)) {
      renewedUntil = new Date(now.getTime() + SESSION_TTL_MS);
      const until = renewedUntil;
      await store.write((repo) => repo.touchSession(session.id, now, until));
    }
    return { user, sessionId: session.id, renewedUntil };
  };

  const signOut = async (sessionId: string): Promise<void> => {
    await store.write((repo) => repo.deleteSession(sessionId));
  };

  /** Creates a token for `userId` (the caller's own unless the caller manages users). */
  const createApiToken = async (
    ctx: Context,
    input: { userId: string; name: string },
  ): Promise<{ token: string; apiToken: ApiToken }> => {
    requirePermission(ctx.actor, 'token:manage');
    if (ctx.actor.kind === 'user' && ctx.actor.userId !== input.userId) requirePermission(ctx.actor, 'user:manage');
    const now = clock.now();
    const token = generateSecret('rdr');
    const apiToken: ApiToken = {
      id: newId('tok', now),
      userId: input.userId,
      name: input.name.trim(),
      createdAt: now,
      lastUsedAt: null,
      revokedAt: null,
    };
    await store.write(async (repo) => {
      const owner = await repo.findUserById(input.userId);
      if (!owner || owner.disabledAt) throw new AppError(ErrorCode.NotFound, 'No such user');
      await repo.insertApiToken({ ...apiToken, tokenHash: hashSecret(token) });
      await repo.appendEvent({
        type: 'api_token.created',
        subjectType: 'user',
        subjectId: input.userId,
        actorId: actorId(ctx.actor),
        requestId: ctx.requestId,
        payload: { tokenId: apiToken.id, name: apiToken.name },
        occurredAt: now,
      });
    });
    return { token, apiToken };
  };

  const listApiTokens = async (ctx: Context): Promise<ApiToken[]> => {
    requirePermission(ctx.actor, 'token:manage');
    if (ctx.actor.kind !== 'user') return [];
    return store.read.listApiTokens(ctx.actor.userId);
  };

  const revokeApiToken = async (ctx: Context, tokenId: string): Promise<void> => {
    requirePermission(ctx.actor, 'token:manage');
    if (ctx.actor.kind !== 'user') throw new AppError(ErrorCode.NotFound, 'No such token');
    const { userId } = ctx.actor;
    const now = clock.now();
    await store.write(async (repo) => {
      // Scoped to the caller's own tokens: someone else's token id looks exactly like a missing one.
      if (!(await repo.revokeApiToken(tokenId, userId, now))) throw new AppError(ErrorCode.NotFound, 'No such token');
      tokenCache.deleteWhere((entry) => entry.tokenId === tokenId);
      await repo.appendEvent({
        type: 'api_token.revoked',
        subjectType: 'user',
        subjectId: userId,
        actorId: userId,
        requestId: ctx.requestId,
        payload: { tokenId },
        occurredAt: now,
      });
    });
  };

  /** The user behind a bearer token, or undefined when it is unknown, revoked or its user disabled. */
  const resolveApiToken = async (token: string): Promise<User | undefined> => {
    const now = clock.now();
    const tokenHash = hashSecret(token);
    const cached = tokenCache.get(tokenHash, now);
    if (cached) return cached.user;
    const found = await store.read.findApiTokenByHash(tokenHash);
    if (!found || found.revokedAt) return undefined;
    const user = await store.read.findUserById(found.userId);
    if (!user || user.disabledAt) return undefined;
    if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() > 60_000) {
      await store.write((repo) => repo.touchApiToken(found.id, now));
    }
    tokenCache.set(tokenHash, { user, tokenId: found.id }, now);
    return user;
  };

  /** The actor a signed-in user acts as, with the scope their site and teams give them. */
  const actorFor = async (user: User, via: 'session' | 'token'): Promise<Actor> => {
    const now = clock.now();
    let teams = teamsCache.get(user.id, now);
    if (!teams) {
      teams = await store.read.teamsOf(user.id);
      teamsCache.set(user.id, teams, now);
    }
    return { kind: 'user', userId: user.id, role: user.role, via, scope: scopeFor(user.role, user.siteId, teams) };
  };

  const findUserByEmail = (email: string) => store.read.findUserByEmail(normalizeEmail(email));
  const countUsers = () => store.read.countUsers();

  /** Forgets what this instance cached about a user (their teams changed, say). */
  const forgetUser = (userId: string): void => {
    teamsCache.delete(userId);
    tokenCache.deleteWhere((entry) => entry.user.id === userId);
  };

  return {
    actorFor,
    forgetUser,
    createUser,
    updateUser,
    listUsers,
    signIn,
    signOut,
    resolveSession,
    createApiToken,
    listApiTokens,
    revokeApiToken,
    resolveApiToken,
    findUserByEmail,
    countUsers,
  };
};

export type IdentityService = ReturnType<typeof createIdentityService>;
