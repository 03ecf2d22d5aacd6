/**
 * Checks an administrator's lexicon pattern before it joins the combined matcher that reads every
 * customer message: it must compile, stay short, never match the empty string, and have no shape
 * known to backtrack catastrophically (a quantifier over a group that itself repeats or
 * alternates, as in `(a+)+` or `(a|ab)*`; backreferences). A static check in the spirit of
 * safe-regex: no timing, so the answer is the same on every machine. Phrases need none of this.
 */

/** Longest pattern source accepted, in characters. */
export const MAX_PATTERN_LENGTH = 200;
/** Most quantifiers in one pattern: many of them multiply the ways to backtrack. */
export const MAX_QUANTIFIERS = 10;
/** Most unbounded quantifiers (`*`, `+`, `{n,}`) in one pattern. */
export const MAX_UNBOUNDED = 2;

interface GroupState {
  /** A quantifier (`*`, `+`, `{n,}`, `{n,m}`, `?`) inside this group. */
  quantified: boolean;
  /** A `|` directly inside this group. */
  alternates: boolean;
}

/** Reads a quantifier at `i`; returns its length and whether it repeats (more than once), or null. */
const quantifierAt = (source: string, i: number): { length: number; repeats: boolean; unbounded: boolean } | null => {
  const char = source[i];
  if (char === '*' || char === '+') return { length: source[i + 1] === '?' ? 2 : 1, repeats: true, unbounded: true };
  if (char === '?') return { length: source[i + 1] === '?' ? 2 : 1, repeats: false, unbounded: false };
  if (char === '{') {
    const match = /^\{(\d+)(,(\d*))?\}\??/.exec(source.slice(i));
    if (!match) return null;
    const upper = match[2] === undefined ? Number(match[1]) : match[3] === '' ? Infinity : Number(match[3]);
    return { length: match[0].length, repeats: upper > 1, unbounded: upper === Infinity };
  }
  return null;
};

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

  const stack: GroupState[] = [{ quantified: false, alternates: false }];
  let quantifiers = 0;
  let unbounded = 0;
  let nested = false;
  for (let i = 0; i < source.length; i += 1) {
    const char = source[i];
    const top = stack[stack.length - 1] as GroupState;
    if (char === '\\') {
      i += 1;
      continue;
    }
    if (char === '[') {
      // Skip the character class: a quantifier character inside it is a literal.
      for (i += 1; i < source.length && source[i] !== ']'; i += 1) if (source[i] === '\\') i += 1;
      continue;
    }
    if (char === '(') {
      stack.push({ quantified: false, alternates: false });
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
        quantifiers += 1;
        if (quantifier.unbounded) unbounded += 1;
        if (quantifier.repeats && (closed.quantified || closed.alternates)) nested = true;
        parent.quantified = true;
        i += quantifier.length;
      }
      if (closed.quantified) parent.quantified = true;
      continue;
    }
    const quantifier = quantifierAt(source, i);
    if (quantifier) {
      quantifiers += 1;
      if (quantifier.unbounded) unbounded += 1;
      top.quantified = true;
      i += quantifier.length - 1;
    }
  }
  if (nested) problems.push('repeats a group that itself repeats or alternates (catastrophic backtracking)');
  if (quantifiers > MAX_QUANTIFIERS) problems.push(`has more than ${MAX_QUANTIFIERS} quantifiers`);
  // Each unbounded repeat in sequence multiplies the work on a long message (`.*.*.*x` is cubic).
  if (unbounded > MAX_UNBOUNDED) {
    problems.push(`has more than ${MAX_UNBOUNDED} unbounded repeats (*, +, {n,}); bound them, e.g. {0,20}`);
  }
  return problems;
};
