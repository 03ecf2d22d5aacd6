/** Pure edits of the composer's draft. Offsets are UTF-16 code units, as the text area and the coach count. */

/** A draft after an edit, and where the cursor goes. */
export interface Edited {
  text: string;
  cursor: number;
}

/** The values a best answer's placeholders take. */
export interface PlaceholderValues {
  customerName: string;
  caseRef: string;
}

/**
 * Fills `{{customerName}}` and `{{caseRef}}` (spaces inside the braces allowed) in a best answer's
 * body. Other `{{…}}` placeholders are left as written, so the agent sees what still needs words.
 */
export const fillPlaceholders = (body: string, values: PlaceholderValues): string =>
  body.replace(/\{\{\s*(customerName|caseRef)\s*\}\}/g, (_, name: keyof PlaceholderValues) => values[name]);

/** Replaces `draft[start, end)` with `insert`, clamping the range to the draft; the cursor lands after it. */
export const insertAt = (draft: string, start: number, end: number, insert: string): Edited => {
  const from = Math.max(0, Math.min(start, draft.length));
  const to = Math.max(from, Math.min(end, draft.length));
  return { text: draft.slice(0, from) + insert + draft.slice(to), cursor: from + insert.length };
};

/**
 * Inserts a block of text (a best answer) at the cursor on lines of its own: a line break is added
 * before it when the cursor is mid-line, and after it when text follows on the same line.
 */
export const insertBlock = (draft: string, start: number, end: number, block: string): Edited => {
  const from = Math.max(0, Math.min(start, draft.length));
  const to = Math.max(from, Math.min(end, draft.length));
  const before = from > 0 && draft[from - 1] !== '\n' ? '\n' : '';
  const after = to < draft.length && draft[to] !== '\n' ? '\n' : '';
  const edited = insertAt(draft, from, to, before + block + after);
  return { text: edited.text, cursor: from + before.length + block.length };
};

/** Opens the draft with a greeting on a line of its own (the coach's `address_by_name`). */
export const prependGreeting = (draft: string, greeting: string): Edited => {
  const body = draft.replace(/^\s+/, '');
  const text = body === '' ? `${greeting}\n` : `${greeting}\n${body}`;
  return { text, cursor: greeting.length + 1 };
};

/** Adds a sentence as a new last line (the coach's example next step). */
export const appendLine = (draft: string, line: string): Edited => {
  const body = draft.replace(/\s+$/, '');
  const text = body === '' ? line : `${body}\n${line}`;
  return { text, cursor: text.length };
};

/** A span the coach pointed at: where it was in the draft it read, and the words there. */
export interface DraftSpan {
  start: number;
  end: number;
  text: string;
}

/**
 * Where `span` is in `draft` now: at its offsets when the words are still there, else at the
 * occurrence of its words nearest to where they were (the agent kept typing after the check), else
 * nowhere (`undefined`).
 */
export const locateSpan = (draft: string, span: DraftSpan): { start: number; end: number } | undefined => {
  if (span.text === '') return undefined;
  if (draft.slice(span.start, span.end) === span.text) return { start: span.start, end: span.end };
  let best: number | undefined;
  for (let at = draft.indexOf(span.text); at !== -1; at = draft.indexOf(span.text, at + 1)) {
    if (best === undefined || Math.abs(at - span.start) < Math.abs(best - span.start)) best = at;
  }
  return best === undefined ? undefined : { start: best, end: best + span.text.length };
};

/** Replaces the words of `span` with `replacement` (the coach's `rephrase`); `undefined` when they are gone. */
export const replaceSpan = (draft: string, span: DraftSpan, replacement: string): Edited | undefined => {
  const at = locateSpan(draft, span);
  return at === undefined ? undefined : insertAt(draft, at.start, at.end, replacement);
};

/** The words around a span, for showing it highlighted in context. */
export interface SpanExcerpt {
  before: string;
  marked: string;
  after: string;
}

/** Up to `context` characters either side of `span` in `draft`, cut with an ellipsis and on one line. */
export const excerptAround = (draft: string, span: DraftSpan, context = 30): SpanExcerpt => {
  const start = Math.max(0, Math.min(span.start, draft.length));
  const end = Math.max(start, Math.min(span.end, draft.length));
  const from = Math.max(0, start - context);
  const to = Math.min(draft.length, end + context);
  const flat = (text: string) => text.replace(/\s+/g, ' ');
  return {
    before: (from > 0 ? '…' : '') + flat(draft.slice(from, start)),
    marked: flat(draft.slice(start, end)),
    after: flat(draft.slice(end, to)) + (to < draft.length ? '…' : ''),
  };
};

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as a `datetime-local` input's value, in the browser's time zone, to the minute. */
export const toLocalInput = (iso: string): string => {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
};

/** A `datetime-local` value (the browser's time zone) as an ISO 8601 instant; `undefined` when incomplete. */
export const fromLocalInput = (value: string): string | undefined => {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
};
