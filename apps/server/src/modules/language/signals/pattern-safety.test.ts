import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_PATTERN_LENGTH, patternProblems } from './pattern-safety.ts';

const safe = (source: string) => assert.deepEqual(patternProblems(source), [], source);
const unsafe = (source: string, words: RegExp) => {
  const problems = patternProblems(source);
  assert.ok(
    problems.some((p) => words.test(p)),
    `${source}: ${problems.join('; ') || 'no problem found'}`,
  );
};

describe('patternProblems', () => {
  it('accepts ordinary lexicon patterns, including the built-in shapes', () => {
    safe('\\bchargebacks?\\b');
    safe('(?:want|need) (?:a|my) refund');
    safe('(?<!tax )\\brefund\\b');
    safe('退(?:番|返)?钱');
    safe('(?:ขอ|ต้องการ)คืนเงิน');
    safe('[a-z]{2,8} compensation');
    safe('(?:ab)+c');
    safe('\\s+(?:now|today)\\b');
  });

  it('rejects what does not compile, with the reason', () => {
    unsafe('(unclosed', /does not compile/);
    unsafe('[z-a]', /does not compile/);
  });

  it('rejects patterns that match the empty string', () => {
    unsafe('a*', /empty string/);
    unsafe('(?:refund)?', /empty string/);
    unsafe('|refund', /empty string/);
    unsafe('\\b', /empty string/);
  });

  it('rejects nested and alternating repeats (catastrophic backtracking)', () => {
    unsafe('(a+)+b', /catastrophic/);
    unsafe('(?:a*)*b', /catastrophic/);
    unsafe('(a|ab)*c', /catastrophic/);
    unsafe('(?:x(?:y+)z){2,}q', /catastrophic/);
    unsafe('(\\w+\\s?)*$', /catastrophic/);
  });

  it('does not take quantifier characters in classes or escapes for quantifiers', () => {
    safe('(?:[*+]x)+y');
    safe('(?:a\\+)+b');
  });

  it('bounds length, quantifiers, unbounded repeats and backreferences', () => {
    unsafe('a'.repeat(MAX_PATTERN_LENGTH + 1), /longer than/);
    unsafe('.*a.*b.*c', /unbounded repeats/);
    unsafe('a?b?c?d?e?f?g?h?i?j?k?z', /quantifiers/);
    unsafe('(a)x\\1', /backreference/);
    unsafe('(?<word>a)b', /names a capture group/);
  });
});
