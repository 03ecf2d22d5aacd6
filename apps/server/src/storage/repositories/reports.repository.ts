import { PostgresAdapter, sql, type Expression, type SqlBool } from 'kysely';
import type { ReportRange, ReportsRepository, SiteFilter } from '../../modules/reports/index.ts';
import { readInt, readJson, toDbTime } from '../codec.ts';
import type { Tx } from '../database.ts';
import { caseAtSites, caseIsOpen } from './scope-sql.ts';

/**
 * The managers' reports on Kysely, for SQLite and PostgreSQL: every figure is one grouped query,
 * narrowed in SQL to the caller's sites by the case's site. Conditional counts are
 * `sum(case when … then 1 else 0 end)`, which both backends read the same way.
 */

/** `sum(case when <condition> then 1 else 0 end)`. */
const countWhen = (condition: Expression<SqlBool>) => sql<number>`sum(case when ${condition} then 1 else 0 end)`;

/** Still being worked by its owner: neither resolved nor closed, and not merged into another case. */
const caseInProgress = sql<SqlBool>`(cases.status not in ('resolved', 'closed') and cases.merged_into_id is null)`;

/** A sum over no rows is null. */
const count = (value: unknown): number => (value === null || value === undefined ? 0 : readInt(value));

export const reportsRepository = (db: Tx): ReportsRepository => {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;

  /** Cases created in the range at `sites`; a case merged into another is the same complaint, counted once. */
  const casesCreated = (sites: SiteFilter, range: ReportRange) =>
    db
      .selectFrom('cases')
      .where('cases.created_at', '>=', toDbTime(range.from))
      .where('cases.created_at', '<', toDbTime(range.to))
      .where('cases.merged_into_id', 'is', null)
      .where(caseAtSites(sites));

  return {
    async casesByCategory(sites, range) {
      const rows = await casesCreated(sites, range)
        .select((eb) => ['cases.category_id', eb.fn.countAll().as('n')])
        .groupBy('cases.category_id')
        .execute();
      return rows.map((r) => ({ categoryId: r.category_id, count: readInt(r.n) }));
    },

    async casesByDay(sites, range) {
      // Instants are stored as UTC ISO text on SQLite (its first ten characters are the UTC day)
      // and as timestamptz on PostgreSQL.
      const day = isPostgres
        ? sql<string>`to_char(cases.created_at at time zone 'UTC', 'YYYY-MM-DD')`
        : sql<string>`substr(cases.created_at, 1, 10)`;
      const rows = await casesCreated(sites, range)
        .select((eb) => [day.as('day'), eb.fn.countAll().as('n')])
        .groupBy(day)
        .execute();
      return rows.map((r) => ({ day: r.day, count: readInt(r.n) }));
    },

    async clockCompliance(sites, range, now) {
      const at = toDbTime(now);
      const runningPastDue = sql<SqlBool>`(c.state = 'running' and c.due_at <= ${at})`;
      const metLate = sql<SqlBool>`(c.state = 'met' and c.settled_at > c.due_at)`;
      const breached = sql<SqlBool>`(c.breached_at is not null or ${metLate} or ${runningPastDue})`;
      const metInTime = sql<SqlBool>`(c.state = 'met' and c.breached_at is null and (c.settled_at is null or c.settled_at <= c.due_at))`;
      const stillRunning = sql<SqlBool>`(c.state in ('running', 'paused') and c.breached_at is null and not ${runningPastDue})`;
      const rows = await db
        .selectFrom('service_clocks as c')
        .innerJoin('cases', 'cases.id', 'c.case_id')
        .where('c.due_at', '>=', toDbTime(range.from))
        .where('c.due_at', '<', toDbTime(range.to))
        .where(caseAtSites(sites))
        .select([
          'c.kind',
          countWhen(metInTime).as('met'),
          countWhen(breached).as('breached'),
          countWhen(stillRunning).as('running'),
        ])
        .groupBy('c.kind')
        .execute();
      return rows.map((r) => ({
        kind: r.kind,
        met: count(r.met),
        breached: count(r.breached),
        running: count(r.running),
      }));
    },

    async promiseOutcomes(sites, range, now) {
      const status = (value: string) => sql<SqlBool>`m.status = ${value}`;
      const row = await db
        .selectFrom('commitments as m')
        .innerJoin('cases', 'cases.id', 'm.case_id')
        .where('m.due_at', '>=', toDbTime(range.from))
        .where('m.due_at', '<', toDbTime(range.to))
        .where(caseAtSites(sites))
        .select([
          countWhen(status('kept')).as('kept'),
          countWhen(status('broken')).as('broken'),
          countWhen(status('renegotiated')).as('renegotiated'),
          countWhen(status('open')).as('open'),
          countWhen(sql<SqlBool>`(m.status = 'open' and m.due_at <= ${toDbTime(now)})`).as('overdue'),
        ])
        .executeTakeFirstOrThrow();
      return {
        kept: count(row.kept),
        broken: count(row.broken),
        renegotiated: count(row.renegotiated),
        open: count(row.open),
        overdue: count(row.overdue),
      };
    },

    async categories() {
      const rows = await db.selectFrom('categories').select(['id', 'parent_id', 'names']).execute();
      return rows.map((r) => ({ id: r.id, parentId: r.parent_id, names: readJson<Record<string, string>>(r.names) }));
    },

    async workload(sites, now) {
      const at = toDbTime(now);
      let people = db
        .selectFrom('users')
        .select(['users.id', 'users.name', 'users.role'])
        .where('users.disabled_at', 'is', null);
      if (!sites.all) {
        const siteIds = [...sites.siteIds];
        if (siteIds.length === 0) return [];
        people = people.where((eb) =>
          eb.or([
            eb('users.site_id', 'in', siteIds),
            eb(
              'users.id',
              'in',
              eb
                .selectFrom('team_members as tm')
                .innerJoin('teams as t', 't.id', 'tm.team_id')
                .select('tm.user_id')
                .where('t.archived_at', 'is', null)
                .where('t.site_id', 'in', siteIds),
            ),
          ]),
        );
      }
      const [users, cases, clocks, promises, tasks] = await Promise.all([
        people.execute(),
        db
          .selectFrom('cases')
          .where(caseInProgress)
          .where(caseAtSites(sites))
          .select((eb) => ['cases.owner_id as user_id', eb.fn.countAll().as('n')])
          .groupBy('cases.owner_id')
          .execute(),
        db
          .selectFrom('service_clocks as c')
          .innerJoin('cases', 'cases.id', 'c.case_id')
          .where('c.state', '=', 'running')
          .where((eb) => eb.or([eb('c.breached_at', 'is not', null), eb('c.due_at', '<=', at)]))
          .where(caseInProgress)
          .where(caseAtSites(sites))
          .select((eb) => ['cases.owner_id as user_id', eb.fn.countAll().as('n')])
          .groupBy('cases.owner_id')
          .execute(),
        db
          .selectFrom('commitments as m')
          .innerJoin('cases', 'cases.id', 'm.case_id')
          .where('m.status', '=', 'open')
          .where('m.made_by', 'is not', null)
          .where(caseIsOpen())
          .where(caseAtSites(sites))
          .select((eb) => [
            'm.made_by as user_id',
            eb.fn.countAll().as('n'),
            countWhen(sql<SqlBool>`m.due_at <= ${at}`).as('overdue'),
          ])
          .groupBy('m.made_by')
          .execute(),
        db
          .selectFrom('internal_tasks as k')
          .innerJoin('cases', 'cases.id', 'k.case_id')
          .where('k.status', '=', 'open')
          .where('k.assignee_user_id', 'is not', null)
          .where(caseIsOpen())
          .where(caseAtSites(sites))
          .select((eb) => ['k.assignee_user_id as user_id', eb.fn.countAll().as('n')])
          .groupBy('k.assignee_user_id')
          .execute(),
      ]);
      const byUser = (rows: readonly { user_id: string | null; n: unknown }[]) =>
        new Map(rows.map((r) => [r.user_id, count(r.n)]));
      const owned = byUser(cases);
      const breached = byUser(clocks);
      const made = byUser(promises);
      const overdue = new Map(promises.map((r) => [r.user_id, count(r.overdue)]));
      const assigned = byUser(tasks);
      return users.map((u) => ({
        userId: u.id,
        name: u.name,
        role: u.role,
        openCases: owned.get(u.id) ?? 0,
        breachedClocks: breached.get(u.id) ?? 0,
        openCommitments: made.get(u.id) ?? 0,
        overdueCommitments: overdue.get(u.id) ?? 0,
        openTasks: assigned.get(u.id) ?? 0,
      }));
    },
  };
};
