import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { ErrorBody, ReportOverviewDto, WorkloadDto } from '@redress/contract';
import { buildTestApp, createStaff, bearerFor, type TestApp } from '../../../test/factories.ts';
import { createConfig, createTestOrg, openCaseAs, type OrgUser } from '../../../test/factories/cases.ts';
import { describeBothBackends } from '../../../test/pg-util.ts';
import { newId } from '../../shared/ids.ts';

const NOW = '2026-03-02T09:00:00.000Z';
/** Three whole UTC days before now and the two after: [27 Feb, 4 Mar). */
const RANGE = '?from=2026-02-27T00:00:00Z&to=2026-03-04T00:00:00Z';

/** A clock row as the clocks module would have left it. */
const insertClock = (
  t: TestApp,
  row: { caseId: string; kind: string; state: string; dueAt: string; breachedAt?: string; settledAt?: string },
) =>
  t.deps.db.write((tx) =>
    tx
      .insertInto('service_clocks')
      .values({
        id: newId('clk'),
        case_id: row.caseId,
        key: `${row.kind}:${newId('clk')}`,
        kind: row.kind,
        subject_id: null,
        started_at: '2026-02-20T00:00:00.000Z',
        due_at: row.dueAt,
        warn_percents: '[]',
        state: row.state,
        breached_at: row.breachedAt ?? null,
        settled_at: row.settledAt ?? null,
        created_at: NOW,
        updated_at: NOW,
      })
      .execute(),
  );

const insertPromise = (t: TestApp, row: { caseId: string; status: string; dueAt: string; madeBy?: string }) =>
  t.deps.db.write((tx) =>
    tx
      .insertInto('commitments')
      .values({
        id: newId('cmt'),
        case_id: row.caseId,
        text: 'Call back with the report',
        promised_to: 'Customer',
        due_at: row.dueAt,
        made_by: row.madeBy ?? null,
        made_at: '2026-02-26T00:00:00.000Z',
        depends_on: '[]',
        flags: '[]',
        status: row.status,
        created_at: NOW,
        updated_at: NOW,
      })
      .execute(),
  );

const insertTask = (t: TestApp, row: { caseId: string; userId?: string; teamId?: string; status?: string }) =>
  t.deps.db.write((tx) =>
    tx
      .insertInto('internal_tasks')
      .values({
        id: newId('task'),
        case_id: row.caseId,
        assignee_team_id: row.teamId ?? null,
        assignee_user_id: row.userId ?? null,
        question: 'When did the cold chain break?',
        due_at: '2026-03-03T00:00:00.000Z',
        status: row.status ?? 'open',
        created_at: NOW,
      })
      .execute(),
  );

