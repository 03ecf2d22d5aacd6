import type { SearchField } from '@redress/contract';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import { findParts, makeSnippet, mergeRanges, type Range, type Snippet, type TermPart } from './search-highlight.ts';
import type { SearchableCase, SearchCandidate } from './search.repository.ts';

/** A case found, as the service returns it. */
export interface SearchHit {
  readonly case: Omit<SearchableCase, 'texts'>;
  readonly score: number;
  readonly fields: readonly SearchField[];
  readonly snippet: (Snippet & { readonly field: SearchField; readonly eventId: string | null }) | null;
}

/** Which field's snippet wins a tie: the case's own words first, the customer's name last. */
const FIELD_ORDER: readonly SearchField[] = ['subject', 'description', 'message', 'note', 'call', 'customer'];

/**
 * Where the parts stand in a case's texts: the fields they were found in, whether every part was
 * found somewhere in the case (the fallback scan's test), and a snippet from the text holding the
 * most parts (ties: subject, description, messages … customer; then the first listed).
 */
export const matchCase = (
  record: SearchableCase,
  parts: readonly TermPart[],
  score: number,
): { hit: SearchHit; complete: boolean } => {
  const found = new Set<string>();
  const fields = new Set<SearchField>();
  let best: { index: number; keys: number; ranges: Range[] } | undefined;
  record.texts.forEach((text, index) => {
    const hits = findParts(text.text, parts);
    if (hits.size === 0) return;
    fields.add(text.field);
    for (const key of hits.keys()) found.add(key);
    const ranges = mergeRanges([...hits.values()].flat());
    const better =
      !best ||
      hits.size > best.keys ||
      (hits.size === best.keys &&
        FIELD_ORDER.indexOf(text.field) < FIELD_ORDER.indexOf(record.texts[best.index]!.field));
    if (better) best = { index, keys: hits.size, ranges };
  });
  const { texts, ...summary } = record;
  const chosen = best ? texts[best.index] : undefined;
  // Nothing highlighted (the index matched text the highlighter was not shown): the case's own words.
  const fallback = texts.find((t) => t.field === 'subject') ?? texts.find((t) => t.field === 'description');
  const source = chosen ?? fallback;
  const snippet = source
    ? { field: source.field, eventId: source.eventId, ...makeSnippet(source.text, best?.ranges ?? []) }
    : null;
  return {
    hit: { case: summary, score, fields: FIELD_ORDER.filter((f) => fields.has(f)), snippet },
    complete: parts.every((p) => found.has(p.key)),
  };
};

/**
 * Candidates in rank order: higher score first, then newer (candidates arrive newest first, and
 * the sort is stable).
 */
export const rankCandidates = (candidates: readonly SearchCandidate[]): SearchCandidate[] =>
  [...candidates].sort((a, b) => b.score - a.score);

/** A page position as an opaque cursor. */
export const encodeCursor = (offset: number): string =>
  Buffer.from(JSON.stringify({ o: offset })).toString('base64url');

/** The offset a cursor stands for; `validation_failed` when it is not one of ours. */
export const decodeCursor = (cursor: string | undefined, max: number): number => {
  if (cursor === undefined) return 0;
  let offset: unknown;
  try {
    offset = (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o?: unknown }).o;
  } catch {
    offset = undefined;
  }
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0 || offset > max) {
    throw new AppError(ErrorCode.ValidationFailed, 'Not a search cursor', [
      { field: '/querystring/cursor', message: 'is not a cursor from a previous page' },
    ]);
  }
  return offset;
};
