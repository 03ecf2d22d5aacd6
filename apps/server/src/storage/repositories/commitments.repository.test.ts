import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeBothBackends } from '../../../test/pg-util.ts';
import type { Commitment } from '../../modules/commitments/index.ts';
import { newId } from '../../shared/ids.ts';
import { toDbJson, toDbTime } from '../codec.ts';
import type { Database } from '../database.ts';
import { appendEvent } from '../events.ts';
import { casesRepository } from './cases.repository.ts';
import { commitmentsRepository } from './commitments.repository.ts';

const AT = new Date('2026-03-02T01:00:00.000Z');
const DUE = new Date('2026-03-04T09:00:00.000Z');
const hours = (n: number) => new Date(AT.getTime() + n * 3_600_000);

/** Two sites, a team, an agent, a customer, a case at site A with a task, a message and clocks. */
const seed = async (db: Database) => {
  const ids = {
    siteA: 'site_a',
    siteB: 'site_b',
    team: 'team_a',
    agent: 'usr_agent',
    agentB: 'usr_agent_b',
    customer: 'cus_1',
    case: 'case_1',
    otherCase: 'case_2',
    task: 'task_1',
    calendar: 'cal_1',
    policy: 'pol_1',
  };
  const at = toDbTime(AT);
  await db.write(async (tx) => {
    await tx
      .insertInto('sites')
      .values([
        { id: ids.siteA, name: '台北信義', code: 'TPE', time_zone: 'Asia/Taipei', created_at: at, archived_at: null },
        { id: ids.siteB, name: 'สีลม', code: 'BKK', time_zone: 'Asia/Bangkok', created_at: at, archived_at: null },
      ])
      .execute();
    await tx
      .insertInto('teams')
      .values({
        id: ids.team,
        site_id: ids.siteA,
        name: '客服一組',
        kind: 'frontline',
        created_at: at,
        archived_at: null,
      })
      .execute();
    for (const [id, name, site] of [
      [ids.agent, '林小華', ids.siteA],
      [ids.agentB, 'สมชาย', ids.siteB],
    ] as const) {
      await tx
        .insertInto('users')
        .values({
          id,
          email: `${id}@example.test`,
          name,
          role: 'agent',
          password_hash: null,
          locale: 'en',
          site_id: site,
          created_at: at,
          updated_at: at,
          disabled_at: null,
        })
        .execute();
    }
    await tx
      .insertInto('customers')
      .values({
        id: ids.customer,
        name: '陳美玲',
        preferred_name: '陳小姐',
        language: 'zh-TW',
        search_name: '陳美玲',
        notes_what_matters: toDbJson({ priorities: [], text: null }),
        consent: toDbJson({}),
        merged_into: null,
        tier: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    // Weekdays 09:00–18:00 in Taipei.
    const day: [number, number][] = [[540, 1080]];
    await tx
      .insertInto('calendars')
      .values({
        id: ids.calendar,
        name: 'Taipei office',
        time_zone: 'Asia/Taipei',
        week: toDbJson([day, day, day, day, day, [], []]),
        preset: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await tx
      .insertInto('service_policies')
      .values({
        id: ids.policy,
        name: 'Default',
        rank: 1,
        conditions: toDbJson({}),
        calendar_id: ids.calendar,
        targets: toDbJson({ acknowledge: null, firstResponse: null, keepInLoop: null, resolve: null }),
        regulatory: null,
        pause_statuses: toDbJson([]),
        warn_percents: toDbJson([80]),
        preset: null,
        enabled: true,
        created_at: at,
        updated_at: at,
      })
      .execute();
  });
  await db.write(async (tx) => {
    const cases = casesRepository(tx);
    for (const [id, ref, language] of [
      [ids.case, 'C-2026-000001', null],
      [ids.otherCase, 'C-2026-000002', 'en'],
    ] as const) {
      await cases.insertCase(
        {
          id,
          ref,
          status: 'investigating',
          customerId: ids.customer,
          channel: 'phone',
          subject: '報告',
          description: '你上次答應我要在1/4交出的報告,為何到1/6我還沒收到?',
          language,
          categoryId: null,
          severity: 'medium',
          safety: false,
          priority: 'normal',
          expectedRemedy: 'explanation',
          productRef: null,
          orderRef: null,
          tags: [],
          siteId: ids.siteA,
          ownerId: ids.agent,
          resolution: null,
          customerDecision: null,
          mergedIntoId: null,
          createdAt: AT,
          updatedAt: AT,
          closedAt: null,
        },
        ids.agent,
      );
    }
    await tx.updateTable('cases').set({ policy_id: ids.policy }).where('id', '=', ids.case).execute();
    await tx
      .insertInto('internal_tasks')
      .values({
        id: ids.task,
        case_id: ids.case,
        assignee_team_id: ids.team,
        assignee_user_id: null,
        question: '主管審完了嗎？',
        due_at: toDbTime(hours(60)),
        status: 'open',
        answer: null,
        answered_by: null,
        answered_at: null,
        created_by: ids.agent,
        created_at: at,
      })
      .execute();
    for (const [key, kind, due, state] of [
      ['resolve', 'resolve', hours(100), 'running'],
      ['regulatory', 'regulatory', hours(80), 'paused'],
      ['acknowledge', 'acknowledge', hours(1), 'running'],
      ['first_response', 'first_response', hours(2), 'met'],
    ] as const) {
      await tx
        .insertInto('service_clocks')
        .values({
          id: newId('clk', AT),
          case_id: ids.case,
          key,
          kind,
          subject_id: null,
          started_at: at,
          due_at: toDbTime(due),
          warn_percents: toDbJson([80]),
          state,
          created_at: at,
          updated_at: at,
        })
        .execute();
    }
  });
  const message = await db.write((tx) =>
    appendEvent(tx, {
      type: 'case.message_recorded',
      subjectType: 'case',
      subjectId: ids.case,
      actorId: ids.agent,
      requestId: null,
      payload: { direction: 'outbound', body: '1/4 前交報告' },
      occurredAt: AT,
    }),
  );
  const note = await db.write((tx) =>
    appendEvent(tx, {
      type: 'case.note_added',
      subjectType: 'case',
      subjectId: ids.case,
      actorId: ids.agent,
      requestId: null,
      payload: { text: 'internal' },
      occurredAt: AT,
    }),
  );
  return { ...ids, message: message.id, note: note.id };
};

const promise = (overrides: Partial<Commitment> & Pick<Commitment, 'id'>): Commitment => ({
  caseId: 'case_1',
  text: '1/4 前交出報告',
  promisedTo: '陳小姐',
  keyPersonId: null,
  dueAt: DUE,
  madeBy: 'usr_agent',
  madeAt: AT,
  messageEventId: null,
  dependsOn: ['task_1'],
  remedy: { kind: 'voucher', amount: 50_000, currency: 'TWD' },
  flags: ['depends_on_later_task'],
  status: 'open',
  outcomeAt: null,
  keptOnTime: null,
  renegotiatedFromId: null,
  renegotiatedToId: null,
  atRiskAt: null,
  siteId: 'site_a',
  teamId: 'team_a',
  ...overrides,
});

describeBothBackends('commitments repository', (backend) => {
  test('a promise round-trips and its state changes are saved', async (t) => {
    const db = await backend.open(t);
    const ids = await seed(db);
    const original = promise({ id: 'cmt_1', messageEventId: ids.message });
    await db.write((tx) => commitmentsRepository(tx).insertCommitment(original));
    const repo = commitmentsRepository(db.read);
    assert.deepEqual(await repo.findCommitment('cmt_1'), original);
    assert.equal(await repo.findCommitment('cmt_missing'), undefined);

    const kept = { ...original, status: 'kept' as const, outcomeAt: hours(10), keptOnTime: true, atRiskAt: hours(5) };
    await db.write(async (tx) => {
      const locked = await commitmentsRepository(tx).findCommitment('cmt_1', true);
      assert.equal(locked?.status, 'open');
      await commitmentsRepository(tx).saveCommitment(kept);
    });
    assert.deepEqual(await repo.findCommitment('cmt_1'), kept);
    await db.write((tx) => commitmentsRepository(tx).insertCommitment(promise({ id: 'cmt_0', remedy: null })));
    assert.deepEqual(
      (await repo.listCaseCommitments(ids.case)).map((c) => c.id),
      ['cmt_0', 'cmt_1'],
    );
    assert.equal((await repo.findCommitment('cmt_0'))?.remedy, null);
  });

  test('the facts the guard reads: tasks of this case, its messages, deadlines, calendar, ladder, audience', async (t) => {
    const db = await backend.open(t);
    const ids = await seed(db);
    const repo = commitmentsRepository(db.read);

    assert.deepEqual(await repo.findCaseTasks(ids.case, [ids.task, 'task_missing']), [
      { id: ids.task, dueAt: hours(60), status: 'open' },
    ]);
    assert.deepEqual(await repo.findCaseTasks(ids.otherCase, [ids.task]), [], "another case's task is not found");
    assert.deepEqual(await repo.findCaseTasks(ids.case, []), []);

    assert.equal(await repo.isCaseMessageEvent(ids.case, ids.message), true);
    assert.equal(await repo.isCaseMessageEvent(ids.otherCase, ids.message), false);
    assert.equal(await repo.isCaseMessageEvent(ids.case, ids.note), false, 'a note is not a message to the customer');

    const deadlines = await repo.caseDeadlines(ids.case);
    assert.deepEqual(deadlines.map((d) => [d.kind, d.dueAt.toISOString()]).sort(), [
      ['regulatory', hours(80).toISOString()],
      ['resolve', hours(100).toISOString()],
    ]);
    assert.deepEqual(await repo.caseDeadlines(ids.otherCase), []);

    // Wednesday 4 March: 17:00 in Taipei is working time, 20:00 is not; 18:00 closes the day and counts.
    assert.equal(await repo.dueInWorkingHours(ids.case, new Date('2026-03-04T09:00:00.000Z')), true);
    assert.equal(await repo.dueInWorkingHours(ids.case, new Date('2026-03-04T10:00:00.000Z')), true);
    assert.equal(await repo.dueInWorkingHours(ids.case, new Date('2026-03-04T12:00:00.000Z')), false);
    assert.equal(await repo.dueInWorkingHours(ids.case, new Date('2026-03-07T03:00:00.000Z')), false, 'Saturday');
    assert.equal(await repo.dueInWorkingHours(ids.otherCase, DUE), null, 'no policy calendar');

    assert.deepEqual(await repo.ladderLevels(), []);
    assert.deepEqual(await repo.caseAudience(ids.case), {
      customerName: '陳小姐',
      language: 'zh-TW',
      timeZone: 'Asia/Taipei',
    });
    assert.equal((await repo.caseAudience(ids.otherCase))?.language, 'en', "the case's language comes first");
    assert.equal(await repo.caseAudience('case_missing'), undefined);
  });

  test("kept-on-time counts per agent, team and site, narrowed to the case's sites and a period", async (t) => {
    const db = await backend.open(t);
    await seed(db);
    await db.write(async (tx) => {
      const repo = commitmentsRepository(tx);
      await repo.insertCommitment(promise({ id: 'cmt_1', status: 'kept', keptOnTime: true, outcomeAt: hours(3) }));
      await repo.insertCommitment(promise({ id: 'cmt_2', status: 'kept', keptOnTime: false, outcomeAt: hours(90) }));
      await repo.insertCommitment(promise({ id: 'cmt_3', status: 'broken', outcomeAt: hours(90) }));
      await repo.insertCommitment(promise({ id: 'cmt_4', status: 'renegotiated', renegotiatedToId: 'cmt_5' }));
      await repo.insertCommitment(promise({ id: 'cmt_5', renegotiatedFromId: 'cmt_4', madeAt: hours(20) }));
      await repo.insertCommitment(
        promise({
          id: 'cmt_6',
          madeBy: 'usr_agent_b',
          siteId: 'site_b',
          teamId: null,
          status: 'kept',
          keptOnTime: true,
          outcomeAt: hours(2),
        }),
      );
    });
    const repo = commitmentsRepository(db.read);
    const ALL = { all: true, siteIds: [] };
    const bySite = await repo.stats({ groupBy: 'site', sites: ALL });
    assert.deepEqual(bySite, [
      { key: 'site_a', name: '台北信義', made: 5, open: 1, keptOnTime: 1, keptLate: 1, broken: 1, renegotiated: 1 },
      { key: 'site_b', name: 'สีลม', made: 1, open: 0, keptOnTime: 1, keptLate: 0, broken: 0, renegotiated: 0 },
    ]);
    // cmt_6 was made by an agent of site B, on a case at site A: it is site A's to oversee, and
    // still counted under the promiser and their site.
    const siteA = await repo.stats({ groupBy: 'agent', sites: { all: false, siteIds: ['site_a'] } });
    assert.deepEqual(
      siteA.map((row) => [row.key, row.name, row.made]),
      [
        ['usr_agent', '林小華', 5],
        ['usr_agent_b', 'สมชาย', 1],
      ],
    );
    assert.deepEqual(
      (await repo.stats({ groupBy: 'site', sites: { all: false, siteIds: ['site_a'] } })).map((r) => [r.key, r.made]),
      [
        ['site_a', 5],
        ['site_b', 1],
      ],
    );
    assert.deepEqual(
      await repo.stats({ groupBy: 'agent', sites: { all: false, siteIds: ['site_b'] } }),
      [],
      "site B has no cases: the promiser's site does not decide who sees the promise",
    );
    assert.deepEqual(
      await repo.stats({ groupBy: 'agent', sites: { all: false, siteIds: [] } }),
      [],
      'no sites, no rows',
    );
    const byTeam = await repo.stats({ groupBy: 'team', sites: ALL });
    assert.deepEqual(
      byTeam.map((row) => [row.key, row.name, row.made]),
      [
        [null, null, 1],
        ['team_a', '客服一組', 5],
      ],
    );
    const late = await repo.stats({ groupBy: 'site', sites: ALL, from: hours(10), to: hours(30) });
    assert.deepEqual(
      late.map((row) => [row.key, row.made, row.open]),
      [['site_a', 1, 1]],
    );
  });
});
