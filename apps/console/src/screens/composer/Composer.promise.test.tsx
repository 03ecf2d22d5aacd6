import type { CommitmentDto } from '@redress/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatDate } from '../../format.ts';
import { fakeServer, json } from '../../test/harness.tsx';
import {
  bodyOf,
  buildTask,
  CASE_PATH,
  COACH,
  coachSays,
  draftArea,
  quietServer,
  renderComposer,
  SLOW_TEST,
} from './composer-test-kit.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

const CHECK = `POST ${CASE_PATH}/commitments/check`;
const RECORD = `POST ${CASE_PATH}/commitments`;
const TASK_DUE = '2026-03-06T09:00:00.000Z';
/** 15:00 on 5 March in the browser's zone, as the agent picks it. */
const PROMISED = new Date(2026, 2, 5, 15, 0).toISOString();

const laterTask = () =>
  json(200, {
    flags: [
      {
        code: 'depends_on_later_task',
        message: 'The promise is due before an internal task it depends on is due',
        taskId: 'task_01STOCK',
        limitAt: TASK_DUE,
      },
    ],
  });

const made = (overrides: Partial<CommitmentDto> = {}): CommitmentDto => ({
  id: 'cmt_1',
  caseId: 'case_01MANGO',
  text: 'Send the lab report',
  promisedTo: '陳美玲',
  keyPersonId: null,
  dueAt: PROMISED,
  madeBy: 'Lin Mei',
  madeAt: '2026-03-02T05:00:00.000Z',
  messageEventId: null,
  dependsOn: ['task_01STOCK'],
  remedy: null,
  flags: ['depends_on_later_task'],
  status: 'open',
  outcomeAt: null,
  keptOnTime: null,
  renegotiatedFromId: null,
  renegotiatedToId: null,
  atRiskAt: null,
  ...overrides,
});

