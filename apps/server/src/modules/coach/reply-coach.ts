import { guessLanguage, type TextLanguage } from '../../shared/text/detect-language.ts';
import { foldPattern, originalSpan, type FoldedText } from '../../shared/text/fold.ts';
import { tokenize } from '../../shared/text/segment.ts';
import {
  ACTION_PATTERNS,
  DEFENSIVE_PATTERNS,
  DEFENSIVE_REWRITES,
  DefensiveKinds,
  GREETINGS,
  NEXT_STEP_EXAMPLES,
  PROMISE_PATTERNS,
  REQUEST_PATTERNS,
  RITUAL_APOLOGY_PATTERNS,
  type DefensiveKind,
} from './coach-phrases.ts';
import { readDraft, sentenceAt, sentencesOf, timedSentences, type Markers } from './draft-sentences.ts';
import { draftUses, keyWords, namePatterns, stem, wordsNeeded } from './customer-words.ts';
import { findTimeExpressions, type TimeExpression } from './time-expressions.ts';

/**
 * The reply coach (pillar 6; articles 001, 002, 004): reads an agent's draft before it is sent and
 * says, with the words behind each finding, whether it addresses the customer by name, restates
 * the problem in the customer's own words, gives a concrete next step with a time, avoids
 * defensive and blame-shifting phrases, does not let a ritual apology stand alone, and makes no
 * promise with a time that no open commitment backs. Pure: the clock and the case's facts are passed in.
 */

export type CoachFindingCode =
  | 'missing_name'
  | 'no_restatement'
  | 'no_next_step'
  | 'defensive_phrase'
  | 'ritual_apology_alone'
  | 'unbacked_promise'
  | 'language_mismatch';
/** How much a finding matters: an error is worth fixing before sending, info is a remark. */
export type CoachSeverity = 'error' | 'warning' | 'info';

