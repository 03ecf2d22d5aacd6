import type { SearchHitDto, SearchResultDto } from '@redress/contract';
import type { SearchResult } from './search.service.ts';
import type { SearchHit } from './search.ts';

/** One hit as the API shows it: plain text and offsets, never HTML. */
export const presentSearchHit = (hit: SearchHit): SearchHitDto => ({
  id: hit.case.id,
  ref: hit.case.ref,
  subject: hit.case.subject,
  status: hit.case.status,
  siteId: hit.case.siteId,
  createdAt: hit.case.createdAt.toISOString(),
  score: Number.isFinite(hit.score) ? hit.score : 0,
  fields: [...hit.fields],
  snippet: hit.snippet
    ? {
        field: hit.snippet.field,
        eventId: hit.snippet.eventId,
        text: hit.snippet.text,
        highlights: hit.snippet.highlights.map((r) => ({ start: r.start, end: r.end })),
      }
    : null,
});

export const presentSearchResult = (result: SearchResult): SearchResultDto => ({
  items: result.items.map(presentSearchHit),
  nextCursor: result.nextCursor,
  limited: result.limited,
});
