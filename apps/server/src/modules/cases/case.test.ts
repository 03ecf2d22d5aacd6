import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CaseActions, CaseStatuses, type CaseAction, type CaseStatus } from '@redress/contract';
import { AppError } from '../../shared/errors.ts';
import { applyPatch, formatCaseRef, handOff, parseCaseRef, refYear, type Case } from './case.ts';
import {
  allowedActions,
  closeAsMerged,
  recordCustomerDecision,
  recordResolution,
  transition,
  TRANSITIONS,
} from './case.lifecycle.ts';
import { buildCategoryTree, nameIn, validateNewCategory, type Category } from './category.ts';

const NOW = new Date('2026-03-02T09:00:00.000Z');
const LATER = new Date('2026-03-02T10:00:00.000Z');

const aCase = (overrides: Partial<Case> = {}): Case => ({
  id: 'case_1',
  ref: 'C-2026-000001',
  status: 'new',
  customerId: 'cus_1',
  channel: 'phone',
  subject: null,
  description: '我三天前買的芒果全部爛了，你們是騙子',
  language: 'zh-TW',
  categoryId: null,
  severity: 'medium',
  safety: false,
  priority: 'normal',
  expectedRemedy: 'refund',
  productRef: null,
  orderRef: null,
  tags: [],
  siteId: 'site_1',
  ownerId: 'usr_agent',
  resolution: null,
  customerDecision: null,
  mergedIntoId: null,
  createdAt: NOW,
  updatedAt: NOW,
  closedAt: null,
  ...overrides,
});

const RESOLUTION = { text: '全額退款並補寄一箱', kind: 'final', rootCauseId: 'rc_cold_chain' } as const;
const resolved = {
  text: RESOLUTION.text,
  kind: 'final',
  rootCauseId: 'rc_cold_chain',
  recordedAt: NOW,
  recordedBy: 'usr_agent',
} as const;
const decided = { accepted: true, note: null, recordedAt: NOW, recordedBy: 'usr_agent' };

/** The input that satisfies each action's precondition, so the table alone decides. */
const satisfied = (action: CaseAction, status: CaseStatus): Partial<Case> => ({
  ...(action === 'resolve' || action === 'propose_resolution' || action === 'close' ? { resolution: resolved } : {}),
  ...(action === 'close' ? { customerDecision: decided } : {}),
  ...(status === 'closed' ? { closedAt: NOW } : {}),
});

const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof AppError);
    return error.code;
  }
  return 'ok';
};

