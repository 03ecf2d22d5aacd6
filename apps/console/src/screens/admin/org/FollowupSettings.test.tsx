import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json } from '../../../test/harness.tsx';
import { bodyOf, describedText, invalid, renderAdmin } from './admin-test-kit.tsx';

afterEach(() => vi.unstubAllGlobals());

const settings = () =>
  json(200, { enabled: true, delayMinutes: 1440, afterRemedyMinutes: 90, surveyValidDays: 14, maxRemedyWaitDays: 30 });

describe('follow-up settings', { timeout: 20_000 }, () => {
  it('shows the settings in hours and days', async () => {
    await renderAdmin('followups', { 'GET /api/v1/settings/followups': settings });

    expect((await screen.findByLabelText<HTMLInputElement>('After an instant fix, wait (hours)')).value).toBe('24');
    expect(screen.getByLabelText<HTMLInputElement>('After a remedy is delivered, wait (hours)').value).toBe('1.5');
    expect(screen.getByLabelText<HTMLInputElement>('Survey link stays open (days)').value).toBe('14');
    expect(screen.getByLabelText<HTMLInputElement>('Longest wait for a remedy (days) (optional)').value).toBe('30');
    expect(screen.getByLabelText<HTMLInputElement>('Send follow-ups after resolution').checked).toBe(true);
  });

  it('saves in the minutes and days the API takes', async () => {
    const user = userEvent.setup({ delay: null });
    const { callsTo } = await renderAdmin('followups', {
      'GET /api/v1/settings/followups': settings,
      'PUT /api/v1/settings/followups': () => json(200, {}),
    });

    const delay = await screen.findByLabelText('After an instant fix, wait (hours)');
    await user.clear(delay);
    await user.type(delay, '48');
    await user.clear(screen.getByLabelText('Longest wait for a remedy (days) (optional)'));
    await user.click(screen.getByLabelText('Send follow-ups after resolution'));
    await user.click(screen.getByRole('button', { name: 'Save follow-up settings' }));

    expect((await screen.findByRole('status')).textContent).toBe('The follow-up settings were saved.');
    expect(bodyOf(callsTo('PUT /api/v1/settings/followups'))).toEqual({
      enabled: false,
      delayMinutes: 2880,
      afterRemedyMinutes: 90,
      surveyValidDays: 14,
    });
  });

  it('asks for a number in range before sending, and shows the server’s objection next to its field', async () => {
    const user = userEvent.setup({ delay: null });
    const { callsTo } = await renderAdmin('followups', {
      'GET /api/v1/settings/followups': settings,
      'PUT /api/v1/settings/followups': () => invalid('/body/surveyValidDays', 'must be <= 365'),
    });

    const days = await screen.findByLabelText('Survey link stays open (days)');
    await user.clear(days);
    await user.type(days, '0');
    await user.click(screen.getByRole('button', { name: 'Save follow-up settings' }));
    await waitFor(() => expect(days.getAttribute('aria-invalid')).toBe('true'));
    expect(describedText(days)).toBe('Enter a whole number of days from 1 to 365.');
    expect(callsTo('PUT /api/v1/settings/followups')).toHaveLength(0);

    await user.clear(days);
    await user.type(days, '30');
    await user.click(screen.getByRole('button', { name: 'Save follow-up settings' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Some details need attention.');
    expect(callsTo('PUT /api/v1/settings/followups')).toHaveLength(1);
    expect(days.getAttribute('aria-invalid')).toBe('true');
    expect(describedText(days)).toBe('Enter a whole number of days from 1 to 365.');
  });
});
