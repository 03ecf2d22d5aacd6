import type { LadderLevelDto, TriggerDto } from '@redress/contract';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, json } from '../../../test/harness.tsx';
import { Escalation } from './Escalation.tsx';
import {
  FORM_TEST,
  announced,
  bodyOf,
  describedErrorOf,
  fill,
  renderSection,
  signedInAs,
  validationFailed,
} from './rules-test-util.tsx';

afterEach(() => vi.unstubAllGlobals());

const levels: LadderLevelDto[] = [
  {
    id: 'lvl_0',
    rank: 0,
    names: { en: 'Front line', 'zh-TW': '第一線客服', 'zh-CN': '一线客服', th: 'พนักงานด่านหน้า' },
    roles: ['agent'],
    teamId: null,
    maxCompensation: 100_000,
    currency: 'TWD',
    remedies: ['goodwill', 'voucher'],
    responseMinutes: 240,
  },
  {
    id: 'lvl_1',
    rank: 1,
    names: { en: 'Supervisor', 'zh-TW': '主管', 'zh-CN': '主管', th: 'หัวหน้างาน' },
    roles: ['supervisor'],
    teamId: 'team_pr',
    maxCompensation: null,
    currency: null,
    remedies: ['refund'],
    responseMinutes: 90,
  },
];
const triggers: TriggerDto[] = [
  { id: 'trg_1', kind: 'clock_breach', enabled: true, settings: { clockKinds: ['resolve'] }, toRank: null },
  { id: 'trg_2', kind: 'signal', enabled: true, settings: { signals: ['media_threat', 'legal_threat'] }, toRank: 1 },
  { id: 'trg_3', kind: 'repeat_contact', enabled: true, settings: { count: 3 }, toRank: 1 },
];
const teams = [
  {
    id: 'team_pr',
    name: 'PR desk',
    kind: 'department',
    siteId: null,
    memberIds: [],
    createdAt: '2026-01-01T00:00:00.000Z',
  },
];

const server = (extra: Record<string, (init: RequestInit) => Response> = {}, locale: 'en' | 'zh-TW' = 'en') =>
  fakeServer({
    'GET /api/v1/auth/me': signedInAs(undefined, locale),
    'GET /api/v1/escalation/levels': () => json(200, { levels }),
    'GET /api/v1/escalation/triggers': () => json(200, { triggers }),
    'GET /api/v1/teams': () => json(200, { items: teams }),
    ...extra,
  });