describe('turning a promise into a commitment', SLOW_TEST, () => {
  it('shows the promise warning for a task due after the promise, then records it naming the flag', async () => {
    const user = userEvent.setup();
    const { callsTo } = fakeServer({ ...quietServer, [CHECK]: laterTask, [RECORD]: () => json(201, made()) });
    const { onSaved } = renderComposer({ tasks: [buildTask(), buildTask({ id: 'task_done', status: 'answered' })] });

    await user.click(screen.getByRole('button', { name: 'Add a promise' }));
    const form = screen.getByRole('region', { name: 'A promise to the customer' });
    await user.type(within(form).getByLabelText('What you promise'), 'Send the lab report');
    fireEvent.change(within(form).getByLabelText('Promised by'), { target: { value: '2026-03-05T15:00' } });
    expect(within(form).getByText(`Promised by ${formatDate(PROMISED, 'en', { style: 'dateTime' })}`)).toBeDefined();
    // Only open tasks can hold a promise up.
    const fieldset = within(form).getByRole('group', { name: 'It depends on these internal tasks' });
    expect(within(fieldset).getAllByRole('checkbox')).toHaveLength(1);
    await user.click(within(fieldset).getByRole('checkbox', { name: /Check the warehouse stock of this batch/ }));
    await user.click(within(form).getByRole('button', { name: 'Check and record the promise' }));

    const warning = await screen.findByRole('alert', { name: 'Promise warning' });
    expect(within(warning).getByRole('heading', { name: 'Promise warning' })).toBeDefined();
    expect(within(warning).getByRole('listitem').textContent).toBe(
      'The internal task it depends on is due after the promised time: “Check the warehouse stock of this batch” is due ' +
        `${formatDate(TASK_DUE, 'en', { style: 'dateTime' })}.`,
    );
    expect(bodyOf(callsTo(CHECK)[0])).toEqual({
      text: 'Send the lab report',
      dueAt: PROMISED,
      dependsOn: ['task_01STOCK'],
    });
    // The guard's word is not the last: nothing is recorded until the agent chooses to.
    expect(callsTo(RECORD)).toHaveLength(0);

    await user.click(within(warning).getByRole('button', { name: 'Record the promise anyway' }));
    await waitFor(() => expect(callsTo(RECORD)).toHaveLength(1));
    expect(bodyOf(callsTo(RECORD)[0])).toEqual({
      text: 'Send the lab report',
      dueAt: PROMISED,
      dependsOn: ['task_01STOCK'],
      acknowledgeFlags: ['depends_on_later_task'],
    });
    expect(
      await screen.findByText(`Promise recorded, due ${formatDate(PROMISED, 'en', { style: 'dateTime' })}.`),
    ).toBeDefined();
    expect(screen.queryByRole('region', { name: 'A promise to the customer' })).toBeNull();
    expect(onSaved).toHaveBeenCalledTimes(1);
  });

  it('warns in Traditional Chinese for an agent working in it', async () => {
    const user = userEvent.setup();
    fakeServer({ ...quietServer, [CHECK]: laterTask });
    renderComposer({ tasks: [buildTask({ question: '請倉庫確認這批芒果乾的庫存' })], locale: 'zh-TW' });
    await user.click(screen.getByRole('button', { name: '新增承諾' }));
    await user.type(screen.getByLabelText('您承諾的內容'), '一月四日前提供檢驗報告');
    fireEvent.change(screen.getByLabelText('承諾完成時間'), { target: { value: '2026-03-05T15:00' } });
    await user.click(screen.getByRole('checkbox', { name: /請倉庫確認這批芒果乾的庫存/ }));
    await user.click(screen.getByRole('button', { name: '檢查並記錄承諾' }));
    const warning = await screen.findByRole('alert', { name: '承諾警告' });
    expect(within(warning).getByRole('listitem').textContent).toBe(
      `此承諾所依賴的內部任務，到期時間晚於承諾時間：「請倉庫確認這批芒果乾的庫存」於 ${formatDate(TASK_DUE, 'zh-TW', { style: 'dateTime' })} 到期。`,
    );
    expect(within(warning).getByRole('button', { name: '仍然記錄承諾' })).toBeDefined();
  });

  it('records a promise the coach found straight away when the guard raises nothing', async () => {
    const user = userEvent.setup();
    const promisedAt = '2026-03-04T07:00:00.000Z';
    const { callsTo } = fakeServer({
      [`GET /api/v1/best-answers?categoryId=cat_food&language=zh-TW`]: () => json(200, { items: [] }),
      [COACH]: () =>
        coachSays([
          {
            code: 'unbacked_promise',
            severity: 'warning',
            message: 'ignored',
            params: { phrase: '明天下午三點前', dueAt: promisedAt, granularity: 'time' },
            spans: [{ start: 6, end: 13, text: '明天下午三點前' }],
            suggestion: { action: 'create_commitment', dueAt: promisedAt, text: '明天下午三點前回電告知結果' },
          },
        ]),
      [CHECK]: () => json(200, { flags: [] }),
      [RECORD]: () => json(201, made({ dueAt: promisedAt, flags: [], dependsOn: [] })),
    });
    const { onSaved } = renderComposer();
    await user.type(draftArea(), '陳小姐您好，明天下午三點前回電告知結果。');
    expect(
      await screen.findByText(
        `“明天下午三點前” promises a time (${formatDate(promisedAt, 'en', { style: 'dateTime' })}) that no promise on the case backs. Record it as a promise.`,
        { exact: false },
      ),
    ).toBeDefined();
    await user.click(screen.getByRole('button', { name: 'Make it a promise' }));
    const form = screen.getByRole('region', { name: 'A promise to the customer' });
    expect(within(form).getByLabelText('What you promise')).toHaveProperty('value', '明天下午三點前回電告知結果');
    await user.click(within(form).getByRole('button', { name: 'Check and record the promise' }));

    await waitFor(() => expect(callsTo(RECORD)).toHaveLength(1));
    expect(bodyOf(callsTo(RECORD)[0])).toEqual({ text: '明天下午三點前回電告知結果', dueAt: promisedAt });
    expect(screen.queryByRole('alert')).toBeNull();
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    // The coach reads the draft again: the promise may be backed now.
    await waitFor(() => expect(callsTo(COACH)).toHaveLength(2));
  });

  it('shows a flag the server raised only when recording, and asks again', async () => {
    const user = userEvent.setup();
    const { callsTo } = fakeServer({
      ...quietServer,
      [CHECK]: () => json(200, { flags: [] }),
      [RECORD]: () =>
        json(422, {
          error: {
            code: 'rule_violated',
            message: 'This promise may not be keepable',
            details: [{ field: '/flags/outside_working_hours', message: 'The due time falls outside working hours' }],
          },
        }),
    });
    renderComposer();
    await user.click(screen.getByRole('button', { name: 'Add a promise' }));
    await user.type(screen.getByLabelText('What you promise'), 'Call back');
    fireEvent.change(screen.getByLabelText('Promised by'), { target: { value: '2026-03-05T23:00' } });
    await user.click(screen.getByRole('button', { name: 'Check and record the promise' }));
    const warning = await screen.findByRole('alert', { name: 'Promise warning' });
    expect(within(warning).getByRole('listitem').textContent).toBe('The promised time falls outside working hours.');
    expect(callsTo(RECORD)).toHaveLength(1);
  });

  it('asks for the words and the time before checking anything', async () => {
    const user = userEvent.setup();
    const { callsTo } = fakeServer(quietServer);
    renderComposer();
    await user.click(screen.getByRole('button', { name: 'Add a promise' }));
    await user.click(screen.getByRole('button', { name: 'Check and record the promise' }));
    expect(screen.getByText('Write what you are promising.')).toBeDefined();
    expect(screen.getByText('Choose the date and time you are promising.')).toBeDefined();
    expect(callsTo(CHECK)).toHaveLength(0);
  });
});
