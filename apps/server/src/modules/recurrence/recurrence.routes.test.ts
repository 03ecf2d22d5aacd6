import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CreateCaseBody, EarlyWarningDto, SimilarCasesDto } from '@redress/contract';
import { buildTestApp, createStaff, bearerFor, type TestApp } from '../../../test/factories.ts';
import {
  complaintFixtures,
  createConfig,
  createTestOrg,
  openCaseAs,
  type OrgUser,
  type TestOrg,
} from '../../../test/factories/cases.ts';
import { runSpikeSweep, settleJobs } from '../../../test/factories/recurrence.ts';
import { describeBothBackends } from '../../../test/pg-util.ts';

const DAY = 86_400_000;

/** One template letter (zh-TW), as many customers send it with their own dates and order numbers. */
const undelivered = (n: number): string =>
  `您好，我在3月${n}日於貴公司網站訂購的商品至今仍未收到，訂單編號2026030${n}00${n}。客服電話一直無人接聽，請盡快處理並全額退款，否則我將向消費者保護委員會申訴。`;
/** The same letter written in Simplified Chinese. */
const undeliveredSimplified =
  '您好，我在3月2日于贵公司网站订购的商品至今仍未收到，订单编号20260302009。客服电话一直无人接听，请尽快处理并全额退款，否则我将向消费者保护委员会申诉。';
const heater = (n: number): string =>
  `The RC-500 rice cooker I bought stopped heating after ${n} days and the bottom smells burnt. I want a replacement or a refund, order ${7000 + n}.`;
const parcel = (n: number): string =>
  `พัสดุหมายเลข ${n} ยังไม่ได้รับเลย โทรหาบริษัทขนส่งหลายครั้งแต่ไม่มีใครรับสาย ขอให้ตรวจสอบและคืนเงินด้วย`;

let customerSeq = 0;
const letter = (description: string, extra: Partial<CreateCaseBody> = {}): CreateCaseBody => {
  customerSeq += 1;
  return {
    customer: { name: `Customer ${customerSeq}`, email: `customer${customerSeq}@example.test` },
    channel: 'web',
    description,
    ...extra,
  };
};