describe('the lifecycle transition table', () => {
  for (const from of CaseStatuses) {
    for (const action of CaseActions) {
      const rule = TRANSITIONS[action];
      const allowed = rule.from.includes(from);
      test(`${action} from ${from} is ${allowed ? `allowed → ${rule.to}` : 'refused'}`, () => {
        const current = aCase({ status: from, ...satisfied(action, from) });
        if (!allowed) {
          assert.throws(
            () => transition(current, action, {}, LATER),
            (error: unknown) =>
              error instanceof AppError &&
              error.code === 'invalid_transition' &&
              error.message.includes(from) &&
              error.message.includes(rule.to),
          );
          return;
        }
        const result = transition(current, action, { actorId: 'usr_agent' }, LATER);
        assert.equal(result.case.status, rule.to);
        assert.equal(result.case.updatedAt, LATER);
        assert.equal(result.case.ownerId, current.ownerId, 'a transition never changes the owner');
        const status = result.events.find((e) => e.type === 'case.status_changed');
        assert.deepEqual(status?.payload, { action, from, to: rule.to });
        assert.equal(result.case.closedAt !== null, rule.to === 'closed');
      });
    }
  }

  test('every state can be reached from new, and closed can be left only by reopening', () => {
    const reached = new Set<CaseStatus>(['new']);
    for (let changed = true; changed;) {
      changed = false;
      for (const action of CaseActions) {
        const rule = TRANSITIONS[action];
        if (rule.from.some((s) => reached.has(s)) && !reached.has(rule.to)) {
          reached.add(rule.to);
          changed = true;
        }
      }
    }
    assert.deepEqual([...reached].sort(), [...CaseStatuses].sort());
    assert.deepEqual(allowedActions('closed'), ['reopen']);
    assert.deepEqual(allowedActions('new'), ['acknowledge', 'start_investigation', 'wait_on_internal']);
  });

  test('an unknown action is refused, not thrown as a TypeError', () => {
    assert.equal(
      code(() => transition(aCase(), '__proto__' as CaseAction, {}, LATER)),
      'invalid_transition',
    );
  });

  test('resolving needs a resolution with a root cause; giving one with the action records it', () => {
    const investigating = aCase({ status: 'investigating' });
    assert.equal(
      code(() => transition(investigating, 'resolve', {}, LATER)),
      'rule_violated',
    );
    const result = transition(investigating, 'resolve', { resolution: RESOLUTION, actorId: 'usr_agent' }, LATER);
    assert.equal(result.case.status, 'resolved');
    assert.equal(result.case.resolution?.rootCauseId, 'rc_cold_chain');
    assert.equal(result.case.resolution?.recordedBy, 'usr_agent');
    assert.deepEqual(
      result.events.map((e) => e.type),
      ['case.resolution_recorded', 'case.status_changed'],
    );
    assert.equal(
      code(() => transition(investigating, 'propose_resolution', {}, LATER)),
      'rule_violated',
    );
  });

  test('a blank resolution or one without a root cause is refused, naming the field', () => {
    const current = aCase({ status: 'investigating' });
    assert.throws(
      () => recordResolution(current, { ...RESOLUTION, text: '   ' }, null, LATER),
      (e: unknown) => e instanceof AppError && e.code === 'validation_failed' && e.details[0]?.field === '/body/text',
    );
    assert.throws(
      () => recordResolution(current, { ...RESOLUTION, rootCauseId: '' }, null, LATER),
      (e: unknown) => e instanceof AppError && e.details[0]?.field === '/body/rootCauseId',
    );
    const temporary = recordResolution(current, { ...RESOLUTION, kind: 'temporary' }, null, LATER);
    assert.equal(temporary.case.resolution?.kind, 'temporary');
    assert.equal(temporary.case.status, 'investigating', 'recording alone does not move the case');
  });

  test("closing needs the customer's acceptance or rejection recorded", () => {
    const current = aCase({ status: 'resolved', resolution: resolved });
    assert.equal(
      code(() => transition(current, 'close', {}, LATER)),
      'rule_violated',
    );
    const rejected = recordCustomerDecision(current, { accepted: false, note: '退款还没到账' }, 'usr_agent', LATER);
    assert.deepEqual(rejected.events[0]?.payload, { accepted: false, note: '退款还没到账' });
    const closed = transition(rejected.case, 'close', {}, LATER);
    assert.equal(closed.case.status, 'closed');
    assert.equal(closed.case.closedAt, LATER);
  });

  test('the customer decides only on a proposed or resolved case with a resolution', () => {
    assert.equal(
      code(() => recordCustomerDecision(aCase({ status: 'investigating' }), { accepted: true }, null, LATER)),
      'invalid_transition',
    );
    assert.equal(
      code(() => recordCustomerDecision(aCase({ status: 'resolved' }), { accepted: true }, null, LATER)),
      'rule_violated',
    );
  });

  test('reopening clears the resolution and the decision so closing again needs new ones', () => {
    const closed = aCase({ status: 'closed', resolution: resolved, customerDecision: decided, closedAt: NOW });
    const reopened = transition(closed, 'reopen', { reason: 'สั่งของไปแล้วยังไม่ได้รับเลย' }, LATER);
    assert.equal(reopened.case.status, 'investigating');
    assert.equal(reopened.case.resolution, null);
    assert.equal(reopened.case.customerDecision, null);
    assert.equal(reopened.case.closedAt, null);
    assert.equal(reopened.events[0]?.payload.reason, 'สั่งของไปแล้วยังไม่ได้รับเลย');
  });

  test('a duplicate is closed as merged from any open state, never into itself', () => {
    const merged = closeAsMerged(aCase({ status: 'waiting_on_internal' }), 'case_2', LATER);
    assert.equal(merged.case.status, 'closed');
    assert.equal(merged.case.mergedIntoId, 'case_2');
    assert.equal(
      code(() => closeAsMerged(aCase(), 'case_1', LATER)),
      'rule_violated',
    );
    assert.equal(
      code(() => closeAsMerged(aCase({ status: 'closed' }), 'case_2', LATER)),
      'invalid_transition',
    );
  });
});

describe('ownership', () => {
  test('a hand-off needs a non-empty summary and changes the one owner', () => {
    const current = aCase({ status: 'investigating' });
    assert.throws(
      () => handOff(current, 'usr_other', '  \n ', LATER),
      (e: unknown) =>
        e instanceof AppError && e.code === 'validation_failed' && e.details[0]?.field === '/body/summary',
    );
    const result = handOff(current, 'usr_other', ' 客戶要求退款，倉庫已確認冷鏈問題 ', LATER);
    assert.equal(result.case.ownerId, 'usr_other');
    assert.deepEqual(result.events[0]?.payload, {
      fromUserId: 'usr_agent',
      toUserId: 'usr_other',
      summary: '客戶要求退款，倉庫已確認冷鏈問題',
    });
    assert.equal(
      code(() => handOff(current, 'usr_agent', 'same', LATER)),
      'rule_violated',
    );
    assert.equal(
      code(() => handOff(aCase({ status: 'closed' }), 'usr_other', 'x', LATER)),
      'rule_violated',
    );
  });
});

