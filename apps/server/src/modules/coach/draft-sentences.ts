import { foldText, type FoldedText } from '../../shared/text/fold.ts';
import type { TimeExpression } from './time-expressions.ts';

/**
 * A draft cut into sentences and clauses, read once, so that whether the words around a time
 * promise or ask something is a look-up, not a re-read of the draft — a long Thai draft has no
 * sentence marks and would otherwise be folded again for every time in it.
 */

/** `[start, end)` in the draft as written, UTF-16 units. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A draft, its folded form, and for each original unit where its folded form starts. */
export interface DraftText {
  readonly text: string;
  readonly folded: FoldedText;
  readonly foldedAt: Int32Array;
}

/** Folds `text` once and maps each original unit to its folded position, for slicing spans folded. */
export const readDraft = (text: string): DraftText => {
  const folded = foldText(text);
  const foldedAt = new Int32Array(text.length + 1).fill(-1);
  for (let i = folded.text.length - 1; i >= 0; i -= 1) foldedAt[folded.origin[i] ?? 0] = i;
  foldedAt[text.length] = folded.text.length;
  // A unit that folds to nothing of its own (the second half of a surrogate pair) starts where the next does.
  for (let i = text.length - 1; i >= 0; i -= 1) if (foldedAt[i] === -1) foldedAt[i] = foldedAt[i + 1] ?? 0;
  return { text, folded, foldedAt };
};

/** The folded text of a span of the original. */
export const foldedSlice = (draft: DraftText, span: Span): string =>
  draft.folded.text.slice(draft.foldedAt[span.start] ?? 0, draft.foldedAt[span.end] ?? draft.folded.text.length);

const HARD_STOP = /[。！？!?；;\n]/;
const CLAUSE_MARK = /[，,、：:]/;
const SPACE = /\s/;
const THAI = /\p{Script=Thai}/u;

/**
 * The draft's sentences: cut after 。！？!?；; and line breaks, and after a full stop followed by a
 * space — except a stop that is part of a time ("3 p.m.", "15.00 น.").
 */
export const sentencesOf = (text: string, times: readonly TimeExpression[]): Span[] => {
  const inTime = new Uint8Array(text.length);
  for (const t of times) inTime.fill(1, t.start, t.end);
  const sentences: Span[] = [];
  let from = 0;
  let blank = true;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] ?? '';
    if (!SPACE.test(char)) blank = false;
    const stop = char === '.' && SPACE.test(text[i + 1] ?? ' ') && inTime[i] === 0;
    if (HARD_STOP.test(char) || stop) {
      if (!blank) sentences.push({ start: from, end: i + 1 });
      from = i + 1;
      blank = true;
    }
  }
  if (!blank) sentences.push({ start: from, end: text.length });
  return sentences;
};

/**
 * The clauses of a sentence: cut at Chinese and Latin commas and colons, and at spaces between Thai
 * words (Thai marks clauses with a space).
 */
export const clausesOf = (text: string, sentence: Span): Span[] => {
  const clauses: Span[] = [];
  let from = sentence.start;
  for (let i = sentence.start; i < sentence.end; i += 1) {
    const char = text[i] ?? '';
    let cut = CLAUSE_MARK.test(char);
    if (!cut && SPACE.test(char) && THAI.test(text[i - 1] ?? '')) {
      let next = i + 1;
      while (next < sentence.end && SPACE.test(text[next] ?? '')) next += 1;
      cut = THAI.test(text[next] ?? '');
    }
    if (cut) {
      if (i > from) clauses.push({ start: from, end: i });
      from = i + 1;
    }
  }
  if (sentence.end > from) clauses.push({ start: from, end: sentence.end });
  return clauses;
};

/** A time expression and what the words around it do. */
export interface TimedSentence {
  readonly time: TimeExpression;
  readonly sentence: Span;
  /** We undertake something by then. */
  readonly promise: boolean;
  /** We ask the customer for something by then. */
  readonly request: boolean;
  /** The clause with the time, widened by the neighbour that holds the promising words. */
  readonly promiseText: string;
}

/** Tests folded text for promising or asking words. */
export interface Markers {
  readonly promises: (folded: string) => boolean;
  readonly requests: (folded: string) => boolean;
}

const containing = (spans: readonly Span[], at: number): number => {
  let low = 0;
  let high = spans.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const span = spans[mid];
    if (!span) break;
    if (at < span.start) high = mid - 1;
    else if (at >= span.end) low = mid + 1;
    else return mid;
  }
  return -1;
};

/**
 * Reads the words around each time. A time is promised when its clause promises, or — unless that
 * clause asks the customer for something — a neighbouring clause does ("我们会为您退款，明天下午三点前
 * 打电话确认"); the promise's words are those clauses. It is a request when its sentence asks the
 * customer for something.
 */
export const timedSentences = (
  draft: DraftText,
  times: readonly TimeExpression[],
  sentences: readonly Span[],
  markers: Markers,
): TimedSentence[] => {
  const clauses = sentences.map((s) => clausesOf(draft.text, s));
  const requestIn = new Map<number, boolean>();
  return times.map((time) => {
    const index = containing(sentences, time.start);
    const sentence = sentences[index] ?? { start: time.start, end: time.end };
    let request = requestIn.get(index);
    if (request === undefined) {
      request = markers.requests(foldedSlice(draft, sentence));
      requestIn.set(index, request);
    }
    const own = clauses[index] ?? [sentence];
    const at = containing(own, time.start);
    const clause = own[at] ?? sentence;
    let start = clause.start;
    let end = Math.max(clause.end, time.end);
    const promisingAt = (span: Span | undefined): boolean =>
      span !== undefined && markers.promises(foldedSlice(draft, span));
    let promise = promisingAt(clause);
    if (!promise && !markers.requests(foldedSlice(draft, clause))) {
      const before = own[at - 1];
      const after = own[at + 1];
      if (promisingAt(before) && before) {
        start = before.start;
        promise = true;
      } else if (promisingAt(after) && after) {
        end = after.end;
        promise = true;
      }
    }
    return { time, sentence, promise, request, promiseText: draft.text.slice(start, end).trim() };
  });
};

/** The sentence holding `at`, or undefined. */
export const sentenceAt = (sentences: readonly Span[], at: number): Span | undefined =>
  sentences[containing(sentences, at)];
