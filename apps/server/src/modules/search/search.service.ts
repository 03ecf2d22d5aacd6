import type { SearchQuery } from '@redress/contract';
import type { Context, UnitOfWork } from '../../shared/unit-of-work.ts';
import { requirePermission } from '../access/index.ts';
import { visibilityFor } from '../cases/index.ts';
import { termParts } from './search-highlight.ts';
import { compileQuery, indexedTerms } from './search-query.ts';
import type { SearchFilter, SearchRepository } from './search.repository.ts';
import { decodeCursor, encodeCursor, matchCase, rankCandidates, type SearchHit } from './search.ts';

export interface SearchServiceDeps {
  readonly store: UnitOfWork<SearchRepository>;
}

/**
 * Matches ranked per query when the index serves it. A very common word matches a large share of
 * all cases; ranking them all would cost time in proportion to the whole store, so the newest
 * `RANKED_MATCHES` are ranked and the response says `limited` when there were more.
 */
export const RANKED_MATCHES = 1_000;

/**
 * Cases the fallback scan reads when a term cannot be served by the index (a single Han
 * character, or no letters or digits at all): the newest cases in scope that match the other
 * terms, each checked text by text for the term as a folded substring.
 */
export const SCAN_LIMIT = 2_000;

/**
 * Characters of text the fallback scan reads per case: the subject, names and description, then
 * the newest messages, notes and calls until this many are read. Older texts of a long case are
 * not scanned, so one query reads at most `SCAN_LIMIT` × this, whatever the cases hold.
 */
export const SCAN_TEXT_BUDGET = 20_000;

/** Cases loaded per round trip while scanning. */
const SCAN_BATCH = 250;

export interface SearchResult {
  readonly items: readonly SearchHit[];
  readonly nextCursor: string | null;
  readonly limited: boolean;
}

/** Full-text search over the cases the caller may see (see search-text.ts for the analysis). */
export const createSearchService = ({ store }: SearchServiceDeps) => {
  /**
   * Cases matching every term of `query.q`, ranked, narrowed by the filters and by the caller's
   * visibility in SQL, with the fields matched and a highlighted snippet each.
   */
  const search = async (ctx: Context, query: SearchQuery): Promise<SearchResult> => {
    requirePermission(ctx.actor, 'case:read');
    const compiled = compileQuery(query.q);
    const limit = query.limit ?? 20;
    const filter: SearchFilter = {
      status: query.status,
      siteId: query.siteId,
      categoryId: query.categoryId,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
    };
    const visibility = visibilityFor(ctx.actor);
    const repo = store.read;
    const parts = termParts(compiled.terms);

    if (compiled.indexed) {
      const offset = decodeCursor(query.cursor, RANKED_MATCHES);
      const { candidates, more } = await repo.matchCases(visibility, filter, compiled.terms, RANKED_MATCHES);
      const ranked = rankCandidates(candidates);
      const page = ranked.slice(offset, offset + limit);
      const byId = new Map((await repo.loadCases(page.map((c) => c.caseId))).map((c) => [c.id, c]));
      const items: SearchHit[] = [];
      for (const candidate of page) {
        const record = byId.get(candidate.caseId);
        if (record) items.push(matchCase(record, parts, candidate.score).hit);
      }
      const next = offset + limit;
      return { items, nextCursor: next < ranked.length ? encodeCursor(next) : null, limited: more };
    }

    // The fallback: the index narrows by the terms it can serve, the scan checks the others.
    const offset = decodeCursor(query.cursor, SCAN_LIMIT);
    const { candidates, more } = await repo.matchCases(visibility, filter, indexedTerms(compiled), SCAN_LIMIT);
    const found: SearchHit[] = [];
    for (let i = 0; i < candidates.length; i += SCAN_BATCH) {
      const batch = candidates.slice(i, i + SCAN_BATCH);
      const byId = new Map(
        (
          await repo.loadCases(
            batch.map((c) => c.caseId),
            SCAN_TEXT_BUDGET,
          )
        ).map((c) => [c.id, c]),
      );
      for (const candidate of batch) {
        const record = byId.get(candidate.caseId);
        if (!record) continue;
        const { hit, complete } = matchCase(record, parts, candidate.score);
        if (complete) found.push(hit);
      }
    }
    const ranked = [...found].sort((a, b) => b.score - a.score);
    const next = offset + limit;
    return {
      items: ranked.slice(offset, next),
      nextCursor: next < ranked.length ? encodeCursor(next) : null,
      limited: more,
    };
  };

  return { search };
};

export type SearchService = ReturnType<typeof createSearchService>;
