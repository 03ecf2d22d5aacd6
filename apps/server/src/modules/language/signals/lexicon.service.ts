import type { CreateLexiconEntryBody, EscalationSignal } from '@redress/contract';
import type { Clock } from '../../../shared/clock.ts';
import { AppError, ErrorCode } from '../../../shared/errors.ts';
import { newId } from '../../../shared/ids.ts';
import { TtlCache } from '../../../shared/ttl-cache.ts';
import { actorId, type Context, type UnitOfWork } from '../../../shared/unit-of-work.ts';
import { requirePermission } from '../../access/index.ts';
import { builtInLexicon, compileLexicon, entrySource, type Lexicon, type LexiconLanguage } from './lexicon.ts';
import type { LexiconStore, StoredLexiconEntry } from './lexicon.repository.ts';
import { patternProblems } from './pattern-safety.ts';

/** How long an instance trusts its compiled lexicon before reading the table again (ms). */
export const LEXICON_TTL_MS = 5_000;

/** Longest phrase accepted, in characters. */
export const MAX_PHRASE_LENGTH = 200;

/** Confidence of an administrator's entry when none is given. */
export const DEFAULT_ADMIN_CONFIDENCE = 0.8;

/** The built-in rules, counted per signal and language (their patterns stay in the code). */
export interface BuiltInSummary {
  readonly signal: EscalationSignal;
  readonly language: LexiconLanguage;
  readonly rules: number;
}

export interface LexiconView {
  readonly builtIn: readonly BuiltInSummary[];
  readonly entries: readonly StoredLexiconEntry[];
}

const notFound = (): AppError => new AppError(ErrorCode.NotFound, 'No such lexicon entry');

const summariseBuiltIn = (): BuiltInSummary[] => {
  const counts = new Map<string, BuiltInSummary>();
  for (const entry of builtInLexicon().entries) {
    const key = `${entry.signal}/${entry.language}`;
    const seen = counts.get(key);
    counts.set(key, { signal: entry.signal, language: entry.language, rules: (seen?.rules ?? 0) + 1 });
  }
  return [...counts.values()];
};

/** Checks what the schema cannot: a phrase has words, a pattern is safe to run on every message. */
const validate = (input: CreateLexiconEntryBody): void => {
  const text = input.text.trim();
  const problems =
    input.kind === 'pattern'
      ? patternProblems(input.text)
      : text.length === 0
        ? ['is empty']
        : text.length > MAX_PHRASE_LENGTH
          ? [`is longer than ${MAX_PHRASE_LENGTH} characters`]
          : [];
  if (input.kind === 'pattern' && problems.length === 0) {
    // Folding can change a pattern (full-width or Traditional characters): check what will run.
    problems.push(...patternProblems(entrySource({ kind: 'pattern', text: input.text, language: input.language })));
  }
  if (problems.length > 0) {
    throw new AppError(
      ErrorCode.ValidationFailed,
      `The ${input.kind} ${problems[0] ?? ''}`,
      problems.map((message) => ({ field: '/body/text', message })),
    );
  }
};

/**
 * The signal lexicon an organisation extends: built-in rules plus entries an administrator adds
 * (read with `config:read`, changed with `config:manage`, each change an event). `lexicon()` is
 * the compiled lexicon the detector uses, cached per process: forgotten on a change here, and
 * read again after `ttlMs` so a change made on another instance arrives within seconds.
 */
export const createLexiconService = ({
  store,
  clock,
  ttlMs = LEXICON_TTL_MS,
}: {
  store: UnitOfWork<LexiconStore>;
  clock: Clock;
  ttlMs?: number;
}) => {
  const cache = new TtlCache<Lexicon>(ttlMs, 1);
  // The last compiled lexicon and the entries it was built from: a reload that finds the same
  // entries keeps the compiled matchers instead of compiling them again.
  let last: { key: string; lexicon: Lexicon } | undefined;

  /** The compiled lexicon: built-in rules and the administrator's entries. */
  const lexicon = async (): Promise<Lexicon> => {
    const now = clock.now();
    const cached = cache.get('lexicon', now);
    if (cached) return cached;
    const entries = await store.read.lexicon.listEntries();
    const key = entries.map((entry) => entry.id).join(',');
    if (last?.key !== key) last = { key, lexicon: compileLexicon(entries) };
    cache.set('lexicon', last.lexicon, now);
    return last.lexicon;
  };

  const forget = (): void => {
    cache.delete('lexicon');
  };

  const listLexicon = async (ctx: Context): Promise<LexiconView> => {
    requirePermission(ctx.actor, 'config:read');
    return { builtIn: summariseBuiltIn(), entries: await store.read.lexicon.listEntries() };
  };

  const addEntry = async (ctx: Context, input: CreateLexiconEntryBody): Promise<StoredLexiconEntry> => {
    requirePermission(ctx.actor, 'config:manage');
    validate(input);
    const now = clock.now();
    const entry: StoredLexiconEntry = {
      id: newId('lex', now),
      signal: input.signal,
      language: input.language,
      kind: input.kind,
      text: input.kind === 'phrase' ? input.text.trim() : input.text,
      negatable: input.negatable ?? true,
      confidence: input.confidence ?? DEFAULT_ADMIN_CONFIDENCE,
      source: 'admin',
      createdBy: actorId(ctx.actor),
      createdAt: now,
      disabledAt: null,
    };
    await store.write(async (port) => {
      await port.lexicon.insertEntry(entry);
      await port.lexicon.appendEvent({
        type: 'lexicon_entry.added',
        subjectType: 'lexicon_entry',
        subjectId: entry.id,
        actorId: entry.createdBy,
        requestId: ctx.requestId,
        payload: { signal: entry.signal, language: entry.language, kind: entry.kind, text: entry.text },
        occurredAt: now,
      });
    });
    forget();
    return entry;
  };

  const removeEntry = async (ctx: Context, id: string): Promise<void> => {
    requirePermission(ctx.actor, 'config:manage');
    const now = clock.now();
    await store.write(async (port) => {
      if (!(await port.lexicon.disableEntry(id, now))) throw notFound();
      await port.lexicon.appendEvent({
        type: 'lexicon_entry.disabled',
        subjectType: 'lexicon_entry',
        subjectId: id,
        actorId: actorId(ctx.actor),
        requestId: ctx.requestId,
        payload: {},
        occurredAt: now,
      });
    });
    forget();
  };

  return { lexicon, forget, listLexicon, addEntry, removeEntry };
};

export type LexiconService = ReturnType<typeof createLexiconService>;
