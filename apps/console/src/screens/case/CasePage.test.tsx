import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, json, renderApp } from '../../test/harness.tsx';
import { CASE_ID } from './case-fixtures.test-util.ts';
import { caseServer } from './case-server.test-util.ts';

afterEach(() => vi.unstubAllGlobals());

const PATH = `/cases/${CASE_ID}`;
const region = (name: string | RegExp) => screen.getByRole('region', { name });

describe('the case page', { timeout: 20_000 }, () => {
  it('shows the customer’s own words with the risk words marked, the clocks, promises, tasks and facts', async () => {
    fakeServer(caseServer());
    renderApp({ path: PATH });

    expect(await screen.findByRole('heading', { level: 1, name: 'C-2026-000123 Sofa arrived torn' })).toBeDefined();
    const words = region("In 陳先生's own words");
    expect(words.textContent).toContain('沙發送來時左邊扶手破了。');
    const marks = await waitFor(() => {
      const found = [...words.querySelectorAll('mark')];
      expect(found).toHaveLength(3);
      return found;
    });
    expect(marks.map((mark) => [mark.textContent, mark.title])).toEqual([
      ['騙子', 'Insult'],
      ['找你們經理', 'Asks for a manager'],
      ['12315', 'Threatens a regulator'],
    ]);
    expect(words.closest('article')?.querySelector('blockquote')?.getAttribute('lang')).toBe('zh-TW');

    // Facts at a glance, in words.
    const facts = document.querySelector('.case-facts') as HTMLElement;
    expect(within(facts).getByText('Investigating')).toBeDefined();
    expect(await within(facts).findByText('Delivery')).toBeDefined();
    expect(within(facts).getByText('High')).toBeDefined();
    expect(within(facts).getByText('Phone')).toBeDefined();
    expect(within(facts).getByText('Replacement')).toBeDefined();

    const clocks = region('Clocks');
    expect(await within(clocks).findByText(/due in 1 day/)).toBeDefined();
    expect(within(clocks).getByText('Resolve')).toBeDefined();
    expect(within(clocks).getByText('40% of the time used')).toBeDefined();

    const promises = region('Promises');
    expect(await within(promises).findByText('“We will send you the inspection report by Friday”')).toBeDefined();
    expect(within(promises).getByText(/due in 2 hr/)).toBeDefined();
    expect(within(promises).getByText('it falls outside working hours')).toBeDefined();

    const tasks = region('Internal tasks');
    expect(await within(tasks).findByText('Was the sofa damaged before it left the warehouse?')).toBeDefined();
    expect(within(tasks).getByText(/with Warehouse/)).toBeDefined();
    expect(within(tasks).getByText(/due in 2 days/)).toBeDefined();

    const risk = region('Risk signals');
    expect(await within(risk).findByText('High risk')).toBeDefined();
    expect(within(risk).getByText('Threatens a regulator')).toBeDefined();

    const customer = region('Customer');
    expect(await within(customer).findByText('Works nights; call after 2 pm.')).toBeDefined();
    expect(within(customer).getByText('Time')).toBeDefined();
    expect(within(customer).getByRole('link', { name: 'tai.man@example.com' })).toBeDefined();
    expect(await within(customer).findByRole('link', { name: 'C-2025-000042' })).toBeDefined();

    expect(within(region('Key people')).getByText('陳小姐')).toBeDefined();
    expect(await within(region('Compensation')).findByText('Needs approval at Level 2 · Store manager')).toBeDefined();
    expect(await within(region('One of many?')).findByText('1 similar complaint.')).toBeDefined();

    const timeline = region('Timeline');
    expect(within(timeline).getByText('Complaint received by Phone')).toBeDefined();
    expect(within(timeline).getByText('Asked the warehouse for the delivery photos.')).toBeDefined();
    expect(within(timeline).getByText('Recorded: sofa.teleported')).toBeDefined();
  });

  it('shows a failing panel’s own error with a retry while the rest of the page renders', async () => {
    const user = userEvent.setup();
    let clocksUp = false;
    fakeServer(
      caseServer({
        [`GET /api/v1/cases/${CASE_ID}/clocks`]: () =>
          clocksUp
            ? json(200, { items: [] })
            : json(500, { error: { code: 'internal_error', message: 'database exploded' } }),
      }),
    );
    renderApp({ path: PATH });

    const clocks = await screen.findByRole('region', { name: 'Clocks' });
    expect((await within(clocks).findByRole('alert')).textContent).toBe(
      'Something went wrong on our side. Please try again.',
    );
    expect(screen.queryByText(/database exploded/)).toBeNull();
    expect(await within(region('Promises')).findByText(/inspection report/)).toBeDefined();
    expect(region("In 陳先生's own words")).toBeDefined();

    clocksUp = true;
    await user.click(within(clocks).getByRole('button', { name: 'Try again' }));
    expect(await within(clocks).findByText('No clock is running.')).toBeDefined();
  });

  it('says clearly when the case does not exist', async () => {
    fakeServer(
      caseServer({
        [`GET /api/v1/cases/${CASE_ID}`]: () => json(404, { error: { code: 'not_found', message: 'No such case' } }),
      }),
    );
    renderApp({ path: PATH });

    expect(await screen.findByRole('heading', { level: 1, name: 'Case not found' })).toBeDefined();
    expect(screen.getByRole('link', { name: 'Back to your queues' })).toBeDefined();
    expect(screen.queryByRole('region', { name: 'Clocks' })).toBeNull();
  });
});
