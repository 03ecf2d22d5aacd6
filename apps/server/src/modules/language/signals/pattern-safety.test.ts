import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_PATTERN_LENGTH, leadingLiteral, patternProblems } from './pattern-safety.ts';

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
    safe('ab(?:cd)+e');
    safe('refund\\s+(?:now|today)\\b');
    safe('(?:want|need) (?:a|my) .{0,20}refund');
    safe('\\b(?:called|wrote)\\b[^.!?]{0,30}\\btimes\\b');
    safe('.{0,50}zzq');
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
    safe('zz(?:[*+]x)+y');
    safe('x(?:a\\+)+b');
  });

  it('bounds length, quantifiers, unbounded repeats and backreferences', () => {
    unsafe('a'.repeat(MAX_PATTERN_LENGTH + 1), /longer than/);
    unsafe('.*a.*b.*c', /unbounded repeat/);
    unsafe('a?b?c?d?e?f?g?h?i?j?k?z', /quantifiers/);
    unsafe('(a)x\\1', /backreference/);
    unsafe('(?<word>a)b', /names a capture group/);
  });

  it('rejects repeats in sequence, whose costs multiply on a long message', () => {
    unsafe('.*.*x', /unbounded repeat/);
    unsafe('.+.+x', /unbounded repeat/);
    unsafe('zz.*.+x', /unbounded repeat/);
    unsafe('(a|b)*.*x', /catastrophic/);
    unsafe('(a|b)*.*x', /unbounded repeat/);
    unsafe('.{0,500}.{0,500}.{0,500}x', /at most 50/);
    unsafe('.{0,50}.{0,50}.{0,50}x', /too many repeats/);
    unsafe('zz.{0,40}.{0,40}.{0,40}x', /too many repeats/);
    unsafe('.{0,600}x', /at most 50/);
    unsafe('zz\\w{3,}x.{0,50}.{0,50}', /too many repeats/);
  });

  it('lets a pattern that repeats without bound start only at a literal anchor', () => {
    unsafe('.*zzq', /begin it with/);
    unsafe('\\s+(?:now|today)\\b', /begin it with/);
    unsafe('a\\s*zzq', /begin it with/);
    unsafe('(?:a|bc)\\s+zzq', /begin it with/);
    unsafe('(?:ab)?\\s+zzq', /begin it with/);
    unsafe('.{0,20}.{0,20}zzq', /begin it with/);
    safe('zq\\s*zzq');
    safe('ab(?:cd)+e');
    safe('no[0-9]+x');
    safe('\\b(?:want|need)\\s+a refund');
    safe('(?<!tax )\\brefund\\s+now');
    safe('退款.{0,20}退钱');
    safe('ab.{0,40}.{0,40}zzq');
    unsafe('ab.{0,50}.{0,50}zzq', /too many repeats/);
  });

  it('rejects an unbounded repeat of any character, even after an anchor', () => {
    unsafe('refund.*now', /any character/);
    unsafe('退款.+退钱', /any character/);
    unsafe('refund\\w+now', /any character/);
    unsafe('refund[^,]*now', /any character/);
    unsafe('refund(?:.)+now', /any character/);
    unsafe('refund\\S{2,}now', /any character/);
  });

  it('rejects an unbounded repeat that can eat the text the pattern begins with', () => {
    unsafe('(?:ab)+c', /begins with/);
    unsafe('refund[a-z]+x', /begins with/);
    unsafe('(?:want|need)[a-z ]*x', /begins with/);
    safe('refund[0-9]+x');
  });

  it('measures the literal text every match begins with', () => {
    assert.equal(leadingLiteral('refund.*now'), 6);
    assert.equal(leadingLiteral('(?:want|need) a'), 4);
    assert.equal(leadingLiteral('^\\bno\\.\\s'), 3);
    assert.equal(leadingLiteral('(?=x)ab+c'), 2);
    assert.equal(leadingLiteral('ab?c'), 1);
    assert.equal(leadingLiteral('refund|x'), 1);
    assert.equal(leadingLiteral('[ab]cd'), 0);
    assert.equal(leadingLiteral('\\w+x'), 0);
    assert.equal(leadingLiteral('.*x'), 0);
  });
});
