/**
 * Checks an administrator's lexicon pattern before it joins the combined matcher that reads every
 * customer message: it must compile, stay short, never match the empty string, and have no shape
 * known to backtrack catastrophically (a quantifier over a group that itself repeats or
 * alternates, as in `(a+)+` or `(a|ab)*`; backreferences). A static check in the spirit of
 * safe-regex: no timing, so the answer is the same on every machine. Phrases need none of this.
 *
 * Repeats in sequence multiply: at each start position the engine may try every split of the text
 * between them, so the work is about the product of their sizes, times the message length (up to
 * 50,000 characters). An unbounded repeat costs the length of the run it eats, so a pattern that
 * begins with one (`\s+now`, `.*x`) is quadratic on a long run of spaces or letters; after a
 * literal anchor (`refund\\s+now`) it starts only where the anchor matched; and it may not repeat
 * any character (`refund.*now` runs to the end of the message from every `refund`).
 */

/** Longest pattern source accepted, in characters. */
export const MAX_PATTERN_LENGTH = 200;
/** Most quantifiers in one pattern: many of them multiply the ways to backtrack. */
export const MAX_QUANTIFIERS = 10;
/** Most unbounded quantifiers (`*`, `+`, `{n,}`) in one pattern: two in sequence are cubic. */
export const MAX_UNBOUNDED = 1;
/** Largest upper bound of a bounded repeat (`{0,50}`): a larger one costs like an unbounded one. */
export const MAX_BOUND = 50;
/**
 * Most ways to split a match between the repeats: the product of (upper bound + 1) over every
 * quantifier, an unbounded one counted as `MAX_BOUND + 1`. Paid at every place the pattern can
 * start, so a message repeating the start 25,000 times costs 25,000 × this.
 */
export const MAX_REPEAT_COST = 2_000;
/** Above this cost (or with an unbounded repeat) a pattern must begin with a literal anchor. */
export const UNANCHORED_COST = 64;
/** Characters of literal text an anchor needs: one common letter would not rule out many positions. */
export const MIN_ANCHOR = 2;

interface GroupState {
  /** A quantifier (`*`, `+`, `{n,}`, `{n,m}`, `?`) inside this group. */
  quantified: boolean;
  /** A `|` directly inside this group. */
  alternates: boolean;
  /** Where the group opens in the source. */
  start: number;
}

/** True when `atom` matches at the start of `text`. */
const startsWith = (atom: string, text: string): boolean => {
  try {
    return new RegExp(`^(?:${atom})`).test(text);
  } catch {
    return true;
  }
};

/** Characters of different kinds: an atom matching several of them matches almost anything. */
const WIDE_PROBES = ['a', 'Z', '5', ' ', '!', '退', 'ก', '.'];

/**
 * True when `atom` (one character, escape, class or group) matches most kinds of character, as
 * `.`, `\w`, `\S` or `[^,]` do. Repeated without bound, such an atom runs from every place the
 * pattern starts to the end of a long message: quadratic on a message that repeats the start.
 */
const isWide = (atom: string): boolean => {
  try {
    const whole = new RegExp(`^(?:${atom})$`);
    return WIDE_PROBES.filter((probe) => whole.test(probe)).length >= 3;
  } catch {
    return true;
  }
};

/** Reads a quantifier at `i`; returns its length and whether it repeats (more than once), or null. */
interface Quantifier {
  /** Characters of the quantifier itself, lazy `?` included. */
  length: number;
  /** Fewest and most repetitions (Infinity for `*`, `+`, `{n,}`). */
  lower: number;
  upper: number;
}

/** Reads a quantifier at `i`, or null. */
const quantifierAt = (source: string, i: number): Quantifier | null => {
  const char = source[i];
  const lazy = source[i + 1] === '?' ? 2 : 1;
  if (char === '*') return { length: lazy, lower: 0, upper: Infinity };
  if (char === '+') return { length: lazy, lower: 1, upper: Infinity };
  if (char === '?') return { length: lazy, lower: 0, upper: 1 };
  if (char === '{') {
    const match = /^\{(\d+)(,(\d*))?\}\??/.exec(source.slice(i));
    if (!match) return null;
    const upper = match[2] === undefined ? Number(match[1]) : match[3] === '' ? Infinity : Number(match[3]);
    return { length: match[0].length, lower: Number(match[1]), upper };
  }
  return null;
};

