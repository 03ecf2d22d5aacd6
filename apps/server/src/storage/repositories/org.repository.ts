import type { Role, TeamKind } from '@redress/contract';
import { sql, type SqlBool } from 'kysely';
import type { Colleague, OrgRepository, Site, Team } from '../../modules/org/index.ts';
import { readTime, toDbTime } from '../codec.ts';
import type { Tx } from '../database.ts';
import { appendEvent } from '../events.ts';

const toSite = (row: { id: string; name: string; code: string; time_zone: string; created_at: unknown }): Site => ({
  id: row.id,
  name: row.name,
  code: row.code,
  timeZone: row.time_zone,
  createdAt: readTime(row.created_at),
});

/** A LIKE pattern matching `q` anywhere, lower-cased, with LIKE's own characters taken literally. */
const containsPattern = (q: string): string => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The organisation port over Kysely. */
export const orgRepository = (tx: Tx): OrgRepository => {
  const membersOf = async (teamIds: readonly string[]): Promise<Map<string, string[]>> => {
    const members = new Map<string, string[]>();
    if (teamIds.length === 0) return members;
    const rows = await tx
      .selectFrom('team_members')
      .select(['team_id', 'user_id'])
      .where('team_id', 'in', teamIds)
      .orderBy('user_id')
      .execute();
    for (const row of rows) members.set(row.team_id, [...(members.get(row.team_id) ?? []), row.user_id]);
    return members;
  };

  const listTeams: OrgRepository['listTeams'] = async (filter) => {
    let query = tx.selectFrom('teams').selectAll().where('archived_at', 'is', null).orderBy('name').orderBy('id');
    if (filter.siteId) query = query.where('site_id', '=', filter.siteId);
    if (filter.kind) query = query.where('kind', '=', filter.kind);
    const rows = await query.execute();
    const members = await membersOf(rows.map((r) => r.id));
    return rows.map((row): Team => ({
      id: row.id,
      name: row.name,
      kind: row.kind as TeamKind,
      siteId: row.site_id,
      memberIds: members.get(row.id) ?? [],
      createdAt: readTime(row.created_at),
    }));
  };

  /**
   * The site scope is one condition in the query: a user at one of the sites, or in a team at one
   * of them (an uncorrelated `IN (SELECT …)`, read once per query). Archived teams place no one.
   */
  const listColleagues: OrgRepository['listColleagues'] = async (filter) => {
    if (!filter.allSites && filter.siteIds.length === 0) return [];
    const siteIds = [...filter.siteIds];
    let query = tx
      .selectFrom('users')
      .select(['users.id', 'users.name', 'users.role', 'users.site_id'])
      .where('users.disabled_at', 'is', null)
      .orderBy('users.name')
      .orderBy('users.id')
      .limit(filter.limit);
    if (!filter.allSites) {
      query = query.where((eb) =>
        eb.or([
          eb('users.site_id', 'in', siteIds),
          eb(
            'users.id',
            'in',
            eb
              .selectFrom('team_members as st')
              .innerJoin('teams as steam', 'steam.id', 'st.team_id')
              .select('st.user_id')
              .where('steam.archived_at', 'is', null)
              .where('steam.site_id', 'in', siteIds),
          ),
        ]),
      );
    }
    const q = filter.q?.trim();
    if (q) query = query.where(sql<SqlBool>`lower(${sql.ref('users.name')}) like ${containsPattern(q)} escape '\\'`);
    const rows = await query.execute();
    if (rows.length === 0) return [];
    const memberships = await tx
      .selectFrom('team_members')
      .innerJoin('teams', 'teams.id', 'team_members.team_id')
      .select(['team_members.user_id', 'team_members.team_id'])
      .where('teams.archived_at', 'is', null)
      .where(
        'team_members.user_id',
        'in',
        rows.map((row) => row.id),
      )
      .orderBy('team_members.team_id')
      .execute();
    const teamsOf = new Map<string, string[]>();
    for (const row of memberships) teamsOf.set(row.user_id, [...(teamsOf.get(row.user_id) ?? []), row.team_id]);
    return rows.map((row): Colleague => ({
      id: row.id,
      name: row.name,
      role: row.role as Role,
      siteId: row.site_id,
      teamIds: teamsOf.get(row.id) ?? [],
    }));
  };

  return {
    async listSites() {
      const rows = await tx.selectFrom('sites').selectAll().where('archived_at', 'is', null).orderBy('code').execute();
      return rows.map(toSite);
    },
    async findSite(id) {
      const row = await tx.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toSite(row) : undefined;
    },
    async findSiteByCode(code) {
      const row = await tx.selectFrom('sites').selectAll().where('code', '=', code).executeTakeFirst();
      return row ? toSite(row) : undefined;
    },
    async insertSite(site) {
      await tx
        .insertInto('sites')
        .values({
          id: site.id,
          name: site.name,
          code: site.code,
          time_zone: site.timeZone,
          created_at: toDbTime(site.createdAt),
          archived_at: null,
        })
        .execute();
    },
    listTeams,
    async findTeam(id) {
      const row = await tx
        .selectFrom('teams')
        .selectAll()
        .where('id', '=', id)
        .where('archived_at', 'is', null)
        .executeTakeFirst();
      if (!row) return undefined;
      const members = await membersOf([row.id]);
      return {
        id: row.id,
        name: row.name,
        kind: row.kind as TeamKind,
        siteId: row.site_id,
        memberIds: members.get(row.id) ?? [],
        createdAt: readTime(row.created_at),
      };
    },
    async insertTeam(team) {
      await tx
        .insertInto('teams')
        .values({
          id: team.id,
          name: team.name,
          kind: team.kind,
          site_id: team.siteId,
          created_at: toDbTime(team.createdAt),
          archived_at: null,
        })
        .execute();
    },
    async addMember(teamId, userId, at) {
      const result = await tx
        .insertInto('team_members')
        .values({ team_id: teamId, user_id: userId, created_at: toDbTime(at) })
        .onConflict((oc) => oc.columns(['team_id', 'user_id']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
    },
    async removeMember(teamId, userId) {
      const result = await tx
        .deleteFrom('team_members')
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async userExists(userId) {
      return (await tx.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst()) !== undefined;
    },
    listColleagues,
    async setUserSite(userId, siteId, at) {
      await tx
        .updateTable('users')
        .set({ site_id: siteId, updated_at: toDbTime(at) })
        .where('id', '=', userId)
        .execute();
    },
    async appendEvent(event) {
      await appendEvent(tx, event);
    },
  };
};
