import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { CaseVisibility } from '../../modules/cases/index.ts';
import type { Schema } from '../schema.ts';

/**
 * Site scope as SQL, in one place for every oversight and statistics query: the caller's sites
 * narrow the rows in the query itself (nothing is filtered after it), by the CASE's site — what a
 * supervisor is responsible for is the cases at their sites, whoever worked on them. The case
 * visibility rule (`caseVisibleTo`) lives here too, so listing, fetching and searching cases share it.
 */

/** Which sites a query counts: every site, or these (possibly none, which counts nothing). */
export interface SiteScope {
  readonly all: boolean;
  readonly siteIds: readonly string[];
}

const NOTHING = sql<SqlBool>`1 = 0`;
const EVERYTHING = sql<SqlBool>`1 = 1`;

/**
 * A WHERE condition: the case (its `site_id` column, `cases.site_id` unless named) is at one of
 * the scope's sites, or any case when the scope is all sites. A case without a site is seen only
 * by an all-sites scope, as in case visibility.
 */
export const caseAtSites = (scope: SiteScope, column = 'cases.site_id'): Expression<SqlBool> => {
  if (scope.all) return EVERYTHING;
  if (scope.siteIds.length === 0) return NOTHING;
  return sql<SqlBool>`${sql.ref(column)} in (${sql.join([...scope.siteIds])})`;
};

/**
 * A WHERE condition: the case (alias `cases` unless named) is still being worked — not closed and
 * not merged into another. What waits on a closed case no longer waits for anyone.
 */
export const caseIsOpen = (table = 'cases'): Expression<SqlBool> =>
  sql<SqlBool>`(${sql.ref(`${table}.status`)} <> 'closed' and ${sql.ref(`${table}.merged_into_id`)} is null)`;

/**
 * A WHERE condition on `cases`: the case is visible under `v` — the one rule of `GET /cases`,
 * fetching a case and search. Any case when `v.all`; otherwise cases at the caller's sites, their
 * own cases, and cases they or their teams have a task on. The tasks are an uncorrelated
 * `IN (SELECT …)`: the database reads the caller's few task cases once per query instead of probing
 * `internal_tasks` for each candidate row (search checks up to a thousand matches per query).
 */
export const caseVisibleTo = (eb: ExpressionBuilder<Schema, 'cases'>, v: CaseVisibility): Expression<SqlBool> => {
  if (v.all) return EVERYTHING;
  const reach: Expression<SqlBool>[] = [];
  if (v.siteIds.length > 0) reach.push(eb('cases.site_id', 'in', [...v.siteIds]));
  if (v.userId) reach.push(eb('cases.owner_id', '=', v.userId));
  const teamIds = [...v.teamIds];
  const userId = v.userId;
  if (teamIds.length > 0 || userId) {
    const tasks = eb
      .selectFrom('internal_tasks as vt')
      .select('vt.case_id')
      .where((inner) =>
        inner.or([
          ...(teamIds.length > 0 ? [inner('vt.assignee_team_id', 'in', teamIds)] : []),
          ...(userId ? [inner('vt.assignee_user_id', '=', userId)] : []),
        ]),
      );
    reach.push(eb('cases.id', 'in', tasks));
  }
  return reach.length > 0 ? eb.or(reach) : NOTHING;
};
