import type { Selectable } from 'kysely';
import type { CategoryKind } from '@redress/contract';
import type { CaseRepository, Category, Names, RootCause } from '../../modules/cases/index.ts';
import { readJson, readTime, toDbJson, toDbTime } from '../codec.ts';
import type { Tx } from '../database.ts';
import type { Schema } from '../schema.ts';

const toCategory = (row: Selectable<Schema['categories']>): Category => ({
  id: row.id,
  parentId: row.parent_id,
  names: readJson<Names>(row.names),
  kind: row.kind as CategoryKind,
  createdAt: readTime(row.created_at),
});
const toRootCause = (row: Selectable<Schema['root_causes']>): RootCause => ({
  id: row.id,
  code: row.code,
  names: readJson<Names>(row.names),
  createdAt: readTime(row.created_at),
});

type Lookups = Pick<
  CaseRepository,
  | 'listCategories'
  | 'findCategory'
  | 'insertCategory'
  | 'renameCategory'
  | 'listRootCauses'
  | 'findRootCause'
  | 'findRootCauseByCode'
  | 'insertRootCause'
  | 'renameRootCause'
  | 'findUser'
  | 'userNames'
  | 'siteExists'
  | 'findTeam'
>;

/** The cases port's configuration (categories, root causes) and look-ups of users, sites and teams. */
export const caseLookups = (tx: Tx): Lookups => ({
  async listCategories() {
    const rows = await tx.selectFrom('categories').selectAll().where('archived_at', 'is', null).orderBy('id').execute();
    return rows.map(toCategory);
  },
  async findCategory(id) {
    const row = await tx.selectFrom('categories').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toCategory(row) : undefined;
  },
  async insertCategory(category) {
    await tx
      .insertInto('categories')
      .values({
        id: category.id,
        parent_id: category.parentId,
        names: toDbJson(category.names),
        kind: category.kind,
        created_at: toDbTime(category.createdAt),
        archived_at: null,
      })
      .execute();
  },
  async renameCategory(id, names) {
    const result = await tx
      .updateTable('categories')
      .set({ names: toDbJson(names) })
      .where('id', '=', id)
      .where('archived_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },
  async listRootCauses() {
    const rows = await tx
      .selectFrom('root_causes')
      .selectAll()
      .where('archived_at', 'is', null)
      .orderBy('code')
      .execute();
    return rows.map(toRootCause);
  },
  async findRootCause(id) {
    const row = await tx.selectFrom('root_causes').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRootCause(row) : undefined;
  },
  async findRootCauseByCode(code) {
    const row = await tx.selectFrom('root_causes').selectAll().where('code', '=', code).executeTakeFirst();
    return row ? toRootCause(row) : undefined;
  },
  async insertRootCause(rootCause) {
    await tx
      .insertInto('root_causes')
      .values({
        id: rootCause.id,
        code: rootCause.code,
        names: toDbJson(rootCause.names),
        created_at: toDbTime(rootCause.createdAt),
        archived_at: null,
      })
      .execute();
  },
  async renameRootCause(id, names) {
    const result = await tx
      .updateTable('root_causes')
      .set({ names: toDbJson(names) })
      .where('id', '=', id)
      .where('archived_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },

  async findUser(id) {
    const user = await tx
      .selectFrom('users')
      .select(['id', 'name', 'role', 'site_id', 'disabled_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!user) return undefined;
    const teams = await tx
      .selectFrom('team_members')
      .innerJoin('teams', 'teams.id', 'team_members.team_id')
      .select(['teams.id', 'teams.site_id'])
      .where('team_members.user_id', '=', id)
      .where('teams.archived_at', 'is', null)
      .execute();
    return {
      id: user.id,
      name: user.name,
      role: user.role,
      siteId: user.site_id,
      teams: teams.map((t) => ({ id: t.id, siteId: t.site_id })),
      disabled: user.disabled_at !== null,
    };
  },
  async userNames(ids) {
    const out = new Map<string, string>();
    if (ids.length === 0) return out;
    const rows = await tx
      .selectFrom('users')
      .select(['id', 'name'])
      .where('id', 'in', [...new Set(ids)])
      .execute();
    for (const row of rows) out.set(row.id, row.name);
    return out;
  },
  async siteExists(id) {
    const row = await tx.selectFrom('sites').select('id').where('id', '=', id).executeTakeFirst();
    return row !== undefined;
  },
  async findTeam(id) {
    const row = await tx
      .selectFrom('teams')
      .select(['id', 'site_id', 'kind'])
      .where('id', '=', id)
      .where('archived_at', 'is', null)
      .executeTakeFirst();
    return row ? { id: row.id, siteId: row.site_id, kind: row.kind } : undefined;
  },
});
