import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, json, renderApp } from '../../test/harness.tsx';
import { CASE_ID, caseDto, task } from './case-fixtures.test-util.ts';
import { caseServer, colleagues, COLLEAGUES } from './case-server.test-util.ts';

afterEach(() => vi.unstubAllGlobals());

const PATH = `/cases/${CASE_ID}`;
const region = (name: string | RegExp) => screen.getByRole('region', { name });
const bodyAt = (calls: Parameters<typeof fetch>[], index = 0): unknown => JSON.parse(calls[index]?.[1]?.body as string);
const optionsOf = (select: HTMLElement) =>
  within(select)
    .getAllByRole('option')
    .map((option) => option.textContent);

describe('colleagues on the case page', { timeout: 20_000 }, () => {
  it('names any colleague from the directory as an internal key person', async () => {
    const user = userEvent.setup();
    const { callsTo } = fakeServer(
      caseServer({ [`POST /api/v1/cases/${CASE_ID}/key-people`]: () => json(201, caseDto()) }),
    );
    renderApp({ path: PATH });

    const panel = await screen.findByRole('region', { name: 'Key people' });
    await user.click(within(panel).getByRole('button', { name: 'Add a key person' }));
    await user.selectOptions(within(panel).getByLabelText('Role'), 'First handler');
    const colleague = within(panel).getByLabelText('Colleague');
    // Everyone at the reader's sites, whatever their role or site.
    await waitFor(() =>
      expect(optionsOf(colleague)).toEqual(['Choose…', 'Ann Wu', 'Chen Wei', 'Kai Chen', 'Lin Mei', 'Nok Srisuk']),
    );
    await user.selectOptions(colleague, 'Ann Wu');
    await user.click(within(panel).getByRole('button', { name: 'Add person' }));

    await waitFor(() => expect(callsTo(`POST /api/v1/cases/${CASE_ID}/key-people`)).toHaveLength(1));
    expect(bodyAt(callsTo(`POST /api/v1/cases/${CASE_ID}/key-people`))).toEqual({
      role: 'first_handler',
      userId: 'usr_ANN',
    });
  });

  it('asks a named colleague a question, and shows who answered by their name', async () => {
    const user = userEvent.setup();
    const answered = task({
      id: 'task_0',
      status: 'answered',
      question: 'Who signed for the delivery?',
      answer: 'The driver did, at 14:05.',
      answeredBy: 'usr_WEI',
      answeredAt: '2026-03-02T06:00:00.000Z',
    });
    const { callsTo } = fakeServer(
      caseServer({
        [`GET /api/v1/cases/${CASE_ID}/tasks`]: () => json(200, { items: [answered, task()] }),
        [`POST /api/v1/cases/${CASE_ID}/tasks`]: () => json(201, task({ id: 'task_2' })),
      }),
    );
    renderApp({ path: PATH });

    const panel = await screen.findByRole('region', { name: 'Internal tasks' });
    expect(await within(panel).findByText('Chen Wei:')).toBeDefined();
    await user.click(within(panel).getByRole('button', { name: 'Ask a department' }));
    const form = within(panel).getByRole('form', { name: 'Ask a department' });
    const people = within(form).getByRole('group', { name: 'People' });
    expect(optionsOf(people)).toEqual(['Ann Wu', 'Chen Wei', 'Kai Chen', 'Lin Mei', 'Nok Srisuk']);
    await user.selectOptions(within(form).getByLabelText('Ask'), 'Chen Wei');
    await user.type(within(form).getByLabelText('Question'), 'Is the spare armrest in stock?');
    fireEvent.change(within(form).getByLabelText('Answer needed by'), { target: { value: '2031-01-02T09:00' } });
    await user.click(within(form).getByRole('button', { name: 'Send the task' }));

    await waitFor(() => expect(callsTo(`POST /api/v1/cases/${CASE_ID}/tasks`)).toHaveLength(1));
    expect(bodyAt(callsTo(`POST /api/v1/cases/${CASE_ID}/tasks`))).toEqual({
      userId: 'usr_WEI',
      question: 'Is the spare armrest in stock?',
      dueAt: new Date('2031-01-02T09:00').toISOString(),
    });
  });

  it('when the directory cannot be read, says to ask a supervisor, retries, and still offers the reader', async () => {
    const user = userEvent.setup();
    let up = false;
    const { callsTo } = fakeServer(
      caseServer({
        [COLLEAGUES]: () =>
          up ? json(200, { items: colleagues }) : json(500, { error: { code: 'internal_error', message: 'boom' } }),
      }),
    );
    renderApp({ path: PATH });

    const handOver = await screen.findByRole('region', { name: 'Hand over' });
    expect((await within(handOver).findByRole('alert')).textContent).toBe(
      'Something went wrong on our side. Please try again.',
    );
    expect(
      within(handOver).getByText(
        'Could not read the list of colleagues. Try again, or ask a supervisor to hand this case over.',
      ),
    ).toBeDefined();
    expect(within(handOver).queryByRole('button', { name: 'Hand over this case' })).toBeNull();
    expect(screen.queryByText('boom')).toBeNull();

    // Key people and tasks fall back to the reader (here also the owner).
    const keyPeople = region('Key people');
    await user.click(within(keyPeople).getByRole('button', { name: 'Add a key person' }));
    await user.selectOptions(within(keyPeople).getByLabelText('Role'), 'First handler');
    expect(optionsOf(within(keyPeople).getByLabelText('Colleague'))).toEqual(['Choose…', 'Lin Mei']);

    up = true;
    const readsBefore = callsTo(COLLEAGUES).length;
    await user.click(within(handOver).getByRole('button', { name: 'Try again' }));
    expect(await within(handOver).findByRole('button', { name: 'Hand over this case' })).toBeDefined();
    expect(callsTo(COLLEAGUES)).toHaveLength(readsBefore + 1);
    await waitFor(() => expect(optionsOf(within(keyPeople).getByLabelText('Colleague'))).toHaveLength(6));
  });

  it('says so when nobody at the case’s site can take it over', async () => {
    fakeServer(
      caseServer({
        [COLLEAGUES]: () =>
          json(200, { items: colleagues.filter((c) => ['usr_MEI', 'usr_ANN', 'usr_WEI'].includes(c.id)) }),
      }),
    );
    renderApp({ path: PATH });

    const handOver = await screen.findByRole('region', { name: 'Hand over' });
    expect(
      await within(handOver).findByText(
        "No colleague at the case's site can take it over. Ask a supervisor to hand this case over.",
      ),
    ).toBeDefined();
    expect(within(handOver).queryByRole('button', { name: 'Hand over this case' })).toBeNull();
  });
});
