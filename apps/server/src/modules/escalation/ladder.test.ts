import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  authorityCovers,
  DEFAULT_LADDER,
  levelForActor,
  levelForRole,
  remedyAuthority,
  requiredRankFor,
  topRank,
  type LadderLevel,
} from './ladder.ts';

const LADDER: LadderLevel[] = DEFAULT_LADDER.map((level) => ({ ...level, id: `lvl_${level.rank}` }));
const at = (rank: number): LadderLevel => {
  const level = LADDER.find((l) => l.rank === rank);
  assert.ok(level);
  return level;
};

describe('levelForRole', () => {
  it('finds the level of each ladder role', () => {
    assert.equal(levelForRole(LADDER, 'agent')?.rank, 0);
    assert.equal(levelForRole(LADDER, 'supervisor')?.rank, 1);
    assert.equal(levelForRole(LADDER, 'manager')?.rank, 2);
    assert.equal(levelForRole(LADDER, 'admin')?.rank, 3);
  });
  it('takes the highest level when a role stands on several', () => {
    const ladder = [
      { ...at(0), roles: ['agent', 'supervisor'] },
      { ...at(1), roles: ['supervisor'] },
    ];
    assert.equal(levelForRole(ladder, 'supervisor')?.rank, 1);
    assert.equal(levelForRole([...ladder].reverse(), 'supervisor')?.rank, 1);
  });
  it('has no level for a role off the ladder', () => {
    assert.equal(levelForRole(LADDER, 'department_member'), undefined);
    assert.equal(levelForRole([], 'agent'), undefined);
  });
  it('counts a level team as standing on the level', () => {
    const ladder = [at(0), { ...at(3), roles: [], teamId: 'team_legal' }];
    assert.equal(levelForActor(ladder, 'agent', ['team_legal'])?.rank, 3);
    assert.equal(levelForActor(ladder, 'agent', ['team_other'])?.rank, 0);
  });
});

describe('authorityCovers', () => {
  it('covers a remedy of its kinds up to the maximum, inclusive', () => {
    assert.equal(authorityCovers(at(0), { kind: 'voucher', amount: 100_000, currency: 'TWD' }), true);
    assert.equal(authorityCovers(at(0), { kind: 'voucher', amount: 100_001, currency: 'TWD' }), false);
  });
  it('does not cover a kind outside its remedies', () => {
    assert.equal(authorityCovers(at(0), { kind: 'refund', amount: 1, currency: 'TWD' }), false);
    assert.equal(authorityCovers(at(1), { kind: 'money', amount: 1, currency: 'TWD' }), false);
  });
  it('does not convert currencies', () => {
    assert.equal(authorityCovers(at(1), { kind: 'refund', amount: 100, currency: 'THB' }), false);
    assert.equal(authorityCovers(at(1), { kind: 'refund', amount: 100, currency: null }), false);
  });
  it('covers anything of its kinds under a null maximum', () => {
    assert.equal(authorityCovers(at(3), { kind: 'money', amount: 999_999_999, currency: 'GBP' }), true);
    assert.equal(authorityCovers(at(3), { kind: 'goodwill', amount: null, currency: null }), true);
  });
  it('covers an amountless remedy only under a null maximum (an unpriced goodwill is not small)', () => {
    assert.equal(authorityCovers(at(0), { kind: 'goodwill', amount: null, currency: null }), false);
    assert.equal(authorityCovers(at(1), { kind: 'repair', amount: null, currency: null }), false);
    assert.equal(requiredRankFor(LADDER, { kind: 'goodwill', amount: null, currency: null }), 3);
  });
});

describe('remedyAuthority', () => {
  it('is the role’s level, rank 0 included', () => {
    const small = { kind: 'goodwill', amount: 50_000, currency: 'TWD' } as const;
    assert.deepEqual(remedyAuthority(LADDER, 'agent', small), { level: at(0), covers: true });
    assert.equal(remedyAuthority(LADDER, 'supervisor', small).covers, true);
    assert.equal(remedyAuthority(LADDER, 'agent', { ...small, amount: 100_001 }).covers, false);
  });
  it('gives no authority to a role off the ladder', () => {
    const small = { kind: 'goodwill', amount: 1, currency: 'TWD' } as const;
    assert.deepEqual(remedyAuthority(LADDER, 'department_member', small), { level: undefined, covers: false });
  });
  it('ignores team membership: a team on a level confers no authority over money', () => {
    const ladder = [at(0), at(1), at(2), { ...at(3), roles: [], teamId: 'team_legal' }];
    const big = { kind: 'money', amount: 9_000_000, currency: 'TWD' } as const;
    assert.equal(levelForActor(ladder, 'agent', ['team_legal'])?.rank, 3, 'the team stands on rank 3');
    assert.equal(remedyAuthority(ladder, 'agent', big).covers, false);
    assert.equal(remedyAuthority(ladder, 'agent', big).level?.rank, 0);
  });
});

describe('requiredRankFor', () => {
  it('is the lowest rank that covers the remedy', () => {
    assert.equal(requiredRankFor(LADDER, { kind: 'goodwill', amount: 50_000, currency: 'TWD' }), 0);
    assert.equal(requiredRankFor(LADDER, { kind: 'refund', amount: 300_000, currency: 'TWD' }), 1);
    assert.equal(requiredRankFor(LADDER, { kind: 'refund', amount: 800_000, currency: 'TWD' }), 2);
    assert.equal(requiredRankFor(LADDER, { kind: 'money', amount: 9_000_000, currency: 'TWD' }), 3);
    assert.equal(requiredRankFor(LADDER, { kind: 'refund', amount: 100, currency: 'USD' }), 3);
  });
  it('is undefined when no level may approve it', () => {
    assert.equal(requiredRankFor([at(0), at(1)], { kind: 'money', amount: 1, currency: 'TWD' }), undefined);
  });
  it('does not depend on the order levels are given in', () => {
    const remedy = { kind: 'refund', amount: 300_000, currency: 'TWD' } as const;
    assert.equal(requiredRankFor([...LADDER].reverse(), remedy), 1);
  });
});

describe('DEFAULT_LADDER', () => {
  it('has contiguous ranks from 0, names in four languages, faster answers higher up', () => {
    assert.deepEqual(
      DEFAULT_LADDER.map((l) => l.rank),
      [0, 1, 2, 3],
    );
    assert.equal(topRank(LADDER), 3);
    for (const level of DEFAULT_LADDER) {
      assert.deepEqual(Object.keys(level.names).sort(), ['en', 'th', 'zh-CN', 'zh-TW']);
      assert.ok(level.responseMinutes > 0);
    }
    assert.ok(at(3).responseMinutes < at(1).responseMinutes);
  });
});
