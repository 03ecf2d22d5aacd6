// `redress analyze`: text analysis as a filter, with no server and no database. Reads JSON Lines on
// stdin, one `{ "id", "text", "language"? }` per line, and writes one JSON line per input to stdout,
// in input order. A line that cannot be analysed gets `{ "id", "error": { "code", "message" } }` on
// its own output line and the stream goes on; so does a line longer than MAX_LINE_BYTES, which is
// never held whole.
import { readFileSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { EscalationSignals, Locales, MAX_ANALYZE_CHARS } from '@redress/contract';
import {
  analyzeText,
  compileLexicon,
  LexiconLanguages,
  modelFromJson,
  patternProblems,
  type CategoryModel,
  type Lexicon,
  type LexiconEntry,
} from './modules/language/index.ts';
import type { TextLanguage } from './shared/text/detect-language.ts';
import { AppError, ErrorCode, isAppError } from './shared/errors.ts';

/** What every line is analysed with. */
export interface AnalyzeStreamOptions {
  readonly lexicon?: Lexicon | undefined;
  readonly categoryModel?: CategoryModel | undefined;
}

/** Output is written in chunks of about this many characters: one write per line would dominate. */
const FLUSH_CHARS = 64 * 1024;

/**
 * Bytes one input line may take. A text of MAX_ANALYZE_CHARS UTF-16 units takes at most six bytes
 * per unit as JSON (`\uXXXX` escapes), plus the id and the keys around it. A longer line is not
 * held in memory: its bytes are dropped as they arrive and the line is answered with an error.
 */
export const MAX_LINE_BYTES = MAX_ANALYZE_CHARS * 6 + 4_096;

type LineId = string | number | null;

/** One input line: its text, or how many bytes it had when it was too long to keep. */
type InputLine = { readonly text: string } | { readonly tooLong: number };

const NEWLINE = 0x0a;

/**
 * The lines of `input` (split at `\n`, a trailing `\r` dropped), holding at most `maxBytes` of a
 * line at a time. The stream is pulled, so reading waits while the caller works on a line.
 */
export async function* boundedLines(input: Readable, maxBytes = MAX_LINE_BYTES): AsyncGenerator<InputLine> {
  let parts: Buffer[] = [];
  let size = 0;
  let overflow = false;
  const take = (): InputLine => {
    const line: InputLine = overflow
      ? { tooLong: size }
      : { text: Buffer.concat(parts, size).toString('utf8').replace(/\r$/, '') };
    parts = [];
    size = 0;
    overflow = false;
    return line;
  };
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let from = 0;
    while (from <= bytes.length) {
      const end = bytes.indexOf(NEWLINE, from);
      const piece = bytes.subarray(from, end === -1 ? bytes.length : end);
      size += piece.length;
      if (!overflow && size > maxBytes) {
        overflow = true;
        parts = [];
      }
      if (!overflow && piece.length > 0) parts.push(Buffer.from(piece));
      if (end === -1) break;
      yield take();
      from = end + 1;
    }
  }
  if (size > 0 || overflow) yield take();
}

const errorLine = (id: LineId, code: string, message: string): string =>
  JSON.stringify({ id, error: { code, message } });

const isLanguage = (value: unknown): value is TextLanguage =>
  typeof value === 'string' && (Locales as readonly string[]).includes(value);

/**
 * The output line for one input line (without the newline). Never throws: every problem with the
 * line becomes an error line carrying the id when the line had a usable one.
 */
export const analyzeLine = (line: string, lineNumber: number, options: AnalyzeStreamOptions = {}): string => {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch {
    return errorLine(null, ErrorCode.ValidationFailed, `line ${lineNumber}: not valid JSON`);
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return errorLine(null, ErrorCode.ValidationFailed, `line ${lineNumber}: expected an object { "id", "text" }`);
  }
  const record = input as Record<string, unknown>;
  const rawId = record.id;
  const id: LineId = typeof rawId === 'string' || typeof rawId === 'number' ? rawId : null;
  const fail = (message: string) => errorLine(id, ErrorCode.ValidationFailed, `line ${lineNumber}: ${message}`);
  if (id === null) return fail('"id" must be a string or a number');
  const { text, language } = record;
  if (typeof text !== 'string' || text.length === 0) return fail('"text" must be a non-empty string');
  if (text.length > MAX_ANALYZE_CHARS) return fail(`"text" is longer than ${MAX_ANALYZE_CHARS} characters`);
  if (language !== undefined && language !== null && !isLanguage(language)) {
    return fail(`"language" must be one of ${Locales.join(', ')}`);
  }
  try {
    const result = analyzeText(text, {
      language: isLanguage(language) ? language : undefined,
      lexicon: options.lexicon,
      categoryModel: options.categoryModel,
    });
    return JSON.stringify({ id, ...result });
  } catch (error) {
    // A defect in the analysis of one message must not take the rest of the stream with it.
    return errorLine(
      id,
      ErrorCode.Internal,
      `line ${lineNumber}: ${error instanceof Error ? error.message : 'failed'}`,
    );
  }
};