describeBothBackends('similar cases', (backend) => {
  const setUp = async (cleanup: Parameters<typeof backend.open>[0]): Promise<{ t: TestApp; org: TestOrg }> => {
    const t = await buildTestApp({ db: await backend.open(cleanup) });
    return { t, org: await createTestOrg(t) };
  };

  const similar = async (t: TestApp, who: OrgUser, caseId: string): Promise<SimilarCasesDto> => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${caseId}/similar`,
      headers: who.headers,
    });
    assert.equal(response.statusCode, 200, response.body);
    return response.json<SimilarCasesDto>();
  };

  test('near-identical complaints list each other with weekly counts; unrelated and other sites’ cases do not appear', async (ctx) => {
    const { t, org } = await setUp(ctx);
    try {
      const now = t.clock.now(); // Monday 2026-03-02 09:00 UTC, ISO week 2026-W10
      t.clock.set(new Date(now.getTime() - 5 * DAY)); // Wednesday of W09
      const lastWeek = await openCaseAs(t, org.agentA, letter(undelivered(1)));
      t.clock.set(now);
      const thisWeek = [
        await openCaseAs(t, org.agentA, letter(undelivered(2))),
        await openCaseAs(t, org.agentA, letter(undelivered(3))),
        await openCaseAs(t, org.agentA2, letter(undeliveredSimplified)),
      ];
      const otherSite = await openCaseAs(t, org.agentB, letter(undelivered(4)));
      const unrelated = await openCaseAs(t, org.agentA, complaintFixtures.mango);
      await settleJobs(t);

      const siteA = [lastWeek, ...thisWeek];
      for (const own of siteA) {
        const found = await similar(t, org.supervisorA, own.id);
        assert.equal(found.comparable, true);
        assert.deepEqual(
          found.items.map((i) => i.caseId).sort(),
          siteA
            .filter((c) => c.id !== own.id)
            .map((c) => c.id)
            .sort(),
          `similar to ${own.ref}`,
        );
        for (const item of found.items) {
          assert.equal(item.kind, 'near_duplicate');
          assert.ok(item.similarity >= 0.8, `${item.caseRef}: ${item.similarity}`);
          assert.equal(item.siteId, org.siteA);
        }
        assert.equal(found.total, 3);
        assert.equal(found.thisWeek, 3);
        assert.equal(found.lastWeek, 1);
        assert.equal(found.weeks.length, 8);
        assert.deepEqual(found.weeks.slice(-2), [
          { week: '2026-W09', start: '2026-02-23T00:00:00.000Z', count: 1 },
          { week: '2026-W10', start: '2026-03-02T00:00:00.000Z', count: 3 },
        ]);
      }

      // The unrelated complaint resembles none of them, and none of them lists it.
      const alone = await similar(t, org.supervisorA, unrelated.id);
      assert.deepEqual(alone.items, []);
      assert.equal(alone.thisWeek, 1);

      // Site B's agent sees only site B: their copy of the letter has no visible similar case.
      const fromB = await similar(t, org.agentB, otherSite.id);
      assert.deepEqual(fromB.items, []);
      // A brand-wide analyst sees the copies at every site.
      const fromAnalyst = await similar(t, org.analyst, otherSite.id);
      assert.equal(fromAnalyst.total, 4);
      // A case of another site is not found at all for site B.
      const hidden = await t.app.inject({
        method: 'GET',
        url: `/api/v1/cases/${thisWeek[0]!.id}/similar`,
        headers: org.agentB.headers,
      });
      assert.equal(hidden.statusCode, 404);
      // A department member sees no case by site: nothing is listed (the case itself is not visible).
      const dept = await t.app.inject({
        method: 'GET',
        url: `/api/v1/cases/${thisWeek[0]!.id}/similar`,
        headers: org.warehouseMember.headers,
      });
      assert.equal(dept.statusCode, 404);
    } finally {
      await t.app.close();
    }
  });

  test('a case edited into the same category and product becomes same-cause; a text too short to compare lists nothing', async (ctx) => {
    const { t, org } = await setUp(ctx);
    try {
      const config = await createConfig(t, org.admin);
      const a = await openCaseAs(t, org.agentA, letter(heater(3), { productRef: 'RC-500' }));
      const b = await openCaseAs(
        t,
        org.agentA,
        letter('The lid of my cooker cracked when I opened it.', { productRef: 'rc-500 ' }),
      );
      await settleJobs(t);
      assert.deepEqual((await similar(t, org.agentA, a.id)).items, []);

      for (const id of [a.id, b.id]) {
        const patched = await t.app.inject({
          method: 'PATCH',
          url: `/api/v1/cases/${id}`,
          headers: org.agentA.headers,
          payload: { categoryId: config.quality },
        });
        assert.equal(patched.statusCode, 200, patched.body);
      }
      await settleJobs(t);
      const found = await similar(t, org.agentA, a.id);
      assert.equal(found.items.length, 1);
      assert.equal(found.items[0]?.caseId, b.id);
      assert.equal(found.items[0]?.kind, 'same_cause');
      assert.equal(found.items[0]?.sameCategoryAndProduct, true);

      // Too short to compare: said so, and nothing listed.
      const short = await openCaseAs(t, org.agentA, letter('Refund!'));
      const none = await similar(t, org.agentA, short.id);
      assert.equal(none.comparable, false);
      assert.deepEqual(none.items, []);
    } finally {
      await t.app.close();
    }
  });

  test('a burst raises one spike, however often the sweep runs; a steady trickle raises none', async (ctx) => {
    const { t, org } = await setUp(ctx);
    try {
      const supervisorB = await createStaff(t.deps, 'supervisor', 'supervisor.b@example.test', org.siteB);
      const supervisorBUser = { id: supervisorB.id, headers: await bearerFor(t.deps, supervisorB.id) };
      const now = t.clock.now();
      const at = (daysAgo: number) => t.clock.set(new Date(now.getTime() - daysAgo * DAY));
      // The trickle: five a week for five weeks, at site B.
      for (let week = 4; week >= 0; week -= 1) {
        for (let k = 0; k < 5; k += 1) {
          at(week * 7 + 0.5 + k * 1.2);
          await openCaseAs(t, org.agentB, letter(parcel(week * 10 + k)));
        }
      }
      // The burst: one three weeks ago, seven in the last days, at site A.
      at(21);
      await openCaseAs(t, org.agentA, letter(heater(40)));
      const burst = [];
      for (let k = 0; k < 7; k += 1) {
        at(6 - k * 0.8);
        burst.push(await openCaseAs(t, org.agentA, letter(heater(k + 1))));
      }
      t.clock.set(now);
      await settleJobs(t);

      await runSpikeSweep(t, '2026-03-02T09:23');
      await runSpikeSweep(t, '2026-03-02T09:24');
      t.clock.advance(3_600_000);
      await runSpikeSweep(t, '2026-03-02T10:23');

      const events = await t.deps.db.read
        .selectFrom('events')
        .select(['subject_id', 'payload'])
        .where('type', '=', 'recurrence.spike_detected')
        .execute();
      assert.equal(events.length, 1);
      const payload = (
        typeof events[0]!.payload === 'string' ? JSON.parse(events[0]!.payload) : events[0]!.payload
      ) as {
        currentCount: number;
        baselineCount: number;
        caseIds: string[];
      };
      assert.equal(payload.currentCount, 7);
      assert.equal(payload.baselineCount, 1);
      assert.deepEqual([...payload.caseIds].sort(), burst.map((c) => c.id).sort());

      // The manager's board shows it at site A, not at site B.
      const board = async (who: OrgUser): Promise<EarlyWarningDto> => {
        const response = await t.app.inject({ method: 'GET', url: '/api/v1/early-warning', headers: who.headers });
        assert.equal(response.statusCode, 200, response.body);
        return response.json<EarlyWarningDto>();
      };
      const a = await board(org.supervisorA);
      assert.equal(a.spikes.total, 1);
      assert.equal(a.spikes.items[0]?.spikeId, events[0]!.subject_id);
      assert.equal(a.spikes.items[0]?.currentCount, 7);
      assert.equal(a.spikes.items[0]?.baselineAverage, 0.25);
      assert.equal(a.spikes.items[0]?.atMySites, 7);
      assert.equal(a.spikes.items[0]?.caseId, burst.at(-1)?.id);
      // The cluster spans the organisation: its key (its earliest case) may be at another site.
      assert.ok(!Object.hasOwn(a.spikes.items[0] ?? {}, 'clusterKey'));
      assert.equal(a.counts.spikes, 1);
      const b = await board(supervisorBUser);
      assert.equal(b.spikes.total, 0);
      assert.deepEqual(b.spikes.items, []);

      // Site A's supervisor is told once, through the newest case; site B's is not told.
      await settleJobs(t);
      const told = async (who: OrgUser) => {
        const response = await t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: who.headers });
        assert.equal(response.statusCode, 200, response.body);
        return response
          .json<{ items: { kind: string; caseId: string | null; title: string }[] }>()
          .items.filter((n) => n.kind === 'recurrence_spike');
      };
      const toldA = await told(org.supervisorA);
      assert.equal(toldA.length, 1);
      assert.equal(toldA[0]?.caseId, burst.at(-1)?.id);
      assert.match(toldA[0]?.title ?? '', /— 7 like it this week/);
      assert.deepEqual(await told(supervisorBUser), []);
    } finally {
      await t.app.close();
    }
  });
});