describe('escalation ladder and triggers', FORM_TEST, () => {
  it('shows each level with who stands there, the authority in its currency and the response time in words', async () => {
    server({}, 'zh-TW');
    renderSection('escalation', <Escalation />, 'zh-TW');
    const table = await screen.findByRole('table', { name: '升級層級' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual(['第一線客服', '主管']);
    const [front, supervisor] = rows.map((row) =>
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    );
    expect(front).toEqual(['0', '客服專員', '$1,000.00', '善意補償, 禮券', '4 個工作小時']);
    expect(supervisor).toEqual(['1', '主管, PR desk', '不設上限', '退款', '工作時間 1 小時 30 分鐘']);
  });

  it('saves the whole ladder: amounts typed in the currency’s units are sent in minor units, ranks follow the order', async () => {
    const user = userEvent.setup({ delay: null });
    const { callsTo } = server({
      'PUT /api/v1/escalation/levels': (init) => json(200, JSON.parse(init.body as string) as object),
    });
    renderSection('escalation', <Escalation />);
    await user.click(await screen.findByRole('button', { name: 'Edit the ladder' }));
    const form = screen.getByRole('form', { name: 'Edit the ladder' });
    const supervisor = within(form).getByRole('group', { name: 'Level 1: Supervisor' });
    await fill(user, within(supervisor).getByLabelText('Maximum compensation'), '8000');
    await fill(user, within(supervisor).getByLabelText('Currency'), 'twd');
    await user.click(within(supervisor).getByLabelText('Replacement'));
    await user.click(within(form).getByRole('button', { name: 'Add a level at the top' }));
    const added = within(form).getByRole('group', { name: 'Level 2: new level' });
    await fill(user, within(added).getByLabelText('Name in English'), 'Executive');
    await fill(user, within(added).getByLabelText('Name in 繁體中文'), '高層');
    await fill(user, within(added).getByLabelText('Name in 简体中文'), '高层');
    await fill(user, within(added).getByLabelText('Name in ไทย'), 'ผู้บริหาร');
    await user.click(within(added).getByLabelText('Administrator'));
    await fill(user, within(added).getByLabelText('Responds within (working hours)'), '1');
    await user.click(within(form).getByRole('button', { name: 'Save the ladder' }));

    await waitFor(() => expect(announced()).toBe('Escalation ladder saved.'));
    const body = bodyOf(callsTo('PUT /api/v1/escalation/levels')) as { levels: Record<string, unknown>[] };
    expect(body.levels.map((level) => level.rank)).toEqual([0, 1, 2]);
    expect(body.levels[0]).toEqual({
      rank: 0,
      names: { en: 'Front line', 'zh-TW': '第一線客服', 'zh-CN': '一线客服', th: 'พนักงานด่านหน้า' },
      roles: ['agent'],
      teamId: null,
      maxCompensation: 100_000,
      currency: 'TWD',
      remedies: ['goodwill', 'voucher'],
      responseMinutes: 240,
    });
    expect(body.levels[1]).toMatchObject({
      teamId: 'team_pr',
      maxCompensation: 800_000,
      currency: 'TWD',
      remedies: ['refund', 'replacement'],
      responseMinutes: 90,
    });
    expect(body.levels[2]).toEqual({
      rank: 2,
      names: { en: 'Executive', 'zh-TW': '高層', 'zh-CN': '高层', th: 'ผู้บริหาร' },
      roles: ['admin'],
      teamId: null,
      maxCompensation: null,
      currency: 'TWD', // the level below's, ready for a maximum
      remedies: [],
      responseMinutes: 60,
    });
  });

  it('shows the server’s objection beside the level’s field, and catches an amount that is not one before sending', async () => {
    const user = userEvent.setup({ delay: null });
    const { callsTo } = server({ 'PUT /api/v1/escalation/levels': () => validationFailed('/body/levels/1/currency') });
    renderSection('escalation', <Escalation />);
    await user.click(await screen.findByRole('button', { name: 'Edit the ladder' }));
    const form = screen.getByRole('form', { name: 'Edit the ladder' });
    const supervisor = within(form).getByRole('group', { name: 'Level 1: Supervisor' });
    const max = within(supervisor).getByLabelText('Maximum compensation');
    await fill(user, max, 'lots');
    await user.click(within(form).getByRole('button', { name: 'Save the ladder' }));
    expect(max.getAttribute('aria-invalid')).toBe('true');
    expect(callsTo('PUT /api/v1/escalation/levels')).toHaveLength(0);

    await fill(user, max, '5000');
    await user.click(within(form).getByRole('button', { name: 'Save the ladder' }));
    const currency = within(supervisor).getByLabelText('Currency');
    await waitFor(() => expect(currency.getAttribute('aria-invalid')).toBe('true'));
    expect(describedErrorOf(currency)).toBe('Error: Enter a three-letter currency code; it is needed with a maximum.');
    expect(max.getAttribute('aria-invalid')).toBeNull();
    const front = within(form).getByRole('group', { name: 'Level 0: Front line' });
    expect(within(front).getByLabelText('Currency').getAttribute('aria-invalid')).toBeNull();
  });

  it('turns triggers on and off, changes their thresholds and adds one, sending only the settings each kind uses', async () => {
    const user = userEvent.setup({ delay: null });
    const { callsTo } = server({
      'PUT /api/v1/escalation/triggers': (init) => {
        const sent = JSON.parse(init.body as string) as { triggers: object[] };
        return json(200, { triggers: sent.triggers.map((trigger, i) => ({ id: `trg_n${i}`, ...trigger })) });
      },
    });
    renderSection('escalation', <Escalation />);
    const form = await screen.findByRole('form', { name: 'Triggers' });
    const breach = within(form).getByRole('group', { name: 'A deadline was missed' });
    await user.click(within(breach).getByLabelText('On'));
    const repeat = within(form).getByRole('group', { name: 'The customer contacts us again and again' });
    await fill(user, within(repeat).getByLabelText('After this many contacts'), '5');
    await user.selectOptions(within(repeat).getByLabelText('Send the case to'), 'One level up');
    await user.selectOptions(within(form).getByLabelText('New trigger'), 'A poor survey answer');
    await user.click(within(form).getByRole('button', { name: 'Add trigger' }));
    await user.click(within(form).getByRole('button', { name: 'Save triggers' }));

    await waitFor(() => expect(announced()).toBe('Triggers saved.'));
    expect(bodyOf(callsTo('PUT /api/v1/escalation/triggers'))).toEqual({
      triggers: [
        { kind: 'clock_breach', enabled: false, settings: { clockKinds: ['resolve'] }, toRank: null },
        { kind: 'signal', enabled: true, settings: { signals: ['media_threat', 'legal_threat'] }, toRank: 1 },
        { kind: 'repeat_contact', enabled: true, settings: { count: 5 }, toRank: null },
        { kind: 'poor_survey', enabled: true, settings: { maxScore: 2 }, toRank: null },
      ],
    });
  });

  it('shows a trigger left without signals as an error on that trigger', async () => {
    const user = userEvent.setup({ delay: null });
    server({ 'PUT /api/v1/escalation/triggers': () => validationFailed('/body/triggers/1/settings/signals') });
    renderSection('escalation', <Escalation />);
    const form = await screen.findByRole('form', { name: 'Triggers' });
    const signal = within(form).getByRole('group', { name: "Words in the customer's message" });
    await user.click(within(signal).getByLabelText('Threatens the media'));
    await user.click(within(signal).getByLabelText('Threatens legal action'));
    await user.click(within(form).getByRole('button', { name: 'Save triggers' }));
    expect(await within(signal).findByText('Choose at least one.')).toBeDefined();
    expect(within(form).getByRole('alert').textContent).toBe('Some details need attention.');
  });
});