const waitForDrain = (output: Writable): Promise<void> =>
  new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      output.off('drain', done);
      output.off('error', done);
      output.off('close', closed);
      if (error) reject(error);
      else resolve();
    };
    const closed = () => done(new Error('output closed'));
    output.once('drain', done);
    output.once('error', done);
    output.once('close', closed);
  });

/**
 * Analyses every line of `input` and writes the results to `output` in order, honouring
 * backpressure (reading pauses while the output is full). Blank lines are skipped: they are not
 * inputs. Resolves with the number of lines answered and how many of them were errors.
 */
export const runAnalyzeStream = async (
  input: Readable,
  output: Writable,
  options: AnalyzeStreamOptions = {},
): Promise<{ lines: number; errors: number }> => {
  let buffer = '';
  let answered = 0;
  let errors = 0;
  let lineNumber = 0;
  const flush = async () => {
    if (buffer.length === 0) return;
    const chunk = buffer;
    buffer = '';
    if (!output.write(chunk)) await waitForDrain(output);
  };
  for await (const line of boundedLines(input)) {
    lineNumber += 1;
    if ('text' in line && line.text.trim() === '') continue;
    const out =
      'text' in line
        ? analyzeLine(line.text, lineNumber, options)
        : errorLine(
            null,
            ErrorCode.PayloadTooLarge,
            `line ${lineNumber}: longer than ${MAX_LINE_BYTES} bytes (${line.tooLong} bytes); "text" may be at most ${MAX_ANALYZE_CHARS} characters`,
          );
    if (out.startsWith('{"id":') && out.includes('"error":{"code":')) errors += 1;
    answered += 1;
    buffer += `${out}\n`;
    if (buffer.length >= FLUSH_CHARS) await flush();
  }
  await flush();
  return { lines: answered, errors };
};

const readJsonFile = (path: string, what: string): unknown => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new AppError(ErrorCode.NotFound, `Cannot read the ${what} file ${path}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError(ErrorCode.ValidationFailed, `The ${what} file ${path} is not valid JSON`);
  }
};

/**
 * Extra lexicon entries from a file: a JSON list (or `{ "entries": [...] }`) of
 * `{ signal, language: en|zh|th, kind?: phrase|pattern, text, negatable?, confidence? }`, the shape
 * an administrator adds through the API. Defaults: a phrase, negatable, confidence 0.8.
 */
export const lexiconEntriesFromJson = (data: unknown): LexiconEntry[] => {
  const list: unknown = Array.isArray(data) ? data : (data as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(list))
    throw new AppError(ErrorCode.ValidationFailed, 'The lexicon file must hold a list of entries');
  return list.map((item: unknown, i): LexiconEntry => {
    const bad = (message: string) => new AppError(ErrorCode.ValidationFailed, `Lexicon entry ${i + 1}: ${message}`);
    if (typeof item !== 'object' || item === null) throw bad('expected an object');
    const entry = item as Record<string, unknown>;
    const { signal, language, text } = entry;
    const kind = entry.kind ?? 'phrase';
    const confidence = entry.confidence ?? 0.8;
    if (!EscalationSignals.includes(signal as never))
      throw bad(`"signal" must be one of ${EscalationSignals.join(', ')}`);
    if (!LexiconLanguages.includes(language as never)) throw bad('"language" must be en, zh or th');
    if (kind !== 'phrase' && kind !== 'pattern') throw bad('"kind" must be phrase or pattern');
    if (typeof text !== 'string' || text.trim() === '' || text.length > 200)
      throw bad('"text" must be 1–200 characters');
    if (typeof confidence !== 'number' || !(confidence > 0 && confidence < 1))
      throw bad('"confidence" must be between 0 and 1');
    if (kind === 'pattern') {
      // The checks an administrator's pattern passes through the API: it runs on every message.
      const problems = patternProblems(text);
      if (problems.length > 0) throw bad(`the pattern ${problems[0] ?? 'is refused'}`);
    }
    return {
      id: `file:${i + 1}`,
      signal: signal as LexiconEntry['signal'],
      language: language as LexiconEntry['language'],
      kind,
      text,
      negatable: entry.negatable !== false,
      confidence,
      source: 'admin',
    };
  });
};

/** Loads the `--model` and `--lexicon` files (either may be absent). */
export const loadAnalyzeOptions = (flags: { model?: string; lexicon?: string }): AnalyzeStreamOptions => ({
  categoryModel: flags.model ? modelFromJson(readJsonFile(flags.model, 'model')) : undefined,
  lexicon: flags.lexicon ? compileLexicon(lexiconEntriesFromJson(readJsonFile(flags.lexicon, 'lexicon'))) : undefined,
});

/** The command: stdin → stdout; a broken pipe (the reader went away) ends it quietly. */
export const runAnalyzeCommand = async (flags: { model?: string; lexicon?: string }): Promise<void> => {
  const options = loadAnalyzeOptions(flags);
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
  });
  try {
    await runAnalyzeStream(process.stdin, process.stdout, options);
  } catch (error) {
    if (isAppError(error)) throw error;
    if ((error as NodeJS.ErrnoException).code === 'EPIPE' || (error as Error).message === 'output closed') return;
    throw error;
  }
};