/** `[start, end)` in the draft as written (UTF-16 units), and the words there. */
export interface CoachSpan {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** What the agent could do about a finding. */
export type CoachSuggestion =
  | { readonly action: 'address_by_name'; readonly text: string }
  | { readonly action: 'use_customer_words'; readonly words: readonly string[] }
  | { readonly action: 'add_next_step'; readonly text: string }
  | { readonly action: 'rephrase'; readonly text: string }
  | { readonly action: 'create_commitment'; readonly dueAt: Date; readonly text: string }
  | { readonly action: 'write_in_language'; readonly language: TextLanguage };

/**
 * One finding. `message` is English; a console shows its own translation of `code` filled with
 * `params`.
 */
export interface CoachFinding {
  readonly code: CoachFindingCode;
  readonly severity: CoachSeverity;
  readonly message: string;
  readonly params: Readonly<Record<string, string | number | readonly string[]>>;
  readonly spans: readonly CoachSpan[];
  readonly suggestion: CoachSuggestion | null;
}

/** An open promise on the case. */
export interface OpenCommitment {
  readonly dueAt: Date;
  readonly text: string;
}

/** What the coach knows of the case. */
export interface CoachContext {
  /** The customer's language; detected from the draft when absent. */
  readonly language?: TextLanguage | null | undefined;
  /** The customer's name as recorded. */
  readonly customerName: string;
  /** Other forms they are known by (a preferred name, a nickname). */
  readonly nameForms?: readonly string[] | undefined;
  /** The customer's own words: subject, description, inbound messages. */
  readonly customerWords: readonly string[];
  readonly openCommitments: readonly OpenCommitment[];
  /** IANA zone relative times in the draft ("tomorrow", "by 3 pm") are read in. */
  readonly timeZone: string;
}

/** The coach's reading of a draft: the language it judged the draft in, and what it found. */
export interface CoachResult {
  readonly language: TextLanguage;
  readonly findings: CoachFinding[];
}

/** Below this share of letters in one script, the draft's language is not worth remarking on. */
const MISMATCH_CONFIDENCE = 0.6;

const compile = (sources: readonly string[]): RegExp[] => sources.map((s) => new RegExp(foldPattern(s), 'gu'));
const DEFENSIVE = DefensiveKinds.map((kind) => ({ kind, patterns: compile(DEFENSIVE_PATTERNS[kind]) }));
const APOLOGIES = compile(RITUAL_APOLOGY_PATTERNS);
const PROMISES = compile(PROMISE_PATTERNS);
const REQUESTS = compile(REQUEST_PATTERNS);
const ACTIONS = compile(ACTION_PATTERNS);

interface Match {
  readonly start: number;
  readonly end: number;
}

/** Every match of `patterns` in the folded text, overlaps dropped (the earlier and longer kept). */
const matchesOf = (patterns: readonly RegExp[], folded: string): Match[] => {
  const all: Match[] = [];
  for (const pattern of patterns) {
    pattern.lastIndex = 0;
    for (let x = pattern.exec(folded); x !== null; x = pattern.exec(folded)) {
      if (x[0].length === 0) pattern.lastIndex += 1;
      else all.push({ start: x.index, end: x.index + x[0].length });
    }
  }
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Match[] = [];
  let reached = 0;
  for (const m of all) {
    if (m.start < reached) continue;
    kept.push(m);
    reached = m.end;
  }
  return kept;
};

const anyMatch = (patterns: readonly RegExp[], folded: string): boolean =>
  patterns.some((p) => {
    p.lastIndex = 0;
    return p.test(folded);
  });

const MARKERS: Markers = {
  promises: (folded) => anyMatch(PROMISES, folded),
  requests: (folded) => anyMatch(REQUESTS, folded),
};

const spanOf = (draft: string, folded: FoldedText, m: Match): CoachSpan => {
  const { start, end } = originalSpan(folded, m.start, m.end);
  return { start, end, text: draft.slice(start, end) };
};

/** True when an open commitment is due within the instants the words allow. */
const backedBy = (time: TimeExpression, commitments: readonly OpenCommitment[]): boolean =>
  commitments.some((c) => c.dueAt.getTime() >= time.from.getTime() && c.dueAt.getTime() <= time.to.getTime());

const finding = (
  code: CoachFindingCode,
  severity: CoachSeverity,
  message: string,
  params: CoachFinding['params'],
  spans: readonly CoachSpan[],
  suggestion: CoachSuggestion | null,
): CoachFinding => ({ code, severity, message, params, spans, suggestion });

/** Defensive and blame-shifting phrases, one finding each, with a better wording. */
const defensiveFindings = (draft: string, folded: FoldedText, language: TextLanguage): CoachFinding[] => {
  const hits: { kind: DefensiveKind; match: Match }[] = [];
  for (const { kind, patterns } of DEFENSIVE) {
    for (const match of matchesOf(patterns, folded.text)) {
      if (!hits.some((h) => match.start < h.match.end && h.match.start < match.end)) hits.push({ kind, match });
    }
  }
  hits.sort((a, b) => a.match.start - b.match.start);
  return hits.map(({ kind, match }) => {
    const span = spanOf(draft, folded, match);
    return finding(
      'defensive_phrase',
      'error',
      `"${span.text}" sounds defensive or shifts the blame (${kind.replace(/_/g, ' ')}).`,
      { kind, phrase: span.text },
      [span],
      { action: 'rephrase', text: DEFENSIVE_REWRITES[kind][language] },
    );
  });
};

/**
 * Checks `draft` against the case's facts at `now`. Findings come in a fixed order (phrases in the
 * text first, then what is missing, then promises), each with its spans in the draft as written.
 *
 * A ritual apology "stands alone" when the draft apologises in a stock phrase ("sorry for any
 * inconvenience", 很抱歉给您带来不便, ขออภัยในความไม่สะดวก) and neither restates the problem (see
 * `no_restatement`) nor does anything: no next step with a time and no first-person action ("we
 * have refunded", 我们会为您, ทางเราจะ).
 */
export const checkReply = (draft: string, context: CoachContext, now: Date): CoachResult => {
  const guess = guessLanguage(draft, context.language);
  const language = context.language ?? guess.language;
  const read = readDraft(draft);
  const { folded } = read;
  const findings: CoachFinding[] = [];

  if (context.language && guess.confidence >= MISMATCH_CONFIDENCE && guess.language !== context.language) {
    findings.push(
      finding(
        'language_mismatch',
        'info',
        `The draft reads as ${guess.language}; the customer's language is ${context.language}.`,
        { draftLanguage: guess.language, customerLanguage: context.language },
        [],
        { action: 'write_in_language', language: context.language },
      ),
    );
  }

  const defensive = defensiveFindings(draft, folded, language);
  findings.push(...defensive);

  const names = [context.customerName, ...(context.nameForms ?? [])].filter((n) => n.trim() !== '');
  const keys = keyWords(context.customerWords, names);
  const draftStems = new Set(tokenize(draft).map((t) => stem(t.term)));
  const used = keys.filter((k) => draftUses(k, { folded: folded.text, stems: draftStems }));
  const needed = wordsNeeded(keys.length);
  const restated = keys.length > 0 && used.length >= needed;

  const times = findTimeExpressions(draft, now, context.timeZone).filter((t) => t.to.getTime() > now.getTime());
  const sentences = sentencesOf(draft, times);
  const timed = timedSentences(read, times, sentences, MARKERS);
  const nextSteps = timed.filter((t) => t.promise || t.request);
  // "我们会向有关部门反映" has the form of an action, but passing it on is not one: an action
  // counts only in a sentence without a defensive phrase.
  const hedged = (at: number): boolean => {
    const sentence = sentenceAt(sentences, at);
    return defensive.some((f) => f.spans.some((s) => sentence && s.start >= sentence.start && s.start < sentence.end));
  };
  const acted =
    nextSteps.length > 0 ||
    matchesOf(ACTIONS, folded.text).some((m) => !hedged(originalSpan(folded, m.start, m.end).start));

  const apologies = matchesOf(APOLOGIES, folded.text);
  if (apologies.length > 0 && !restated && !acted) {
    const spans = apologies.map((m) => spanOf(draft, folded, m));
    findings.push(
      finding(
        'ritual_apology_alone',
        'error',
        `The apology "${spans[0]?.text ?? ''}" stands alone: say what went wrong in the customer's words and what you will do, by when.`,
        { phrase: spans[0]?.text ?? '' },
        spans,
        { action: 'add_next_step', text: NEXT_STEP_EXAMPLES[language] },
      ),
    );
  }

  if (names.length > 0 && !namePatterns(names).some((p) => p.test(folded.text))) {
    // A preferred name first; a Thai customer is greeted by the first name (คุณสมชาย).
    const preferred = (names[names.length > 1 ? 1 : 0] ?? context.customerName).trim();
    const shortName = language === 'th' ? (preferred.split(/\s+/)[0] ?? preferred) : preferred;
    findings.push(
      finding(
        'missing_name',
        'warning',
        `Address the customer by name (${context.customerName}).`,
        { name: context.customerName },
        [],
        { action: 'address_by_name', text: GREETINGS[language](shortName.trim()) },
      ),
    );
  }

  if (keys.length > 0 && !restated) {
    const words = keys
      .filter((k) => !used.includes(k))
      .slice(0, 3)
      .map((k) => k.surface);
    findings.push(
      finding(
        'no_restatement',
        'warning',
        `Restate the problem in the customer's own words, e.g. ${words.map((w) => `"${w}"`).join(', ')}.`,
        { words, matched: used.length, needed },
        [],
        { action: 'use_customer_words', words },
      ),
    );
  }

  if (nextSteps.length === 0) {
    findings.push(
      finding(
        'no_next_step',
        'warning',
        'Give a concrete next step with a time: what happens next, and by when.',
        {},
        [],
        { action: 'add_next_step', text: NEXT_STEP_EXAMPLES[language] },
      ),
    );
  }

  for (const { time, promiseText } of nextSteps.filter((t) => t.promise)) {
    if (backedBy(time, context.openCommitments)) continue;
    const text = promiseText.slice(0, 2000);
    findings.push(
      finding(
        'unbacked_promise',
        'warning',
        `"${time.text}" promises a time (${time.dueAt.toISOString()}) that no open commitment backs; record it as a commitment.`,
        { phrase: time.text, dueAt: time.dueAt.toISOString(), granularity: time.granularity },
        [{ start: time.start, end: time.end, text: time.text }],
        { action: 'create_commitment', dueAt: time.dueAt, text },
      ),
    );
  }

  return { language, findings };
};
