import { sql, type Expression, type SqlBool } from 'kysely';

/**
 * Site scope as SQL, in one place for every oversight and statistics query: the caller's sites
 * narrow the rows in the query itself (nothing is filtered after it), by the CASE's site — what a
 * supervisor is responsible for is the cases at their sites, whoever worked on them.
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