describeBothBackends('reports', (backend) => {
  /** A small known world: cases at two sites over a few days, with clocks, promises and tasks. */
  const setUp = async (cleanup: TestContext) => {
    const t = await buildTestApp({ db: await backend.open(cleanup) });
    cleanup.after(() => t.app.close());
    const org = await createTestOrg(t);
    const { quality, spoiled, service } = await createConfig(t, org.admin);
    const open = async (as: OrgUser, at: string, categoryId?: string) => {
      t.clock.set(at);
      const body = {
        customer: { name: 'Lin Yi', language: 'zh-TW' },
        channel: 'phone',
        description: '芒果爛了',
      } as const;
      return (await openCaseAs(t, as, { ...body, ...(categoryId ? { categoryId } : {}) })).id;
    };
    const a1 = await open(org.agentA, '2026-02-27T10:00:00.000Z', spoiled);
    const a2 = await open(org.agentA, '2026-02-28T23:30:00.000Z', spoiled);
    const a3 = await open(org.agentA, '2026-02-28T01:00:00.000Z', service);
    const a4 = await open(org.agentA, '2026-03-01T12:00:00.000Z');
    await open(org.agentA, '2026-02-26T23:59:59.999Z', quality); // just before the range
    await open(org.agentA, '2026-03-04T00:00:00.000Z', quality); // the range's end is exclusive
    const merged = await open(org.agentA, '2026-02-28T05:00:00.000Z', spoiled);
    const b1 = await open(org.agentB, '2026-02-28T10:00:00.000Z', spoiled);
    t.clock.set(NOW);
    await t.deps.db.write(async (tx) => {
      await tx
        .updateTable('cases')
        .set({ status: 'investigating', merged_into_id: a1 })
        .where('id', '=', merged)
        .execute();
      await tx.updateTable('cases').set({ status: 'resolved' }).where('id', '=', a4).execute();
    });

    // Clocks: met in time, met late, breached, past due but not yet swept, paused, cancelled (once
    // breached, once not), running, one due outside the range, one at site B.
    await insertClock(t, {
      caseId: a1,
      kind: 'acknowledge',
      state: 'met',
      dueAt: '2026-02-27T12:00:00.000Z',
      settledAt: '2026-02-27T11:00:00.000Z',
    });
    await insertClock(t, {
      caseId: a1,
      kind: 'first_response',
      state: 'met',
      dueAt: '2026-02-27T12:00:00.000Z',
      settledAt: '2026-02-27T13:00:00.000Z',
    });
    await insertClock(t, {
      caseId: a1,
      kind: 'resolve',
      state: 'running',
      dueAt: '2026-02-28T12:00:00.000Z',
      breachedAt: '2026-02-28T12:00:00.000Z',
    });
    await insertClock(t, { caseId: a1, kind: 'keep_in_loop', state: 'running', dueAt: '2026-03-01T10:00:00.000Z' });
    await insertClock(t, { caseId: a1, kind: 'regulatory', state: 'paused', dueAt: '2026-03-01T20:00:00.000Z' });
    await insertClock(t, { caseId: a1, kind: 'task', state: 'cancelled', dueAt: '2026-02-28T09:00:00.000Z' });
    await insertClock(t, {
      caseId: a2,
      kind: 'task',
      state: 'cancelled',
      dueAt: '2026-02-28T09:00:00.000Z',
      breachedAt: '2026-02-28T09:00:00.000Z',
    });
    await insertClock(t, { caseId: a3, kind: 'resolve', state: 'running', dueAt: '2026-03-03T12:00:00.000Z' });
    await insertClock(t, { caseId: a1, kind: 'resolve', state: 'running', dueAt: '2026-03-05T00:00:00.000Z' });
    await insertClock(t, {
      caseId: a4,
      kind: 'resolve',
      state: 'running',
      dueAt: '2026-02-20T00:00:00.000Z',
      breachedAt: '2026-02-20T00:00:00.000Z',
    });
    await insertClock(t, {
      caseId: b1,
      kind: 'acknowledge',
      state: 'met',
      dueAt: '2026-02-28T12:00:00.000Z',
      settledAt: '2026-02-28T11:00:00.000Z',
    });

    // Promises due in the range by outcome, one due after it, one at site B.
    await insertPromise(t, { caseId: a1, status: 'kept', dueAt: '2026-02-28T12:00:00.000Z' });
    await insertPromise(t, { caseId: a1, status: 'broken', dueAt: '2026-02-28T12:00:00.000Z' });
    await insertPromise(t, { caseId: a2, status: 'renegotiated', dueAt: '2026-03-01T12:00:00.000Z' });
    await insertPromise(t, { caseId: a2, status: 'open', dueAt: '2026-03-01T12:00:00.000Z', madeBy: org.agentA.id });
    await insertPromise(t, { caseId: a3, status: 'open', dueAt: '2026-03-03T12:00:00.000Z', madeBy: org.agentA2.id });
    await insertPromise(t, { caseId: a1, status: 'open', dueAt: '2026-03-05T00:00:00.000Z', madeBy: org.agentA.id });
    await insertPromise(t, { caseId: b1, status: 'open', dueAt: '2026-03-01T00:00:00.000Z', madeBy: org.agentB.id });

    // Tasks: open and answered by name, one for a team only, one on site B's case.
    await insertTask(t, { caseId: a1, userId: org.warehouseMember.id });
    await insertTask(t, { caseId: a1, userId: org.warehouseMember.id, status: 'answered' });
    await insertTask(t, { caseId: a2, teamId: org.warehouse });
    await insertTask(t, { caseId: b1, userId: org.warehouseMember.id });

    const supervisorB = await createStaff(t.deps, 'supervisor', 'supervisor.b@example.test', org.siteB);
    const gone = await createStaff(t.deps, 'agent', 'gone@example.test', org.siteA);
    await t.deps.db.write((tx) =>
      tx.updateTable('users').set({ disabled_at: NOW }).where('id', '=', gone.id).execute(),
    );
    return {
      t,
      org,
      quality,
      spoiled,
      service,
      supervisorB: { id: supervisorB.id, headers: await bearerFor(t.deps, supervisorB.id) },
      goneId: gone.id,
    };
  };

  const get = async <T>(t: TestApp, as: OrgUser, url: string): Promise<T> => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: as.headers });
    assert.equal(response.statusCode, 200, response.body);
    return response.json<T>();
  };

  test("a supervisor's overview counts their site's cases exactly, and nothing of another site", async (ctx) => {
    const { t, org, spoiled, service, quality } = await setUp(ctx);
    const a = await get<ReportOverviewDto>(t, org.supervisorA, `/reports/overview${RANGE}`);
    assert.equal(a.from, '2026-02-27T00:00:00.000Z');
    assert.equal(a.to, '2026-03-04T00:00:00.000Z');
    assert.deepEqual(a.volumeByCategory, [
      { categoryId: spoiled, names: { en: 'Spoiled goods', 'zh-TW': '商品腐壞' }, count: 2 },
      { categoryId: service, names: { en: 'Service process', th: 'กระบวนการบริการ' }, count: 1 },
      { categoryId: null, names: null, count: 1 },
    ]);
    assert.deepEqual(a.volumeByDay, [
      { day: '2026-02-27', count: 1 },
      { day: '2026-02-28', count: 2 },
      { day: '2026-03-01', count: 1 },
      { day: '2026-03-02', count: 0 },
      { day: '2026-03-03', count: 0 },
    ]);
    assert.deepEqual(a.clockCompliance, [
      { kind: 'acknowledge', met: 1, breached: 0, running: 0 },
      { kind: 'first_response', met: 0, breached: 1, running: 0 },
      { kind: 'keep_in_loop', met: 0, breached: 1, running: 0 },
      { kind: 'resolve', met: 0, breached: 1, running: 1 },
      { kind: 'regulatory', met: 0, breached: 0, running: 1 },
      { kind: 'task', met: 0, breached: 1, running: 0 },
    ]);
    assert.deepEqual(a.promises, { kept: 1, broken: 1, renegotiated: 1, open: 2, overdue: 1 });

    const rolled = await get<ReportOverviewDto>(t, org.supervisorA, `/reports/overview${RANGE}&rollUp=true`);
    assert.deepEqual(
      rolled.volumeByCategory.map((v) => [v.categoryId, v.count]),
      [
        [quality, 2],
        [service, 1],
        [null, 1],
      ],
    );

    const brand = await get<ReportOverviewDto>(t, org.analyst, `/reports/overview${RANGE}`);
    assert.equal(brand.volumeByCategory[0]?.count, 3, 'site B adds its spoiled-goods case');
    assert.equal(brand.volumeByDay[1]?.count, 3);
    assert.deepEqual(brand.clockCompliance[0], { kind: 'acknowledge', met: 2, breached: 0, running: 0 });
    assert.deepEqual(brand.promises, { kept: 1, broken: 1, renegotiated: 1, open: 3, overdue: 2 });

    const onlyB = await get<ReportOverviewDto>(t, org.analyst, `/reports/overview${RANGE}&siteId=${org.siteB}`);
    assert.deepEqual(onlyB.volumeByCategory, [
      { categoryId: spoiled, names: { en: 'Spoiled goods', 'zh-TW': '商品腐壞' }, count: 1 },
    ]);
    assert.deepEqual(onlyB.promises, { kept: 0, broken: 0, renegotiated: 0, open: 1, overdue: 1 });

    const notMine = await get<ReportOverviewDto>(t, org.supervisorA, `/reports/overview${RANGE}&siteId=${org.siteB}`);
    assert.deepEqual(notMine.volumeByCategory, [], "another site's figures are not the supervisor's to see");
    assert.ok(notMine.volumeByDay.every((d) => d.count === 0));
    assert.deepEqual(notMine.clockCompliance, []);
    assert.deepEqual(notMine.promises, { kept: 0, broken: 0, renegotiated: 0, open: 0, overdue: 0 });
  });

  test('the default range is the last 30 days; bad ranges are coded errors; front-line roles see nothing', async (ctx) => {
    const { t, org } = await setUp(ctx);
    const recent = await get<ReportOverviewDto>(t, org.supervisorA, '/reports/overview');
    assert.equal(recent.from, '2026-01-31T09:00:00.000Z');
    assert.equal(recent.to, NOW);
    assert.equal(recent.volumeByDay.length, 31);
    assert.equal(
      recent.volumeByDay.reduce((sum, d) => sum + d.count, 0),
      5,
      'everything at site A but the case merged away and the one opened after now',
    );
    for (const [query, status, code] of [
      ['?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z', 422, 'rule_violated'],
      ['?from=2026-03-01T00:00:00Z&to=2026-03-01T00:00:00Z', 422, 'rule_violated'],
      ['?from=2025-01-01T00:00:00Z&to=2026-01-03T00:00:00Z', 422, 'rule_violated'],
      ['?from=yesterday', 400, 'validation_failed'],
      ['?siteId=nowhere', 400, 'validation_failed'],
      ['?planet=mars', 400, 'validation_failed'],
    ] as const) {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/v1/reports/overview${query}`,
        headers: org.supervisorA.headers,
      });
      assert.equal(response.statusCode, status, query);
      assert.equal(response.json<ErrorBody>().error.code, code, query);
    }
    for (const url of ['/api/v1/reports/overview', '/api/v1/reports/workload']) {
      for (const who of [org.agentA, org.warehouseMember]) {
        assert.equal((await t.app.inject({ method: 'GET', url, headers: who.headers })).statusCode, 404, url);
      }
      assert.equal((await t.app.inject({ method: 'GET', url })).statusCode, 401, url);
    }
  });

  test("the workload: what each active person at the supervisor's sites carries now", async (ctx) => {
    const { t, org, supervisorB, goneId } = await setUp(ctx);
    const a = await get<WorkloadDto>(t, org.supervisorA, '/reports/workload');
    assert.equal(a.generatedAt, NOW);
    const row = (w: WorkloadDto, userId: string) => {
      const found = w.items.find((i) => i.userId === userId);
      assert.ok(found, userId);
      const { userId: _id, name: _name, role: _role, ...counts } = found;
      return counts;
    };
    assert.deepEqual(
      a.items.map((i) => i.userId).sort(),
      [org.agentA.id, org.agentA2.id, org.supervisorA.id, org.warehouseMember.id].sort(),
      'people at site A, not the disabled one, not site B, not brand-wide people',
    );
    assert.ok(!a.items.some((i) => i.userId === goneId));
    assert.deepEqual(row(a, org.agentA.id), {
      openCases: 5,
      breachedClocks: 2,
      openCommitments: 2,
      overdueCommitments: 1,
      openTasks: 0,
    });
    assert.deepEqual(row(a, org.agentA2.id), {
      openCases: 0,
      breachedClocks: 0,
      openCommitments: 1,
      overdueCommitments: 0,
      openTasks: 0,
    });
    assert.deepEqual(row(a, org.warehouseMember.id), {
      openCases: 0,
      breachedClocks: 0,
      openCommitments: 0,
      overdueCommitments: 0,
      openTasks: 1,
    });
    const agentA = a.items.find((i) => i.userId === org.agentA.id);
    assert.equal(agentA?.name, 'Test agent');
    assert.equal(agentA?.role, 'agent');

    const b = await get<WorkloadDto>(t, supervisorB, '/reports/workload');
    assert.deepEqual(b.items.map((i) => i.userId).sort(), [org.agentB.id, supervisorB.id].sort());
    assert.deepEqual(row(b, org.agentB.id), {
      openCases: 1,
      breachedClocks: 0,
      openCommitments: 1,
      overdueCommitments: 1,
      openTasks: 0,
    });

    const brand = await get<WorkloadDto>(t, org.analyst, '/reports/workload');
    assert.equal(row(brand, org.warehouseMember.id).openTasks, 2, "the brand counts site B's task too");
    assert.ok(
      brand.items.some((i) => i.userId === org.billingMember.id),
      'brand-wide people are listed for the brand',
    );
  });

  test("an archived team no longer brings its members into a site's workload", async (ctx) => {
    const { t, org } = await setUp(ctx);
    const roamer = await createStaff(t.deps, 'agent', 'roamer@example.test', null, [org.frontlineA]);
    const listed = async () =>
      (await get<WorkloadDto>(t, org.supervisorA, '/reports/workload')).items.some((i) => i.userId === roamer.id);
    assert.equal(await listed(), true, "a member of a site A team is one of site A's people");
    await t.deps.db.write((tx) =>
      tx.updateTable('teams').set({ archived_at: NOW }).where('id', '=', org.frontlineA).execute(),
    );
    assert.equal(await listed(), false, 'once the team is archived it places nobody at the site');
    const a = await get<WorkloadDto>(t, org.supervisorA, '/reports/workload');
    assert.ok(
      a.items.some((i) => i.userId === org.agentA.id),
      'a member who works at the site is still listed through the site itself',
    );
  });
});

test('a supervisor without a site sees an empty workload, not everyone’s', async () => {
  const t = await buildTestApp();
  try {
    await createTestOrg(t);
    const nowhere = await createStaff(t.deps, 'supervisor', 'nowhere@example.test', null);
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/reports/workload',
      headers: await bearerFor(t.deps, nowhere.id),
    });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json<WorkloadDto>().items, []);
  } finally {
    await t.close();
  }
});