describe('field changes', () => {
  test('each changed field is one event with its old and new value; unchanged fields are silent', () => {
    const current = aCase({ tags: ['mango'] });
    const result = applyPatch(
      current,
      { severity: 'high', priority: 'normal', tags: ['refund', 'mango', 'refund'] },
      LATER,
    );
    assert.deepEqual(result.events, [
      { type: 'case.field_changed', payload: { field: 'severity', from: 'medium', to: 'high' } },
      { type: 'case.field_changed', payload: { field: 'tags', from: ['mango'], to: ['mango', 'refund'] } },
    ]);
    assert.equal(result.case.severity, 'high');
    assert.equal(applyPatch(current, { priority: 'normal' }, LATER).case, current);
    assert.equal(
      code(() => applyPatch(aCase({ status: 'closed' }), { safety: true }, LATER)),
      'rule_violated',
    );
  });
});

describe('case references', () => {
  test('C-<year>-<6 digits>, growing past a million, parsed back', () => {
    assert.equal(formatCaseRef(2026, 123), 'C-2026-000123');
    assert.equal(formatCaseRef(2026, 1_234_567), 'C-2026-1234567');
    assert.deepEqual(parseCaseRef('C-2026-000123'), { year: 2026, sequence: 123 });
    assert.equal(parseCaseRef('C-26-1'), undefined);
    assert.throws(() => formatCaseRef(2026, 0), RangeError);
    assert.equal(refYear(new Date('2026-12-31T23:59:59.999Z')), 2026);
    assert.equal(refYear(new Date('2027-01-01T00:00:00.000Z')), 2027);
  });
});

describe('the category tree', () => {
  const at = NOW;
  const tree: Category[] = [
    {
      id: 'cat_q',
      parentId: null,
      names: { en: 'Product quality', 'zh-TW': '產品品質' },
      kind: 'product_quality',
      createdAt: at,
    },
    {
      id: 'cat_s',
      parentId: null,
      names: { en: 'Service process', th: 'กระบวนการบริการ' },
      kind: 'service_process',
      createdAt: at,
    },
    {
      id: 'cat_rot',
      parentId: 'cat_q',
      names: { en: 'Spoiled goods', 'zh-CN': '货品变质' },
      kind: 'product_quality',
      createdAt: at,
    },
    { id: 'cat_late', parentId: 'cat_s', names: { en: 'Late delivery' }, kind: 'service_process', createdAt: at },
  ];

  test('builds nested nodes in name order', () => {
    const nodes = buildCategoryTree(tree);
    assert.deepEqual(
      nodes.map((n) => [n.id, n.children.map((c) => c.id)]),
      [
        ['cat_q', ['cat_rot']],
        ['cat_s', ['cat_late']],
      ],
    );
  });

  test("names fall back to English; a child takes its parent's kind and may not differ", () => {
    assert.equal(nameIn(tree[0]!.names, 'zh-TW'), '產品品質');
    assert.equal(nameIn(tree[0]!.names, 'th'), 'Product quality');
    assert.equal(validateNewCategory({ parentId: 'cat_s', kind: undefined }, tree), 'service_process');
    assert.equal(
      code(() => validateNewCategory({ parentId: 'cat_s', kind: 'product_quality' }, tree)),
      'rule_violated',
    );
    assert.equal(
      code(() => validateNewCategory({ parentId: null, kind: undefined }, tree)),
      'validation_failed',
    );
    assert.equal(
      code(() => validateNewCategory({ parentId: 'cat_nope', kind: undefined }, tree)),
      'validation_failed',
    );
  });

  test('the tree stays shallow', () => {
    const deep: Category[] = [...tree];
    let parent = 'cat_late';
    for (let i = 0; i < 2; i += 1) {
      deep.push({ id: `cat_d${i}`, parentId: parent, names: { en: `d${i}` }, kind: 'service_process', createdAt: at });
      parent = `cat_d${i}`;
    }
    assert.equal(
      code(() => validateNewCategory({ parentId: parent, kind: undefined }, deep)),
      'rule_violated',
    );
    assert.equal(validateNewCategory({ parentId: 'cat_d0', kind: undefined }, deep), 'service_process');
  });
});
