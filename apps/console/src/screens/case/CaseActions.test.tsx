import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, json, renderApp } from '../../test/harness.tsx';
import { CASE_ID, caseDto, commitment, escalation, task } from './case-fixtures.test-util.ts';
import { caseServer } from './case-server.test-util.ts';

afterEach(() => vi.unstubAllGlobals());

const PATH = `/cases/${CASE_ID}`;
const region = (name: string | RegExp) => screen.getByRole('region', { name });
/** The JSON body of the `index`th matching request. */
const bodyAt = (calls: Parameters<typeof fetch>[], index = 0): unknown => JSON.parse(calls[index]?.[1]?.body as string);

describe('changing the case', { timeout: 20_000 }, () => {
  it('escalates with one click, sending the rank it saw, and shows the new level after reading again', async () => {
    const user = userEvent.setup();
    let escalated = false;
    const { callsTo } = fakeServer(
      caseServer({
        [`GET /api/v1/cases/${CASE_ID}/escalations`]: () => json(200, { items: escalated ? [escalation()] : [] }),
        [`POST /api/v1/cases/${CASE_ID}/escalations`]: () => {
          escalated = true;
          return json(201, escalation());
        },
      }),
    );
    renderApp({ path: PATH });

    const panel = await screen.findByRole('region', { name: 'Escalation' });
    expect(await within(panel).findByText('Not escalated')).toBeDefined();
    await user.click(await within(panel).findByRole('button', { name: 'Escalate to Level 1 · Supervisor' }));

    expect(await within(panel).findByText('Now at Level 1 · Supervisor')).toBeDefined();
    expect(bodyAt(callsTo(`POST /api/v1/cases/${CASE_ID}/escalations`))).toEqual({
      reason: 'Escalated by the case owner for support.',
      fromRank: 0,
    });
    expect(callsTo(`GET /api/v1/cases/${CASE_ID}/escalations`).length).toBeGreaterThan(1);
    expect(within(panel).getByRole('button', { name: 'Escalate to Level 2 · Store manager' })).toBeDefined();
  });

  it('checks a renegotiation before posting it, and asks to acknowledge each flag the server raises', async () => {
    const user = userEvent.setup();
    let attempts = 0;
    const { callsTo } = fakeServer(
      caseServer({
        'POST /api/v1/commitments/cmt_1/renegotiate': () => {
          attempts += 1;
          if (attempts === 1) {
            return json(422, {
              error: {
                code: 'rule_violated',
                message: 'This promise may not be keepable',
                details: [{ field: '/flags/after_case_deadline', message: 'after the resolve deadline' }],
              },
            });
          }
          return json(200, {
            commitment: commitment({ status: 'renegotiated' }),
            successor: commitment({ id: 'cmt_2' }),
          });
        },
      }),
    );
    renderApp({ path: PATH });

    const promises = await screen.findByRole('region', { name: 'Promises' });
    await user.click(await within(promises).findByRole('button', { name: 'New time' }));
    const form = within(promises).getByRole('form', { name: 'Agree a new time' });
    const due = within(form).getByLabelText('New time agreed with the customer');
    fireEvent.change(due, { target: { value: '' } });
    await user.click(within(form).getByRole('button', { name: 'Save the new time' }));

    expect(within(form).getByText('Enter the new time.')).toBeDefined();
    expect(within(form).getByText('Say why, in a few words.')).toBeDefined();
    expect(due.getAttribute('aria-invalid')).toBe('true');
    expect(callsTo('POST /api/v1/commitments/cmt_1/renegotiate')).toHaveLength(0);

    fireEvent.change(due, { target: { value: '2020-01-01T10:00' } });
    await user.type(within(form).getByLabelText('Why the time changes'), 'The carrier needs two more days');
    await user.click(within(form).getByRole('button', { name: 'Save the new time' }));
    expect(within(form).getByText('The new time must be in the future.')).toBeDefined();
    expect(callsTo('POST /api/v1/commitments/cmt_1/renegotiate')).toHaveLength(0);

    fireEvent.change(due, { target: { value: '2031-05-06T15:30' } });
    await user.click(within(form).getByRole('button', { name: 'Save the new time' }));
    const flag = await within(form).findByRole('checkbox', { name: "it falls after the case's deadline" });
    await user.click(flag);
    await user.click(within(form).getByRole('button', { name: 'Save the new time' }));

    await waitFor(() => expect(callsTo('POST /api/v1/commitments/cmt_1/renegotiate')).toHaveLength(2));
    const calls = callsTo('POST /api/v1/commitments/cmt_1/renegotiate');
    const expected = { dueAt: new Date('2031-05-06T15:30').toISOString(), reason: 'The carrier needs two more days' };
    expect(bodyAt(calls, 0)).toEqual(expected);
    expect(bodyAt(calls, 1)).toEqual({ ...expected, acknowledgeFlags: ['after_case_deadline'] });
    await waitFor(() => expect(within(promises).queryByRole('form')).toBeNull());
  });

  it('posts the status action chosen from allowedActions and shows the new status', async () => {
    const user = userEvent.setup();
    let status: 'investigating' | 'waiting_on_customer' = 'investigating';
    const { callsTo } = fakeServer(
      caseServer({
        [`GET /api/v1/cases/${CASE_ID}`]: () => json(200, caseDto({ status })),
        [`POST /api/v1/cases/${CASE_ID}/transitions`]: () => {
          status = 'waiting_on_customer';
          return json(200, caseDto({ status }));
        },
      }),
    );
    renderApp({ path: PATH });

    const panel = await screen.findByRole('region', { name: 'Status and resolution' });
    await user.click(within(panel).getByRole('button', { name: 'Wait on the customer' }));

    await waitFor(() => expect(within(panel).getByText('Waiting on customer')).toBeDefined());
    expect(bodyAt(callsTo(`POST /api/v1/cases/${CASE_ID}/transitions`))).toEqual({ action: 'wait_on_customer' });
  });

  it('asks for the resolution before resolving a case that has none, then resolves with it', async () => {
    const user = userEvent.setup();
    const { callsTo } = fakeServer(
      caseServer({ [`POST /api/v1/cases/${CASE_ID}/transitions`]: () => json(200, caseDto({ status: 'resolved' })) }),
    );
    renderApp({ path: PATH });

    const panel = await screen.findByRole('region', { name: 'Status and resolution' });
    await user.click(within(panel).getByRole('button', { name: 'Resolve' }));
    const form = within(panel).getByRole('form', { name: 'Resolution' });
    await user.click(within(form).getByRole('button', { name: 'Save and resolve' }));
    expect(within(form).getByText('Describe what was done for the customer.')).toBeDefined();
    expect(callsTo(`POST /api/v1/cases/${CASE_ID}/transitions`)).toHaveLength(0);

    await user.type(within(form).getByLabelText('What was done'), 'Replaced the sofa; carrier pays.');
    await user.click(within(form).getByLabelText('Temporary'));
    await user.selectOptions(await within(form).findByLabelText('Root cause'), 'Carrier damage');
    await user.click(within(form).getByRole('button', { name: 'Save and resolve' }));

    await waitFor(() => expect(callsTo(`POST /api/v1/cases/${CASE_ID}/transitions`)).toHaveLength(1));
    expect(bodyAt(callsTo(`POST /api/v1/cases/${CASE_ID}/transitions`))).toEqual({
      action: 'resolve',
      resolution: { text: 'Replaced the sofa; carrier pays.', kind: 'temporary', rootCauseId: 'rc_1' },
    });
  });
});

