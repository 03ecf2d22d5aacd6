import { PostgresAdapter, sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { CaseVisibility } from '../../modules/cases/index.ts';
import {
  toFtsMatch,
  toTsQuery,
  type QueryTerm,
  type SearchCandidate,
  type SearchFilter,
  type SearchRepository,
} from '../../modules/search/index.ts';
import { toDbTime } from '../codec.ts';
import type { Tx } from '../database.ts';
import type { Schema } from '../schema.ts';
import { caseVisibleTo } from './scope-sql.ts';
import { loadSearchableCases } from './search-index.ts';

/**
 * The search port: the index narrows to matching cases, newest first, joined to `cases` so the
 * caller's visibility (the same rule as `GET /cases`) and the filters apply in the same query.
 */

/** Visibility and filters as one WHERE condition on `cases`. */
const narrowing = (
  eb: ExpressionBuilder<Schema, 'cases'>,
  visibility: CaseVisibility,
  filter: SearchFilter,
): Expression<SqlBool> => {
  const all: Expression<SqlBool>[] = [];
  if (!visibility.all) all.push(caseVisibleTo(eb, visibility));
  if (filter.status) all.push(eb('cases.status', '=', filter.status));
  if (filter.siteId) all.push(eb('cases.site_id', '=', filter.siteId));
  if (filter.categoryId) all.push(eb('cases.category_id', '=', filter.categoryId));
  if (filter.from) all.push(eb('cases.created_at', '>=', toDbTime(filter.from)));
  if (filter.to) all.push(eb('cases.created_at', '<', toDbTime(filter.to)));
  return eb.and(all);
};

/** The narrowing for a query that joins `cases` to other tables. */
const onCases =
  (visibility: CaseVisibility, filter: SearchFilter) =>
  (eb: unknown): Expression<SqlBool> =>
    narrowing(eb as ExpressionBuilder<Schema, 'cases'>, visibility, filter);

const toCandidates = (
  rows: readonly { case_id: string; score: unknown }[],
  limit: number,
  negate: boolean,
): { candidates: SearchCandidate[]; more: boolean } => ({
  candidates: rows.slice(0, limit).map((row) => {
    const score = Number(row.score);
    return { caseId: row.case_id, score: Number.isFinite(score) ? (negate ? -score : score) : 0 };
  }),
  more: rows.length > limit,
});

/**
 * The search port on `tx`: FTS5 on SQLite, the tsvector GIN index on PostgreSQL, narrowed by the
 * caller's visibility (`caseVisibleTo`) and the filters in the same query.
 */
export const searchRepository = (tx: Tx): SearchRepository => {
  const isPostgres = tx.getExecutor().adapter instanceof PostgresAdapter;
  return {
    async matchCases(visibility, filter, terms: readonly QueryTerm[], limit) {
      if (!isPostgres) {
        const match = toFtsMatch(terms);
        if (match !== undefined) {
          // CROSS JOIN keeps FTS5 the outer loop, so it walks its matches newest first (descending
          // rowid) and stops at the limit; bm25 is lower for better matches, hence negated.
          const query = tx
            .selectFrom('search_fts')
            .crossJoin('search_cases')
            .crossJoin('cases')
            .select(['cases.id as case_id', sql<number>`bm25(search_fts)`.as('score')])
            .where(sql<boolean>`search_fts MATCH ${match}`)
            .whereRef('search_cases.id', '=', 'search_fts.rowid')
            .whereRef('cases.id', '=', 'search_cases.case_id');
          const rows = await query
            .where(onCases(visibility, filter))
            .orderBy('search_fts.rowid', 'desc')
            .limit(limit + 1)
            .execute();
          return toCandidates(rows, limit, true);
        }
      } else {
        const tsquery = toTsQuery(terms);
        if (tsquery !== undefined) {
          // The newest matches first, then ranked: ts_rank_cd reads each document, so only the kept ones.
          const inner = tx
            .selectFrom('search_documents')
            .innerJoin('cases', 'cases.id', 'search_documents.case_id')
            .select(['search_documents.case_id', 'search_documents.doc'])
            .where(sql<boolean>`search_documents.doc @@ ${tsquery}::tsquery`)
            .where(onCases(visibility, filter))
            .orderBy('search_documents.case_id', 'desc')
            .limit(limit + 1);
          const rows = await tx
            .selectFrom(inner.as('m'))
            .select(['m.case_id', sql<number>`ts_rank_cd(m.doc, ${tsquery}::tsquery)`.as('score')])
            .orderBy('m.case_id', 'desc')
            .execute();
          return toCandidates(rows, limit, false);
        }
      }
      // No indexed term: the newest cases in scope (the fallback scan checks them one by one).
      const rows = await tx
        .selectFrom('cases')
        .select(['cases.id as case_id', sql<number>`0`.as('score')])
        .where((eb) => narrowing(eb, visibility, filter))
        .orderBy('cases.id', 'desc')
        .limit(limit + 1)
        .execute();
      return toCandidates(rows, limit, false);
    },
    loadCases: (ids, textBudget) => loadSearchableCases(tx, ids, undefined, textBudget),
  };
};
