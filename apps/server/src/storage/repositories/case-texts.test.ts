import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeBothBackends } from '../../../test/pg-util.ts';
import type { Database } from '../database.ts';
import { appendEvent } from '../events.ts';
import { firstInboundMessages, newestInboundMessages } from './case-texts.ts';

const AT = new Date('2026-03-02T01:00:00.000Z');

/** Records messages on cases, in order: `[caseId, direction, body]`. */
const record = async (db: Database, messages: readonly (readonly [string, string, unknown])[]) => {
  await db.write(async (tx) => {
    for (const [caseId, direction, body] of messages) {
      await appendEvent(tx, {
        type: 'case.message_recorded',
        subjectType: 'case',
        subjectId: caseId,
        actorId: null,
        requestId: null,
        payload: { direction, body },
        occurredAt: AT,
      });
    }
    // Another event type on the same case is never read as the customer's words.
    await appendEvent(tx, {
      type: 'case.note_added',
      subjectType: 'case',
      subjectId: 'case_a',
      actorId: null,
      requestId: null,
      payload: { direction: 'inbound', body: 'internal note' },
      occurredAt: AT,
    });
  });
};

describeBothBackends('case texts', (backend) => {
  test('reads only inbound messages, newest N oldest first, cut to the character limit', async (t) => {
    const db = await backend.open(t);
    await record(db, [
      ['case_a', 'inbound', '還沒收到貨'],
      ['case_a', 'outbound', '我們會查詢'],
      ['case_a', 'inbound', 'ยังไม่ได้รับของ'],
      ['case_a', 'inbound', 'Still nothing after two weeks'],
      ['case_b', 'inbound', 'other case'],
    ]);
    const texts = await newestInboundMessages(db.read, 'case_a', 2);
    assert.deepEqual(texts, ['ยังไม่ได้รับของ', 'Still nothing after two weeks']);
    // Characters, not bytes: a cut never splits a Chinese or Thai character.
    const cut = await newestInboundMessages(db.read, 'case_a', 5, 3);
    assert.deepEqual(cut, ['還沒收', 'ยัง', 'Sti']);
    assert.deepEqual(await newestInboundMessages(db.read, 'case_none', 5), []);
  });

  test('finds the first inbound message of each case, from a list or a subquery', async (t) => {
    const db = await backend.open(t);
    await record(db, [
      ['case_a', 'outbound', 'Thank you for your message'],
      ['case_a', 'inbound', 'The freezer arrived broken'],
      ['case_a', 'inbound', 'Any news?'],
      ['case_b', 'inbound', '冷凍櫃壞了'],
      ['case_c', 'outbound', 'only our side'],
    ]);
    const first = await firstInboundMessages(db.read, ['case_a', 'case_b', 'case_c']);
    assert.deepEqual(Object.fromEntries(first), { case_a: 'The freezer arrived broken', case_b: '冷凍櫃壞了' });
    const cut = await firstInboundMessages(db.read, ['case_a'], 11);
    assert.equal(cut.get('case_a'), 'The freezer');
    assert.equal((await firstInboundMessages(db.read, [])).size, 0);
    // As a subquery of case ids, as the category model passes its training cases.
    const noted = db.read.selectFrom('events').select('subject_id as id').where('type', '=', 'case.note_added');
    assert.deepEqual(Object.fromEntries(await firstInboundMessages(db.read, noted)), {
      case_a: 'The freezer arrived broken',
    });
  });
});
