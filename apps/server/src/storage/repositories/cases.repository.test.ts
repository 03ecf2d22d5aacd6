import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeBothBackends } from '../../../test/pg-util.ts';
import type { Case, CaseVisibility } from '../../modules/cases/index.ts';
import { newId } from '../../shared/ids.ts';
import type { Database } from '../database.ts';
import { appendEvent } from '../events.ts';
import { toDbTime } from '../codec.ts';
import { casesRepository } from './cases.repository.ts';
import { tasksRepository } from './tasks.repository.ts';

const AT = new Date('2026-03-02T09:00:00.000Z');

/** Sites, a department team and two users, inserted directly. */
const seed = async (db: Database) => {
  const ids = {
    siteA: newId('site', AT),
    siteB: newId('site', AT),
    warehouse: newId('team', AT),
    agent: newId('usr', AT),
    member: newId('usr', AT),
  };
  await db.write(async (tx) => {
    await tx
      .insertInto('sites')
      .values([
        {
          id: ids.siteA,
          name: '台北信義',
          code: 'TPE',
          time_zone: 'Asia/Taipei',
          created_at: toDbTime(AT),
          archived_at: null,
        },
        {
          id: ids.siteB,
          name: 'สีลม',
          code: 'BKK',
          time_zone: 'Asia/Bangkok',
          created_at: toDbTime(AT),
          archived_at: null,
        },
      ])
      .execute();
    await tx
      .insertInto('teams')
      .values({
        id: ids.warehouse,
        site_id: ids.siteA,
        name: '倉庫',
        kind: 'department',
        created_at: toDbTime(AT),
        archived_at: null,
      })
      .execute();
    for (const [id, role, name] of [
      [ids.agent, 'agent', '林小華'],
      [ids.member, 'department_member', 'สมศรี'],
    ] as const) {
      await tx
        .insertInto('users')
        .values({
          id,
          email: `${id}@example.test`,
          name,
          role,
          password_hash: null,
          locale: 'en',
          site_id: ids.siteA,
          created_at: toDbTime(AT),
          updated_at: toDbTime(AT),
          disabled_at: null,
        })
        .execute();
    }
    await tx
      .insertInto('team_members')
      .values({ team_id: ids.warehouse, user_id: ids.member, created_at: toDbTime(AT) })
      .execute();
  });
  return ids;
};

const aCase = (overrides: Partial<Case> & Pick<Case, 'id' | 'ref' | 'ownerId'>): Case => ({
  status: 'new',
  customerId: 'cus_1',
  channel: 'phone',
  subject: '芒果',
  description: '我三天前買的芒果全部爛了，你們是騙子',
  language: 'zh-TW',
  categoryId: null,
  severity: 'medium',
  safety: false,
  priority: 'normal',
  expectedRemedy: 'refund',
  productRef: null,
  orderRef: 'ORD-1',
  tags: [],
  siteId: null,
  resolution: null,
  customerDecision: null,
  mergedIntoId: null,
  createdAt: AT,
  updatedAt: AT,
  closedAt: null,
  ...overrides,
});

const none: CaseVisibility = { all: false, siteIds: [], teamIds: [], userId: null };