describe('working the case', { timeout: 20_000 }, () => {
  it('asks a department a question with a due time', async () => {
    const user = userEvent.setup();
    const { callsTo } = fakeServer(
      caseServer({ [`POST /api/v1/cases/${CASE_ID}/tasks`]: () => json(201, task({ id: 'task_2' })) }),
    );
    renderApp({ path: PATH });

    const panel = await screen.findByRole('region', { name: 'Internal tasks' });
    await user.click(within(panel).getByRole('button', { name: 'Ask a department' }));
    const form = within(panel).getByRole('form', { name: 'Ask a department' });
    await user.click(within(form).getByRole('button', { name: 'Send the task' }));
    expect(within(form).getByText('Choose a team or a person.')).toBeDefined();
    expect(within(form).getByText('Write the question to answer.')).toBeDefined();

    await user.selectOptions(await within(form).findByLabelText('Ask'), 'Warehouse');
    await user.type(within(form).getByLabelText('Question'), 'Can you send the loading photos?');
    fireEvent.change(within(form).getByLabelText('Answer needed by'), { target: { value: '2031-01-02T09:00' } });
    await user.click(within(form).getByRole('button', { name: 'Send the task' }));

    await waitFor(() => expect(callsTo(`POST /api/v1/cases/${CASE_ID}/tasks`)).toHaveLength(1));
    expect(bodyAt(callsTo(`POST /api/v1/cases/${CASE_ID}/tasks`))).toEqual({
      teamId: 'team_WH',
      question: 'Can you send the loading photos?',
      dueAt: new Date('2031-01-02T09:00').toISOString(),
    });
  });

  it('hands over to a colleague from the directory, with a summary drafted from the open promises and tasks', async () => {
    const user = userEvent.setup();
    const { callsTo, fetchMock } = fakeServer(
      caseServer({
        [`POST /api/v1/cases/${CASE_ID}/handoff`]: () =>
          json(200, caseDto({ owner: { id: 'usr_KAI', name: 'Kai Chen' } })),
      }),
    );
    renderApp({ path: PATH });

    const panel = await screen.findByRole('region', { name: 'Hand over' });
    await within(region('Internal tasks')).findByText(/Was the sofa damaged/);
    await within(region('Promises')).findByText(/inspection report/);
    await user.click(await within(panel).findByRole('button', { name: 'Hand over this case' }));
    const summary = within(panel).getByLabelText<HTMLTextAreaElement>('Summary for the new owner');
    expect(summary.value).toContain('"We will send you the inspection report by Friday" by');
    expect(summary.value).toContain('Was the sofa damaged before it left the warehouse? (Warehouse, answer due');
    // Colleagues who work at the case's site (at home or in a team there); not the owner, not another
    // site's agent, not a department member.
    const to = within(panel).getByLabelText('New owner');
    expect(
      within(to)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Choose…', 'Kai Chen', 'Nok Srisuk']);
    await user.selectOptions(to, 'Kai Chen');
    await user.click(within(panel).getByRole('button', { name: 'Hand over' }));

    await waitFor(() => expect(callsTo(`POST /api/v1/cases/${CASE_ID}/handoff`)).toHaveLength(1));
    expect(bodyAt(callsTo(`POST /api/v1/cases/${CASE_ID}/handoff`))).toEqual({
      toUserId: 'usr_KAI',
      summary: summary.value.trim(),
    });
    // An agent never asks for the administrator's user list.
    const paths = fetchMock.mock.calls.map(([input]) => (typeof input === 'string' ? input : 'not a path'));
    expect(paths).toContain('/api/v1/colleagues?limit=500');
    expect(paths.filter((path) => path === 'not a path' || path.startsWith('/api/v1/users'))).toEqual([]);
  });
});
