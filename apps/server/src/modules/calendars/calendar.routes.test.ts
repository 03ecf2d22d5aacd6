import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CalendarDetailDto, CalendarDto, DuePreviewDto, IcalImportResult, PolicyDto } from '@redress/contract';
import { buildTestApp, type TestApp } from '../../../test/factories.ts';
import { createTestOrg, type TestOrg } from '../../../test/factories/cases.ts';

describe('calendars and policies over HTTP', () => {
  let t: TestApp;
  let org: TestOrg;
  before(async () => {
    t = await buildTestApp();
    org = await createTestOrg(t);
  });
  after(() => t.close());

  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    headers: Record<string, string>,
    payload?: unknown,
  ) => t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });

  const events = async (subjectId: string) =>
    (
      await t.deps.db.read
        .selectFrom('events')
        .select('type')
        .where('subject_id', '=', subjectId)
        .orderBy('seq')
        .execute()
    ).map((e) => e.type);

  test('an administrator generates the CN preset; the Spring Festival eve gets the right due time', async () => {
    const created = await call('POST', '/api/v1/calendars', org.admin.headers, { preset: 'CN', years: [2026] });
    assert.equal(created.statusCode, 201, created.body);
    const cal = created.json<CalendarDetailDto>();
    assert.equal(cal.timeZone, 'Asia/Shanghai');
    assert.equal(cal.preset, 'CN');
    assert.deepEqual(
      cal.days.filter((d) => d.kind === 'working' && d.day.startsWith('2026-02')).map((d) => d.day),
      ['2026-02-14', '2026-02-28'],
    );
    assert.ok(cal.days.every((d) => d.source === 'preset'));

    // Friday 13 February 17:00 Beijing time + 120 working minutes → Saturday 14th (make-up) 10:00.
    const due = await call(
      'GET',
      `/api/v1/calendars/${cal.id}/due?start=2026-02-13T09:00:00.000Z&minutes=120`,
      org.agentA.headers,
    );
    assert.equal(due.statusCode, 200, due.body);
    const preview = due.json<DuePreviewDto>();
    assert.equal(preview.dueAt, '2026-02-14T02:00:00.000Z');
    assert.equal(preview.dueAtLocal, '2026-02-14T10:00:00+08:00');
    assert.equal(preview.workingMinutes, 120);
    assert.equal(preview.startIsWorking, true);

    const days = await call(
      'GET',
      `/api/v1/calendars/${cal.id}/due?start=2026-02-18T02:00:00.000Z&unit=working_days&amount=7`,
      org.agentA.headers,
    );
    assert.equal(days.json<DuePreviewDto>().dueAtLocal, '2026-03-03T18:00:00+08:00');

    const year = await call('GET', `/api/v1/calendars/${cal.id}?year=2027`, org.agentA.headers);
    assert.deepEqual(year.json<CalendarDetailDto>().days, []);
    assert.deepEqual(await events(cal.id), ['calendar.created']);
  });

  test('a calendar by hand, edited, with days set and removed by hand, and an iCal import', async () => {
    const week = [...Array.from({ length: 5 }, () => [[540, 1050]]), [], []];
    const created = await call('POST', '/api/v1/calendars', org.admin.headers, {
      name: 'London office',
      timeZone: 'Europe/London',
      week,
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json<CalendarDetailDto>().id;

    const patched = await call('PATCH', `/api/v1/calendars/${id}`, org.admin.headers, {
      name: 'London head office',
      week: [...Array.from({ length: 5 }, () => [[510, 1050]]), [[540, 780]], []],
    });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json<CalendarDto>().name, 'London head office');
    assert.deepEqual(patched.json<CalendarDto>().week[5], [[540, 780]]);

    const put = await call('PUT', `/api/v1/calendars/${id}/days/2026-12-24`, org.admin.headers, {
      kind: 'working',
      name: 'Christmas Eve, short day',
      hours: [[540, 720]],
    });
    assert.equal(put.statusCode, 200, put.body);

    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Test//EN',
      'BEGIN:VEVENT',
      'UID:xmas@test',
      'DTSTAMP:20260101T000000Z',
      'SUMMARY:Christmas',
      'DTSTART;VALUE=DATE:20261224',
      'DTEND;VALUE=DATE:20261227',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:meeting@test',
      'DTSTAMP:20260101T000000Z',
      'SUMMARY:Board meeting',
      'DTSTART:20261201T100000Z',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const imported = await call('POST', `/api/v1/calendars/${id}/ical`, org.admin.headers, { ics });
    assert.equal(imported.statusCode, 200, imported.body);
    const report = imported.json<IcalImportResult>();
    assert.equal(report.imported, 2);
    assert.equal(report.keptManual, 1);
    assert.deepEqual(
      report.skipped.map((s) => s.summary),
      ['Board meeting'],
    );

    const detail = (await call('GET', `/api/v1/calendars/${id}`, org.agentA.headers)).json<CalendarDetailDto>();
    assert.deepEqual(
      detail.days.map((d) => [d.day, d.kind, d.source]),
      [
        ['2026-12-24', 'working', 'manual'],
        ['2026-12-25', 'holiday', 'ical'],
        ['2026-12-26', 'holiday', 'ical'],
      ],
    );

    const removed = await call('DELETE', `/api/v1/calendars/${id}/days/2026-12-24`, org.admin.headers);
    assert.equal(removed.statusCode, 204);
    const again = await call('DELETE', `/api/v1/calendars/${id}/days/2026-12-24`, org.admin.headers);
    assert.equal(again.statusCode, 404);
    assert.deepEqual(await events(id), [
      'calendar.created',
      'calendar.updated',
      'calendar.updated',
      'calendar.days_imported',
      'calendar.updated',
    ]);
  });

  test('bad calendars and bad input are coded 4xx errors', async () => {
    const bad = async (payload: unknown, field: string) => {
      const res = await call('POST', '/api/v1/calendars', org.admin.headers, payload);
      assert.equal(res.statusCode, 400, res.body);
      const body = res.json<{ error: { code: string; details: { field: string }[] } }>();
      assert.equal(body.error.code, 'validation_failed');
      assert.ok(
        body.error.details.some((d) => d.field.startsWith(field)),
        `${field} in ${JSON.stringify(body.error.details)}`,
      );
    };
    const week = Array.from({ length: 7 }, () => [[540, 1050]]);
    await bad({ name: 'Mars', timeZone: 'Mars/Olympus', week }, '/body/timeZone');
    await bad(
      {
        name: 'Overlap',
        timeZone: 'Asia/Taipei',
        week: [
          [
            [540, 720],
            [700, 800],
          ],
          [],
          [],
          [],
          [],
          [],
          [],
        ],
      },
      '/body/week/0/1',
    );
    await bad({ name: 'Six days', timeZone: 'Asia/Taipei', week: week.slice(1) }, '/body/week');
    // A week without (enough) working time would make every due time unreachable.
    await bad({ name: 'Closed', timeZone: 'Asia/Taipei', week: Array.from({ length: 7 }, () => []) }, '/body/week');
    await bad({ preset: 'TW' }, '/body/years');
    await bad({ preset: 'XX', years: [2026] }, '/body/preset');
    await bad({ preset: 'TW', years: [1999] }, '/body/years');
    await bad({ name: 'No zone', week }, '/body/timeZone');

    const list = (await call('GET', '/api/v1/calendars', org.admin.headers)).json<{ items: CalendarDto[] }>().items;
    const id = list[0]?.id ?? '';
    const nearlyClosed = await call('PATCH', `/api/v1/calendars/${id}`, org.admin.headers, {
      week: [[[540, 541]], [], [], [], [], [], []],
    });
    assert.equal(nearlyClosed.statusCode, 400, nearlyClosed.body);
    assert.deepEqual(
      nearlyClosed.json<{ error: { details: { field: string }[] } }>().error.details.map((d) => d.field),
      ['/body/week'],
    );
    const notIcs = await call('POST', `/api/v1/calendars/${id}/ical`, org.admin.headers, { ics: 'not a calendar' });
    assert.equal(notIcs.statusCode, 400);
    assert.match(notIcs.body, /BEGIN:VCALENDAR/);
    const tooBig = await call('POST', `/api/v1/calendars/${id}/ical`, org.admin.headers, {
      ics: 'x'.repeat(1_000_001),
    });
    assert.equal(tooBig.statusCode, 400);
    const badDay = await call('PUT', `/api/v1/calendars/${id}/days/2026-02-30`, org.admin.headers, {
      kind: 'holiday',
      name: 'No such day',
    });
    assert.equal(badDay.statusCode, 400);
    const missing = await call('GET', '/api/v1/calendars/cal_01ABCDEFGHJKMNPQRSTVWXYZ12', org.admin.headers);
    assert.equal(missing.statusCode, 404);
    const hugeDue = await call(
      'GET',
      `/api/v1/calendars/${id}/due?start=2026-01-01T00:00:00Z&unit=working_days&amount=5000`,
      org.admin.headers,
    );
    assert.equal(hugeDue.statusCode, 400);
  });

  test('permissions: an agent reads but cannot write; a department member cannot read (forbidden looks like not found)', async () => {
    const list = await call('GET', '/api/v1/calendars', org.agentA.headers);
    assert.equal(list.statusCode, 200);
    const id = list.json<{ items: CalendarDto[] }>().items[0]?.id ?? '';
    const write = await call('POST', '/api/v1/calendars', org.agentA.headers, { preset: 'GB', years: [2026] });
    assert.equal(write.statusCode, 404);
    const patch = await call('PATCH', `/api/v1/calendars/${id}`, org.supervisorA.headers, { name: 'Mine' });
    assert.equal(patch.statusCode, 404);
    const policy = await call('POST', '/api/v1/policies', org.agentA.headers, { name: 'Mine' });
    assert.equal(policy.statusCode, 404);
    for (const url of ['/api/v1/calendars', `/api/v1/calendars/${id}`, '/api/v1/policies']) {
      const res = await call('GET', url, org.warehouseMember.headers);
      assert.equal(res.statusCode, 404, url);
    }
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/calendars' })).statusCode, 401);
  });

  test('policies: presets, ordering by rank, validation and updates', async () => {
    const cal = (
      await call('POST', '/api/v1/calendars', org.admin.headers, { preset: 'GB', years: [2026] })
    ).json<CalendarDetailDto>();
    const fca = await call('POST', '/api/v1/policies/presets', org.admin.headers, {
      preset: 'fca_disp',
      calendarId: cal.id,
    });
    assert.equal(fca.statusCode, 201, fca.body);
    const fcaPolicy = fca.json<PolicyDto>();
    assert.equal(fcaPolicy.preset, 'fca_disp');
    assert.deepEqual(fcaPolicy.targets.firstResponse, { unit: 'working_days', amount: 3 });
    assert.deepEqual(fcaPolicy.regulatory?.days, 56);
    assert.equal(fcaPolicy.rank, 10);

    const vip = await call('POST', '/api/v1/policies', org.admin.headers, {
      name: 'VIP',
      rank: 5,
      conditions: { customerTiers: ['gold'], severities: [] },
      calendarId: null,
      targets: { acknowledge: { unit: 'working_minutes', amount: 60 } },
      warnPercents: [50, 75, 90],
      pauseStatuses: ['waiting_on_customer'],
    });
    assert.equal(vip.statusCode, 201, vip.body);
    assert.deepEqual(vip.json<PolicyDto>().conditions, { customerTiers: ['gold'] });
    const cn = await call('POST', '/api/v1/policies/presets', org.admin.headers, {
      preset: 'cn_consumer',
      calendarId: null,
    });
    assert.equal(cn.json<PolicyDto>().rank, 20);
    assert.deepEqual(cn.json<PolicyDto>().targets.acknowledge, { unit: 'working_days', amount: 7 });

    const listed = (await call('GET', '/api/v1/policies', org.agentA.headers)).json<{ items: PolicyDto[] }>().items;
    assert.deepEqual(
      listed.map((p) => p.name),
      ['VIP', 'UK FCA DISP', '中国 消费者投诉（12315）'],
    );

    const rejected = async (payload: unknown, field: string) => {
      const res = await call('POST', '/api/v1/policies', org.admin.headers, payload);
      assert.equal(res.statusCode, 400, res.body);
      assert.ok(res.body.includes(field), `${field}: ${res.body}`);
    };
    await rejected({ name: 'Bad warnings', warnPercents: [80, 50] }, '/body/warnPercents/1');
    await rejected({ name: 'Bad warnings', warnPercents: [0] }, '/body/warnPercents/0');
    await rejected(
      { name: 'Too long', targets: { resolve: { unit: 'working_days', amount: 400 } } },
      '/body/targets/resolve',
    );
    await rejected(
      { name: 'Zero', targets: { resolve: { unit: 'working_minutes', amount: 0 } } },
      '/body/targets/resolve',
    );
    await rejected({ name: 'No calendar', calendarId: 'cal_01ABCDEFGHJKMNPQRSTVWXYZ12' }, '/body/calendarId');
    await rejected({ name: '   ' }, '/body/name');
    await rejected({ name: 'Extra', colour: 'red' }, '/body');

    const patched = await call('PATCH', `/api/v1/policies/${fcaPolicy.id}`, org.admin.headers, {
      rank: 1,
      enabled: false,
      targets: { resolve: { unit: 'calendar_days', amount: 56 } },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    const after = patched.json<PolicyDto>();
    assert.equal(after.enabled, false);
    assert.deepEqual(after.targets.firstResponse, { unit: 'working_days', amount: 3 });
    assert.deepEqual(after.targets.resolve, { unit: 'calendar_days', amount: 56 });
    const missing = await call('PATCH', '/api/v1/policies/pol_01ABCDEFGHJKMNPQRSTVWXYZ12', org.admin.headers, {
      rank: 3,
    });
    assert.equal(missing.statusCode, 404);
    assert.deepEqual(await events(fcaPolicy.id), ['policy.created', 'policy.updated']);
  });
});
