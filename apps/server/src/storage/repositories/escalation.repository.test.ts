import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_LADDER, DEFAULT_TRIGGERS, composeSummary } from '../../modules/escalation/index.ts';
import { describeBothBackends } from '../../../test/pg-util.ts';
import { appendEvent } from '../events.ts';
import { unitOfWork } from '../unit-of-work.ts';
import { compensationRepository } from './compensation.repository.ts';
import { escalationRepository, listLadderLevels } from './escalation.repository.ts';

const at = new Date('2026-01-27T02:00:00.000Z');
const summary = composeSummary({
  case: {
    ref: 'C-2026-000001',
    subject: null,
    description: '我要退車',
    categoryId: null,
    channel: 'phone',
    status: 'new',
    severity: 'high',
    safety: false,
    expectedRemedy: 'replacement',
    createdAt: at,
  },
  signals: [{ signal: 'replacement_demand', cue: '退車' }],
  commitments: [],
  tasks: [],
  compensations: [],
  escalations: [],
  statusChanges: [],
});

describeBothBackends('escalation and compensation repositories', (backend) => {
  test('the ladder, triggers, escalations and compensations read back alike', async (t) => {
    const db = await backend.open(t);
    const store = unitOfWork(db, escalationRepository);
    const levels = DEFAULT_LADDER.map((level) => ({ ...level, id: `lvl_${level.rank}` }));
    levels[2] = { ...levels[2]!, maxCompensation: 900_000_000_000 };
    await store.write(async (repo) => {
      await repo.replaceLevels(levels, at);
      await repo.replaceTriggers(
        DEFAULT_TRIGGERS.map((tr, i) => ({ ...tr, id: `trg_${i}` })),
        at,
      );
    });
    assert.deepEqual(await listLadderLevels(db.read), levels);
    const triggers = await store.read.listTriggers();
    assert.equal(triggers.length, DEFAULT_TRIGGERS.length);
    assert.deepEqual(
      triggers.find((tr) => tr.kind === 'poor_survey'),
      { id: 'trg_7', kind: 'poor_survey', enabled: true, settings: { maxScore: 2 }, toRank: 1 },
    );

    const escalation = {
      id: 'esc_1',
      caseId: 'case_1',
      direction: 'up',
      fromRank: 0,
      toRank: 1,
      trigger: 'signal',
      reason: 'manager_request',
      summary,
      actorId: null,
      createdAt: at,
      acknowledgedAt: null,
      acknowledgedBy: null,
      sourceEventId: 'evt_1',
      supersededAt: null,
    } as const;
    await store.write((repo) => repo.insertEscalation(escalation));
    assert.equal(await store.read.firedBy('evt_1'), true);
    assert.equal(await store.read.firedBy('evt_2'), false);
    await assert.rejects(
      store.write((repo) => repo.insertEscalation({ ...escalation, id: 'esc_2' })),
      'one escalation per source event',
    );
    assert.equal(await store.write((repo) => repo.acknowledgeEscalation('esc_1', 'usr_s', at)), true);
    assert.equal(
      await store.write((repo) => repo.acknowledgeEscalation('esc_1', 'usr_t', at)),
      false,
      'taken once: the second writer changes nothing',
    );
    assert.deepEqual(await store.read.findEscalation('esc_1'), {
      ...escalation,
      acknowledgedAt: at,
      acknowledgedBy: 'usr_s',
    });

    // Waiting escalations above a rank stop waiting; taken ones and lower ones are left alone.
    const later = new Date('2026-01-27T03:00:00.000Z');
    const waiting = (id: string, toRank: number) => ({ ...escalation, id, toRank, sourceEventId: null });
    await store.write(async (repo) => {
      await repo.insertEscalation(waiting('esc_3', 3));
      await repo.insertEscalation(waiting('esc_4', 2));
      await repo.insertEscalation(waiting('esc_5', 1));
    });
    assert.deepEqual(await store.write((repo) => repo.supersedeWaiting('case_1', 1, later)), ['esc_3', 'esc_4']);
    assert.deepEqual(await store.write((repo) => repo.supersedeWaiting('case_1', 1, later)), []);
    assert.equal((await store.read.findEscalation('esc_3'))?.supersededAt?.toISOString(), later.toISOString());
    assert.equal(await store.write((repo) => repo.acknowledgeEscalation('esc_3', 'usr_s', later)), false);
    assert.deepEqual(await store.write((repo) => repo.supersedeWaiting('case_1', -1, later)), ['esc_5']);
    assert.equal((await store.read.findEscalation('esc_1'))?.supersededAt, null, 'a taken escalation stays taken');
    assert.equal(await store.read.caseLevel('case_missing'), 0);

    const compensations = unitOfWork(db, compensationRepository);
    const proposal = {
      id: 'cmp_1',
      caseId: 'case_1',
      kind: 'money',
      amount: 900_000_000_000,
      currency: 'TWD',
      description: '賠償',
      status: 'proposed',
      requiredRank: 2,
      proposedBy: 'usr_a',
      proposedAt: at,
      decidedBy: null,
      decidedAt: null,
      decisionNote: null,
      customerAccepted: null,
      customerResponseAt: null,
      deliveredAt: null,
    } as const;
    await compensations.write((repo) => repo.insert(proposal));
    const declined = { ...proposal, status: 'declined', customerAccepted: false, customerResponseAt: at } as const;
    assert.equal(await compensations.write((repo) => repo.save(declined, at, 'approved')), false, 'not approved');
    assert.deepEqual(await compensations.read.listForCase('case_1'), [proposal]);
    assert.equal(await compensations.write((repo) => repo.save(declined, at, 'proposed')), true);
    assert.deepEqual(await compensations.read.listForCase('case_1'), [declined]);
    assert.deepEqual(
      (await compensations.read.listLevels()).map((l) => l.rank),
      [0, 1, 2, 3],
    );

    const seqs = await db.write(async (tx) => {
      const event = (type: string, payload: Record<string, unknown>) =>
        appendEvent(tx, {
          type,
          subjectType: 'case',
          subjectId: 'case_1',
          actorId: null,
          requestId: null,
          payload,
          occurredAt: at,
        });
      return [
        await event('compensation.proposed', { compensationId: 'cmp_1' }),
        await event('compensation.customer_responded', { compensationId: 'cmp_1', accepted: false }),
        await event('compensation.customer_responded', { compensationId: 'cmp_1', accepted: true }),
        await event('case.message_recorded', { direction: 'inbound', channel: 'email', body: '找你們經理' }),
        await event('case.message_recorded', { direction: 'outbound', channel: 'email', body: 'ok' }),
        await event('case.call_logged', { direction: 'inbound' }),
        await event('case.message_recorded', { direction: 'inbound', channel: 'email', body: 'again' }),
      ].map((e) => e.seq);
    });
    assert.equal(await store.read.countNegotiationRounds('case_1'), 2);
    assert.equal(await store.read.countNegotiationRounds('case_1', seqs[0]), 1, 'as of the proposal');
    assert.equal(await store.read.countInboundContacts('case_1'), 3);
    assert.equal(await store.read.countInboundContacts('case_1', seqs[3]), 1, 'as of the first message');
    assert.equal(await store.read.countInboundContacts('case_1', seqs[5]), 2, 'as of the call');
    const record = await store.read.caseRecord('case_1');
    assert.deepEqual(record.inboundMessages, ['找你們經理', 'again']);
    assert.deepEqual(record.compensations, [
      { kind: 'money', amount: 900_000_000_000, currency: 'TWD', status: 'declined' },
    ]);
  });
});