/** Index just past the group opened at `start` (skipping classes and escapes), or the end. */
const groupEnd = (source: string, start: number): number => {
  let depth = 0;
  for (let i = start; i < source.length; i += 1) {
    const char = source[i];
    if (char === '\\') i += 1;
    else if (char === '[') for (i += 1; i < source.length && source[i] !== ']'; i += 1) i += source[i] === '\\' ? 1 : 0;
    else if (char === '(') depth += 1;
    else if (char === ')' && --depth === 0) return i + 1;
  }
  return source.length;
};

/** Splits `source` at its top-level `|`. */
const alternatives = (source: string): string[] => {
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < source.length; i += 1) {
    const char = source[i];
    if (char === '\\') i += 1;
    else if (char === '[') for (i += 1; i < source.length && source[i] !== ']'; i += 1) i += source[i] === '\\' ? 1 : 0;
    else if (char === '(') i = groupEnd(source, i) - 1;
    else if (char === '|') {
      parts.push(source.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(source.slice(from));
  return parts;
};

/** Escapes that stand for one fixed character (`\.`, `\n`); `\w`, `\d`, `\b`… are classes or assertions. */
const LITERAL_ESCAPE = /^[^A-Za-z0-9]$|^[nrtfv]$/;

/**
 * The literal texts a match of `source` can begin with, one per way through its leading
 * alternatives, after zero-width assertions (`^`, `\b`, lookarounds): `(?:want|need) a` →
 * want, need. A literal made optional by its quantifier ends the text.
 */
const leadingTexts = (source: string): string[] => {
  const all: string[] = [];
  for (const part of alternatives(source)) {
    let texts = [''];
    let i = 0;
    while (i < part.length) {
      const char = part[i] as string;
      if (char === '^' || (char === '\\' && (part[i + 1] === 'b' || part[i + 1] === 'B'))) {
        i += char === '^' ? 1 : 2;
        continue;
      }
      if (char === '(' && /^\(\?<?[=!]/.test(part.slice(i))) {
        i = groupEnd(part, i);
        continue;
      }
      let width: number;
      let inner: string[];
      if (char === '(') {
        width = groupEnd(part, i) - i;
        inner = leadingTexts(part.slice(i + (part[i + 1] === '?' ? 3 : 1), i + width - 1));
      } else if (char === '\\') {
        width = 2;
        const escaped = part[i + 1] ?? '';
        inner = [LITERAL_ESCAPE.test(escaped) ? unescape(escaped) : ''];
      } else {
        width = 1;
        inner = [/[[.$)|]/.test(char) ? '' : char];
      }
      const quantifier = quantifierAt(part, i + width);
      if (quantifier && quantifier.lower === 0) break;
      texts = texts.flatMap((text) => inner.map((more) => text + more)).slice(0, 32);
      // A repeated or partly literal atom ends the run of text known in advance.
      if (quantifier || inner.includes('') || char === '(') break;
      i += width;
    }
    all.push(...texts);
  }
  return all;
};

/** The one character an escape like `\.` or `\n` stands for. */
const unescape = (escaped: string): string => ({ n: '\n', r: '\r', t: '\t', f: '\f', v: '\v' })[escaped] ?? escaped;

/**
 * How many literal characters every match of `source` begins with (see `leadingTexts`):
 * `refund\s+now` → 6, `(?:want|need) a` → 4, `.*x` and `\s+now` → 0.
 */
export const leadingLiteral = (source: string): number => Math.min(...leadingTexts(source).map((text) => text.length));

/** Texts a pattern is tried on for an empty match: a pattern that can match nothing at all is useless. */
const EMPTY_PROBES = ['', ' ', 'a b', 'x', '中文 ไทย 123', 'refund now'];

/** True when `compiled` matches zero characters somewhere in the probes (`a*`, `\b`, `(?=x)`). */
const matchesEmpty = (compiled: RegExp): boolean => {
  const global = new RegExp(compiled.source, 'g');
  for (const probe of EMPTY_PROBES) {
    global.lastIndex = 0;
    for (let match = global.exec(probe); match !== null; match = global.exec(probe)) {
      if (match[0].length === 0) return true;
    }
  }
  return false;
};

/** Problems with `source` as a lexicon pattern, in words for the administrator; empty when it is safe. */
export const patternProblems = (source: string): string[] => {
  if (source.length === 0) return ['is empty'];
  if (source.length > MAX_PATTERN_LENGTH) return [`is longer than ${MAX_PATTERN_LENGTH} characters`];
  let compiled: RegExp;
  try {
    compiled = new RegExp(source);
  } catch (error) {
    return [`does not compile: ${(error as Error).message}`];
  }
  const problems: string[] = [];
  if (matchesEmpty(compiled)) problems.push('matches the empty string');
  if (/\\[1-9]|\\k</.test(source)) problems.push('uses a backreference');
  if (/\(\?<(?![=!])/.test(source)) problems.push('names a capture group (use (?: … ) instead)');

  const stack: GroupState[] = [{ quantified: false, alternates: false, start: 0 }];
  let quantifiers = 0;
  let unbounded = 0;
  let largest = 0;
  let cost = 1;
  let nested = false;
  let wide = false;
  let atomStart = 0;
  const anchors = leadingTexts(source).filter((text) => text.length > 0);
  let overlaps = false;
  const count = (quantifier: Quantifier, atom: string): void => {
    if (quantifier.upper === Infinity && isWide(atom)) wide = true;
    // A repeat that can eat the pattern's own start runs on through a message repeating it.
    if (quantifier.upper === Infinity && anchors.some((text) => startsWith(atom, text))) overlaps = true;
    quantifiers += 1;
    if (quantifier.upper === Infinity) unbounded += 1;
    else largest = Math.max(largest, quantifier.upper);
    cost *= Math.min(quantifier.upper, MAX_BOUND) + 1;
  };
  for (let i = 0; i < source.length; i += 1) {
    const char = source[i];
    const top = stack[stack.length - 1] as GroupState;
    if (char === '\\') {
      atomStart = i;
      i += 1;
      continue;
    }
    if (char === '[') {
      atomStart = i;
      // Skip the character class: a quantifier character inside it is a literal.
      for (i += 1; i < source.length && source[i] !== ']'; i += 1) if (source[i] === '\\') i += 1;
      continue;
    }
    if (char === '(') {
      stack.push({ quantified: false, alternates: false, start: i });
      // Skip a group's prefix ((?: (?= (?! (?<= (?<!): its `?` is not a quantifier.
      if (source[i + 1] === '?') i += source[i + 2] === '<' ? 3 : 2;
      continue;
    }
    if (char === '|') {
      top.alternates = true;
      continue;
    }
    if (char === ')') {
      const closed = stack.length > 1 ? (stack.pop() as GroupState) : top;
      const parent = stack[stack.length - 1] as GroupState;
      const quantifier = quantifierAt(source, i + 1);
      if (quantifier) {
        count(quantifier, source.slice(closed.start, i + 1));
        if (quantifier.upper > 1 && (closed.quantified || closed.alternates)) nested = true;
        parent.quantified = true;
        i += quantifier.length;
      }
      if (closed.quantified) parent.quantified = true;
      continue;
    }
    const quantifier = quantifierAt(source, i);
    if (quantifier) {
      count(quantifier, source.slice(atomStart, i));
      top.quantified = true;
      i += quantifier.length - 1;
    } else {
      atomStart = i;
    }
  }
  if (nested) problems.push('repeats a group that itself repeats or alternates (catastrophic backtracking)');
  if (quantifiers > MAX_QUANTIFIERS) problems.push(`has more than ${MAX_QUANTIFIERS} quantifiers`);
  // Each unbounded repeat in sequence multiplies the work on a long message (`.*.*x` is cubic).
  if (unbounded > MAX_UNBOUNDED) {
    problems.push(`has more than ${MAX_UNBOUNDED} unbounded repeat (*, +, {n,}); bound them, e.g. {0,20}`);
  }
  if (overlaps && !wide) {
    problems.push('repeats without bound what it begins with, so a message repeating it runs long; bound it');
  }
  if (wide) problems.push(`repeats any character without bound; bound it, e.g. .{0,${MAX_BOUND}}`);
  if (largest > MAX_BOUND) problems.push(`repeats up to ${largest} times; keep each bound at most ${MAX_BOUND}`);
  if (cost > MAX_REPEAT_COST) {
    problems.push('has too many repeats in sequence (their sizes multiply); use fewer or smaller bounds');
  } else if ((unbounded > 0 || cost > UNANCHORED_COST) && leadingLiteral(source) < MIN_ANCHOR) {
    problems.push(
      `repeats too much to start anywhere; begin it with at least ${MIN_ANCHOR} literal characters, e.g. refund\\s+now`,
    );
  }
  return problems;
};
