import type { CaseSignalDto } from '@redress/contract';
import { Fragment } from 'react';

export interface Span {
  start: number;
  end: number;
  /** What the marked words triggered, read by screen readers and shown on hover. */
  label: string;
}

export type Segment = { text: string; mark: false } | { text: string; mark: true; label: string };

/**
 * Where a signal's evidence sits in `text`: its UTF-16 offsets when they point at the evidence,
 * else the evidence's first occurrence (the text may have been normalised since it was analysed),
 * else nowhere.
 */
export const locateEvidence = (text: string, signal: Pick<CaseSignalDto, 'start' | 'end' | 'evidence'>) => {
  if (signal.end > signal.start && text.slice(signal.start, signal.end) === signal.evidence) {
    return { start: signal.start, end: signal.end };
  }
  if (!signal.evidence) return null;
  const at = text.indexOf(signal.evidence);
  return at === -1 ? null : { start: at, end: at + signal.evidence.length };
};

/**
 * Splits `text` into plain and marked segments. Spans are taken in order of their start; a span
 * overlapping one already taken is dropped (its words are marked already).
 */
export const segmentText = (text: string, spans: readonly Span[]): Segment[] => {
  const ordered = [...spans]
    .filter((span) => span.start >= 0 && span.end <= text.length && span.end > span.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const segments: Segment[] = [];
  let cursor = 0;
  for (const span of ordered) {
    if (span.start < cursor) continue;
    if (span.start > cursor) segments.push({ text: text.slice(cursor, span.start), mark: false });
    segments.push({ text: text.slice(span.start, span.end), mark: true, label: span.label });
    cursor = span.end;
  }
  if (cursor < text.length) segments.push({ text: text.slice(cursor), mark: false });
  return segments;
};

/** `text` with the given spans in `<mark>`, each titled with what it triggered. */
export const Highlighted = ({ text, spans }: { text: string; spans: readonly Span[] }) => (
  <>
    {segmentText(text, spans).map((segment, index) =>
      segment.mark ? (
        <mark key={index} title={segment.label}>
          {segment.text}
        </mark>
      ) : (
        <Fragment key={index}>{segment.text}</Fragment>
      ),
    )}
  </>
);
