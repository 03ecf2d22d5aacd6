import type { TimelineEntryDto } from '@redress/contract';
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, json, renderApp } from '../../test/harness.tsx';
import { agent, AGENT_PERMISSIONS, CASE_ID, caseDto, escalation } from './case-fixtures.test-util.ts';
import { caseServer } from './case-server.test-util.ts';

afterEach(() => vi.unstubAllGlobals());

const PATH = `/cases/${CASE_ID}`;
/** The agent reads in Traditional Chinese. */
const ME = {
  'GET /api/v1/auth/me': () => json(200, { user: { ...agent, locale: 'zh-TW' }, permissions: AGENT_PERMISSIONS }),
};

const event = (seq: number, type: string, data: Record<string, unknown>, actorId: string | null = 'usr_MEI') =>
  ({
    id: `evt_${seq}`,
    seq,
    type,
    caseId: CASE_ID,
    actorId,
    actorName: actorId ? 'Lin Mei' : null,
    occurredAt: new Date(Date.UTC(2026, 2, 2, 3, seq)).toISOString(),
    data,
  }) satisfies TimelineEntryDto;

/** A safety trigger raised the case to level 2, then a person one level higher with a typed reason. */
const escalations = [
  escalation({
    id: 'esc_1',
    fromRank: 0,
    toRank: 2,
    trigger: 'safety',
    reason: 'safety or injury reported ("冒煙")',
    actorId: null,
    createdAt: '2026-03-02T03:10:00.000Z',
    summary: {
      ...escalation().summary,
      customerWants: {
        expectedRemedy: null,
        signals: [
          { signal: 'safety_risk', cue: '冒煙' },
          { signal: 'anger', cue: '氣死' },
        ],
      },
    },
  }),
  escalation({
    id: 'esc_2',
    fromRank: 1,
    toRank: 2,
    trigger: 'signal',
    reason: 'customer\'s words: manager_request ("找你們經理"), insult ("騙子")',
    actorId: null,
    createdAt: '2026-03-02T03:20:00.000Z',
    summary: {
      ...escalation().summary,
      customerWants: {
        expectedRemedy: null,
        signals: [
          { signal: 'insult', cue: '騙子' },
          { signal: 'manager_request', cue: '找你們經理' },
          { signal: 'regulator_threat', cue: '12315' },
        ],
      },
    },
  }),
];

const timeline = [
  event(1, 'case.created', { channel: 'phone' }),
  event(2, 'case.call_logged', { direction: 'inbound', counterpart: 'customer', durationSeconds: 95 }),
  event(3, 'case.call_logged', { direction: 'inbound', counterpart: '陳小姐', durationSeconds: 240 }),
  event(4, 'case.status_changed', {
    action: 'wait_on_internal',
    from: 'new',
    to: 'waiting_on_internal',
    reason: 'internal task',
  }),
  event(
    5,
    'case.status_changed',
    { action: 'reopen', from: 'resolved', to: 'investigating', reason: 'the lamp blew up' },
    null,
  ),
  event(6, 'case.status_changed', {
    action: 'wait_on_customer',
    from: 'investigating',
    to: 'waiting_on_customer',
    reason: '等客戶寄照片',
  }),
  event(7, 'case.escalated', { escalationId: 'esc_1', fromRank: 0, toRank: 2, trigger: 'safety' }, null),
];

describe('the case page in Traditional Chinese', { timeout: 20_000 }, () => {
  it('says why a trigger escalated in the reader’s words, with the customer’s own words, never the server’s English', async () => {
    fakeServer(
      caseServer({
        ...ME,
        [`GET /api/v1/cases/${CASE_ID}`]: () => json(200, caseDto({ timeline })),
        [`GET /api/v1/cases/${CASE_ID}/escalations`]: () => json(200, { items: escalations }),
      }),
    );
    renderApp({ path: PATH, locale: 'zh-TW' });

    const panel = await screen.findByRole('region', { name: '升級' });
    const safety = (await within(panel).findByText(/由第 0 級・第一線升級至第 2 級・店長/)).closest('li')!;
    expect(safety.textContent).toContain('涉及安全');
    expect(within(safety).getByText('受傷或安全疑慮：客戶說「冒煙」')).toBeDefined();
    // Only the words the trigger heard: the anger in the summary did not raise it.
    expect(safety.textContent).not.toContain('氣死');

    const words = within(panel)
      .getByText(/客戶訊息中的字詞/)
      .closest('li')!;
    expect(within(words).getByText('要求找主管：客戶說「找你們經理」')).toBeDefined();
    expect(within(words).getByText('辱罵：客戶說「騙子」')).toBeDefined();
    expect(words.textContent).not.toContain('12315');

    expect(panel.textContent).not.toMatch(/safety or injury|customer's words|manager_request/);
  });

  it('names the call’s party, the reasons for automatic status changes and the escalation’s trigger in Chinese', async () => {
    fakeServer(caseServer({ ...ME, [`GET /api/v1/cases/${CASE_ID}`]: () => json(200, caseDto({ timeline })) }));
    renderApp({ path: PATH, locale: 'zh-TW' });

    const log = await screen.findByRole('region', { name: '處理紀錄' });
    expect(within(log).getByText('與客戶通話 2 分鐘')).toBeDefined();
    expect(within(log).getByText('與 陳小姐 通話 4 分鐘')).toBeDefined();
    // The server's own reason in words; a staff member's as written; the system's English not at all.
    expect(within(log).getByText('已送出內部任務')).toBeDefined();
    expect(within(log).getByText('等客戶寄照片')).toBeDefined();
    expect(await within(log).findByText('已升級至第 2 級・店長（涉及安全）')).toBeDefined();
    expect(log.textContent).not.toMatch(/customer|internal task|the lamp blew up/);
  });

  it('shows a person’s own reason for escalating as they wrote it', async () => {
    fakeServer(
      caseServer({
        [`GET /api/v1/cases/${CASE_ID}/escalations`]: () =>
          json(200, { items: [escalation({ reason: 'The customer asked for the store manager by name.' })] }),
      }),
    );
    renderApp({ path: PATH });

    const panel = await screen.findByRole('region', { name: 'Escalation' });
    expect(await within(panel).findByText('The customer asked for the store manager by name.')).toBeDefined();
    expect(within(panel).getByText(/by hand/)).toBeDefined();
  });
});
