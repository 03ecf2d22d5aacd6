import type { Locale, Role } from '@redress/contract';
import type { IdentityRepository, User } from '../../modules/identity/index.ts';
import { readInt, readOptionalTime, readTime, toDbTime } from '../codec.ts';
import type { Tx } from '../database.ts';
import { appendEvent } from '../events.ts';
import { caseIsOpen } from './scope-sql.ts';
import type { Schema } from '../schema.ts';

type UserRow = Schema['users'] extends infer T ? { [K in keyof T]: unknown } : never;

const toUser = (row: UserRow): User => ({
  id: row.id as string,
  email: row.email as string,
  name: row.name as string,
  role: row.role as Role,
  locale: row.locale as Locale,
  passwordHash: (row.password_hash as string | null) ?? null,
  siteId: (row.site_id as string | null) ?? null,
  createdAt: readTime(row.created_at),
  disabledAt: readOptionalTime(row.disabled_at),
});

/** The identity port over Kysely; `tx` is either the read side or an open transaction. */
export const identityRepository = (tx: Tx): IdentityRepository => ({
  async findUserByEmail(email) {
    const row = await tx.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    return row ? toUser(row) : undefined;
  },
  async findUserById(id) {
    const row = await tx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toUser(row) : undefined;
  },
  async listUsers(limit, cursor) {
    let query = tx.selectFrom('users').selectAll().orderBy('id').limit(limit);
    if (cursor) query = query.where('id', '>', cursor);
    return (await query.execute()).map(toUser);
  },
  async teamsOf(userId) {
    const rows = await tx
      .selectFrom('team_members')
      .innerJoin('teams', 'teams.id', 'team_members.team_id')
      .select(['teams.id', 'teams.site_id'])
      .where('team_members.user_id', '=', userId)
      .where('teams.archived_at', 'is', null)
      .execute();
    return rows.map((row) => ({ id: row.id, siteId: row.site_id }));
  },
  async countUsers() {
    const row = await tx
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return readInt(row.n);
  },
  async insertUser(user) {
    const at = toDbTime(user.createdAt);
    await tx
      .insertInto('users')
      .values({
        id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        locale: user.locale,
        password_hash: user.passwordHash,
        site_id: user.siteId ?? null,
        created_at: at,
        updated_at: at,
        disabled_at: null,
      })
      .execute();
  },
  async updateUser(id, changes, at) {
    const result = await tx
      .updateTable('users')
      .set({
        ...(changes.name === undefined ? {} : { name: changes.name }),
        ...(changes.role === undefined ? {} : { role: changes.role }),
        ...(changes.locale === undefined ? {} : { locale: changes.locale }),
        ...(changes.disabledAt === undefined
          ? {}
          : { disabled_at: changes.disabledAt && toDbTime(changes.disabledAt) }),
        updated_at: toDbTime(at),
      })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },

  async countOpenCasesOwnedBy(userId) {
    const row = await tx
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('cases.owner_id', '=', userId)
      .where(caseIsOpen())
      .executeTakeFirstOrThrow();
    return readInt(row.n);
  },

  async insertSession(session) {
    await tx
      .insertInto('sessions')
      .values({
        id: session.id,
        token_hash: session.tokenHash,
        user_id: session.userId,
        created_at: toDbTime(session.createdAt),
        expires_at: toDbTime(session.expiresAt),
        last_seen_at: toDbTime(session.lastSeenAt),
      })
      .execute();
  },
  async findSessionByTokenHash(tokenHash) {
    const row = await tx.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row
      ? { id: row.id, userId: row.user_id, expiresAt: readTime(row.expires_at), lastSeenAt: readTime(row.last_seen_at) }
      : undefined;
  },
  async touchSession(id, lastSeenAt, expiresAt) {
    await tx
      .updateTable('sessions')
      .set({ last_seen_at: toDbTime(lastSeenAt), expires_at: toDbTime(expiresAt) })
      .where('id', '=', id)
      .execute();
  },
  async deleteSession(id) {
    await tx.deleteFrom('sessions').where('id', '=', id).execute();
  },

  async insertApiToken(token) {
    await tx
      .insertInto('api_tokens')
      .values({
        id: token.id,
        token_hash: token.tokenHash,
        user_id: token.userId,
        name: token.name,
        created_at: toDbTime(token.createdAt),
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
  },
  async findApiTokenByHash(tokenHash) {
    const row = await tx.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row
      ? {
          id: row.id,
          userId: row.user_id,
          name: row.name,
          createdAt: readTime(row.created_at),
          lastUsedAt: readOptionalTime(row.last_used_at),
          revokedAt: readOptionalTime(row.revoked_at),
        }
      : undefined;
  },
  async listApiTokens(userId) {
    const rows = await tx
      .selectFrom('api_tokens')
      .selectAll()
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .orderBy('id')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      userId: row.user_id,
      name: row.name,
      createdAt: readTime(row.created_at),
      lastUsedAt: readOptionalTime(row.last_used_at),
      revokedAt: null,
    }));
  },
  async touchApiToken(id, at) {
    await tx
      .updateTable('api_tokens')
      .set({ last_used_at: toDbTime(at) })
      .where('id', '=', id)
      .execute();
  },
  async revokeApiToken(id, userId, at) {
    const result = await tx
      .updateTable('api_tokens')
      .set({ revoked_at: toDbTime(at) })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },

  async recordLoginFailure(key, at) {
    const row = await tx
      .insertInto('login_attempts')
      .values({ key, attempted_at: toDbTime(at) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return readInt(row.id);
  },
  async deleteLoginAttempts(ids) {
    if (ids.length > 0)
      await tx
        .deleteFrom('login_attempts')
        .where('id', 'in', [...ids])
        .execute();
  },
  async loginFailures(key, since) {
    const row = await tx
      .selectFrom('login_attempts')
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.min('attempted_at').as('oldest')])
      .where('key', '=', key)
      .where('attempted_at', '>=', toDbTime(since))
      .executeTakeFirstOrThrow();
    return { count: readInt(row.n), oldest: readOptionalTime(row.oldest) };
  },
  async clearLoginFailures(key) {
    await tx.deleteFrom('login_attempts').where('key', '=', key).execute();
  },

  async appendEvent(event) {
    await appendEvent(tx, event);
  },
});