describeBothBackends('cases and tasks repositories', (backend) => {
  test('50 concurrent creators get 50 distinct references, numbered per year', async (t) => {
    const db = await backend.open(t);
    const { agent } = await seed(db);
    const refs = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        db.write(async (tx) => {
          const repo = casesRepository(tx);
          const sequence = await repo.nextRefSequence(2026);
          const ref = `C-2026-${String(sequence).padStart(6, '0')}`;
          await repo.insertCase(aCase({ id: newId('case', AT), ref, ownerId: agent, description: `#${i}` }), agent);
          return sequence;
        }),
      ),
    );
    assert.deepEqual(
      [...refs].sort((a, b) => a - b),
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    const nextYear = await db.write((tx) => casesRepository(tx).nextRefSequence(2027));
    assert.equal(nextYear, 1);
  });

  test('a case round-trips in four languages with tags, resolution and decision; saving replaces them', async (t) => {
    const db = await backend.open(t);
    const { agent, siteA } = await seed(db);
    const id = newId('case', AT);
    await db.write((tx) =>
      casesRepository(tx).insertCase(
        aCase({ id, ref: 'C-2026-000001', ownerId: agent, siteId: siteA, tags: ['mango', 'ด่วน'], safety: true }),
        agent,
      ),
    );
    const repo = casesRepository(db.read);
    const found = await repo.findCase(id);
    assert.ok(found);
    assert.equal(found?.description, '我三天前買的芒果全部爛了，你們是騙子');
    assert.deepEqual(found?.tags, ['mango', 'ด่วน'].sort());
    assert.equal(found?.safety, true);
    assert.equal(found?.createdAt.toISOString(), AT.toISOString());

    const later = new Date('2026-03-03T10:00:00.000Z');
    await db.write((tx) =>
      casesRepository(tx).saveCase({
        ...found,
        status: 'resolved',
        tags: ['退款'],
        resolution: { text: 'ส่งของใหม่', kind: 'temporary', rootCauseId: 'rc_1', recordedAt: later, recordedBy: agent },
        customerDecision: { accepted: false, note: '退款还没到账', recordedAt: later, recordedBy: null },
        updatedAt: later,
      }),
    );
    const saved = await repo.findCase(id);
    assert.equal(saved?.status, 'resolved');
    assert.deepEqual(saved?.tags, ['退款']);
    assert.equal(saved?.resolution?.recordedAt.toISOString(), later.toISOString());
    assert.equal(saved?.customerDecision?.note, '退款还没到账');
    assert.equal(saved?.customerDecision?.accepted, false);
  });

  test('visibility is applied in SQL: site, owner, a task for a team or a person', async (t) => {
    const db = await backend.open(t);
    const { agent, member, siteA, siteB, warehouse } = await seed(db);
    const atA = newId('case', AT);
    const atB = newId('case', new Date(AT.getTime() + 1));
    await db.write(async (tx) => {
      const repo = casesRepository(tx);
      await repo.insertCase(aCase({ id: atA, ref: 'C-2026-000001', ownerId: agent, siteId: siteA }), agent);
      await repo.insertCase(aCase({ id: atB, ref: 'C-2026-000002', ownerId: agent, siteId: siteB }), agent);
    });
    const repo = casesRepository(db.read);
    const ids = async (v: CaseVisibility) =>
      (await repo.listCases(v, { sort: 'created_asc', limit: 10 })).items.map((c) => c.id);
    assert.deepEqual(await ids({ ...none, siteIds: [siteA] }), [atA]);
    assert.deepEqual(await ids({ ...none, userId: agent }), [atA, atB], 'owners see their own cases');
    assert.deepEqual(await ids({ ...none, teamIds: [warehouse], userId: member }), []);
    assert.equal(await repo.findVisibleCase(atB, { ...none, siteIds: [siteA] }), undefined);
    assert.equal(await repo.findVisibleCase(atB, none), undefined);
    assert.equal((await repo.findVisibleCase(atB, { all: true, siteIds: [], teamIds: [], userId: null }))?.id, atB);

    const task = {
      id: newId('task', AT),
      caseId: atB,
      assigneeTeamId: warehouse,
      assigneeUserId: null,
      question: '貨在哪裡？',
      dueAt: new Date('2026-03-03T09:00:00.000Z'),
      status: 'open' as const,
      answer: null,
      answeredBy: null,
      answeredAt: null,
      createdBy: agent,
      createdAt: AT,
    };
    await db.write((tx) => tasksRepository(tx).insertTask(task));
    assert.deepEqual(await ids({ ...none, teamIds: [warehouse], userId: member }), [atB]);
    assert.equal((await repo.findVisibleCase(atB, { ...none, teamIds: [warehouse] }, true))?.id, atB);

    const tasks = tasksRepository(db.read);
    assert.equal(await tasks.countOpenTasks(atB), 1);
    const queue = await tasks.listTasks(
      { assignees: { userId: member, teamIds: [warehouse] }, limit: 10 },
      { ...none, teamIds: [warehouse], userId: member },
    );
    assert.equal(queue[0]?.case.ref, 'C-2026-000002');
    assert.equal(queue[0]?.case.description, '我三天前買的芒果全部爛了，你們是騙子');
    assert.equal(queue[0]?.task.dueAt.toISOString(), '2026-03-03T09:00:00.000Z');
    const hidden = await tasks.listTasks(
      { assignees: { userId: null, teamIds: [warehouse] }, limit: 10 },
      { ...none, siteIds: [siteA] },
    );
    assert.equal(hidden.length, 0, 'a task on another site is not listed to someone who cannot reach it');

    const answeredAt = new Date('2026-03-02T12:00:00.000Z');
    await db.write((tx) =>
      tasksRepository(tx).saveTask({ ...task, status: 'answered', answer: 'ส่งแล้ว', answeredBy: member, answeredAt }),
    );
    const answered = await tasks.findTask(task.id);
    assert.equal(answered?.status, 'answered');
    assert.equal(answered?.answeredAt?.toISOString(), answeredAt.toISOString());
    assert.equal(await tasks.countOpenTasks(atB), 0);
  });

  test('lists filter, search literally (LIKE wildcards escaped) and page by cursor in both sorts', async (t) => {
    const db = await backend.open(t);
    const { agent, siteA } = await seed(db);
    const texts = ['สั่งของไปแล้วยังไม่ได้รับเลย', '退款还没到账', '100% refund please', 'Mango_rotten'];
    const created: string[] = [];
    await db.write(async (tx) => {
      const repo = casesRepository(tx);
      for (const [i, description] of texts.entries()) {
        const id = newId('case', new Date(AT.getTime() + i));
        created.push(id);
        await repo.insertCase(
          aCase({
            id,
            ref: `C-2026-00000${i + 1}`,
            ownerId: agent,
            siteId: siteA,
            description,
            status: i === 0 ? 'investigating' : 'new',
            updatedAt: new Date(AT.getTime() + (10 - i) * 1000),
          }),
          agent,
        );
      }
    });
    const repo = casesRepository(db.read);
    const all: CaseVisibility = { all: true, siteIds: [], teamIds: [], userId: null };
    const search = async (q: string) =>
      (await repo.listCases(all, { q, sort: 'created_desc', limit: 10 })).items.map((c) => c.description);
    assert.deepEqual(await search('ยังไม่ได้รับ'), [texts[0]]);
    assert.deepEqual(await search('到账'), [texts[1]]);
    assert.deepEqual(await search('100%'), [texts[2]]);
    assert.deepEqual(await search('%'), [texts[2]]);
    assert.deepEqual(await search('mango_'), [texts[3]], 'case-insensitive, underscore literal');
    assert.deepEqual(await search('C-2026-000002'), [texts[1]]);
    const investigating = await repo.listCases(all, { status: 'investigating', sort: 'created_desc', limit: 10 });
    assert.deepEqual(
      investigating.items.map((c) => c.id),
      [created[0]],
    );

    for (const sort of ['created_desc', 'created_asc', 'updated_desc'] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await repo.listCases(all, { sort, limit: 3, cursor });
        seen.push(...page.items.map((c) => c.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      assert.equal(new Set(seen).size, 4, sort);
      if (sort === 'created_asc') assert.deepEqual(seen, created);
      if (sort === 'created_desc') assert.deepEqual(seen, [...created].reverse());
      if (sort === 'updated_desc') assert.deepEqual(seen, created, 'the first case was updated last');
    }
  });

  test('timeline in log order with actor names; merged duplicates; links both ways; configuration', async (t) => {
    const db = await backend.open(t);
    const { agent } = await seed(db);
    const survivor = newId('case', AT);
    const duplicate = newId('case', new Date(AT.getTime() + 1));
    await db.write(async (tx) => {
      const repo = casesRepository(tx);
      await repo.insertCase(aCase({ id: survivor, ref: 'C-2026-000001', ownerId: agent }), agent);
      await repo.insertCase(aCase({ id: duplicate, ref: 'C-2026-000002', ownerId: agent }), agent);
      for (const [subject, type] of [
        [survivor, 'case.created'],
        [duplicate, 'case.created'],
        [survivor, 'case.note_added'],
      ] as const) {
        await appendEvent(tx, {
          type,
          subjectType: 'case',
          subjectId: subject,
          actorId: agent,
          requestId: null,
          payload: { body: '備註' },
          occurredAt: AT,
        });
      }
      assert.equal(
        await repo.insertLink({
          id: newId('lnk', AT),
          fromCaseId: survivor,
          toCaseId: duplicate,
          kind: 'related',
          merged: false,
          createdBy: agent,
          createdAt: AT,
        }),
        true,
      );
      assert.equal(
        await repo.insertLink({
          id: newId('lnk', AT),
          fromCaseId: duplicate,
          toCaseId: survivor,
          kind: 'same_cause',
          merged: false,
          createdBy: agent,
          createdAt: AT,
        }),
        false,
        'one link per pair, whichever way round',
      );
      await repo.saveCase({
        ...(await repo.findCase(duplicate))!,
        status: 'closed',
        mergedIntoId: survivor,
        closedAt: AT,
      });
      assert.equal(
        await repo.insertLink({
          id: newId('lnk', AT),
          fromCaseId: survivor,
          toCaseId: duplicate,
          kind: 'duplicate',
          merged: true,
          createdBy: agent,
          createdAt: AT,
        }),
        true,
        'a merge upgrades the existing link',
      );
      await repo.insertCategory({
        id: 'cat_1',
        parentId: null,
        names: { en: 'Quality', 'zh-CN': '质量' },
        kind: 'product_quality',
        createdAt: AT,
      });
      await repo.insertRootCause({
        id: 'rc_1',
        code: 'cold_chain',
        names: { en: 'Cold chain', th: 'ห่วงโซ่ความเย็น' },
        createdAt: AT,
      });
    });
    const repo = casesRepository(db.read);
    assert.deepEqual(await repo.mergedInto(survivor), [duplicate]);
    const timeline = await repo.timeline([survivor, duplicate], 100);
    assert.deepEqual(
      timeline.map((e) => [e.caseId === survivor ? 'S' : 'D', e.type]),
      [
        ['S', 'case.created'],
        ['D', 'case.created'],
        ['S', 'case.note_added'],
      ],
    );
    assert.equal(timeline[0]?.actorName, '林小華');
    assert.equal(timeline[2]?.payload.body, '備註');
    assert.deepEqual(await repo.listLinks(duplicate), [
      { caseId: survivor, ref: 'C-2026-000001', kind: 'duplicate', merged: true },
    ]);
    assert.deepEqual((await repo.listCategories())[0]?.names, { en: 'Quality', 'zh-CN': '质量' });
    assert.equal((await repo.findRootCauseByCode('cold_chain'))?.names.th, 'ห่วงโซ่ความเย็น');
    assert.equal((await repo.findUser(agent))?.name, '林小華');
    assert.deepEqual([...(await repo.userNames([agent, 'usr_missing'])).keys()], [agent]);
  });
});
