import type { WebhookDeliveryDto, WebhookDto } from '@redress/contract';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json } from '../../../test/harness.tsx';
import { bodyOf, describedText, invalid, renderAdmin } from './admin-test-kit.tsx';

afterEach(() => vi.unstubAllGlobals());

const SECRET = 'whsec_c2VjcmV0LXNob3duLW9uY2U=';

const hook = (overrides: Partial<WebhookDto> = {}): WebhookDto => ({
  id: 'whk_01A',
  url: 'https://erp.example.com/hooks/redress',
  eventTypes: ['case.created', 'case.status_changed'],
  enabled: true,
  createdAt: '2026-03-01T00:00:00.000Z',
  ...overrides,
});

const delivery = (overrides: Partial<WebhookDeliveryDto> = {}): WebhookDeliveryDto => ({
  id: 'whd_01A',
  subscriptionId: 'whk_01A',
  eventId: 'evt_1',
  eventType: 'case.created',
  status: 'failed',
  attempts: 8,
  nextAttemptAt: null,
  lastStatusCode: 500,
  lastError: 'HTTP 500',
  createdAt: '2026-03-02T01:00:00.000Z',
  updatedAt: '2026-03-02T05:00:00.000Z',
  ...overrides,
});

describe('webhooks', { timeout: 20_000 }, () => {
  it('lists subscriptions with their events and status', async () => {
    await renderAdmin('webhooks', {
      'GET /api/v1/webhooks': () =>
        json(200, {
          items: [hook(), hook({ id: 'whk_01B', url: 'https://bi.example.com/in', eventTypes: ['*'], enabled: false })],
        }),
    });

    const rows = within(await screen.findByRole('table', { name: 'Webhooks' })).getAllByRole('row');
    expect(within(rows[1]!).getByRole('rowheader').textContent).toBe('https://erp.example.com/hooks/redress');
    expect(within(rows[1]!).getAllByRole('cell')[0]!.textContent).toBe('2 eventscase.created, case.status_changed');
    expect(within(rows[2]!).getByText('All events, including ones added later')).toBeDefined();
    expect(within(rows[2]!).getByText('Off')).toBeDefined();
  });

  it('adds a webhook for chosen events and shows its signing secret once', async () => {
    const user = userEvent.setup({ delay: null });
    const created = hook({ id: 'whk_01N', url: 'https://crm.example.com/in', eventTypes: ['case.created'] });
    let listed: WebhookDto[] = [];
    const { callsTo } = await renderAdmin('webhooks', {
      'GET /api/v1/webhooks': () => json(200, { items: listed }),
      'POST /api/v1/webhooks': () => {
        listed = [created];
        return json(201, { ...created, secret: SECRET });
      },
    });

    const form = within((await screen.findByRole('heading', { name: 'Add a webhook' })).closest('form')!);
    await user.type(form.getByLabelText('Address (URL)'), ' https://crm.example.com/in ');
    await user.click(form.getByLabelText('All events, including ones added later'));
    await user.click(form.getByLabelText('case.created'));
    await user.click(form.getByRole('button', { name: 'Add webhook' }));

    expect((await screen.findByRole('status')).textContent).toBe(
      'The webhook to https://crm.example.com/in was added.',
    );
    expect(bodyOf(callsTo('POST /api/v1/webhooks'))).toEqual({
      url: 'https://crm.example.com/in',
      eventTypes: ['case.created'],
    });
    const secret = screen.getByRole('region', { name: 'Signing secret' });
    expect(within(secret).getByText(SECRET)).toBeDefined();
    expect(document.activeElement).toBe(within(secret).getByRole('heading'));
    await screen.findByRole('rowheader', { name: 'https://crm.example.com/in' });

    await user.click(within(secret).getByRole('button', { name: 'I have stored it' }));
    expect(screen.queryByRole('region', { name: 'Signing secret' })).toBeNull();
    expect(document.body.textContent).not.toContain(SECRET);
  });

  it('sends all events by default, and shows a refused URL next to the URL', async () => {
    const user = userEvent.setup({ delay: null });
    const { callsTo } = await renderAdmin('webhooks', {
      'GET /api/v1/webhooks': () => json(200, { items: [] }),
      'POST /api/v1/webhooks': () => invalid('/body/url', 'only http and https URLs are accepted'),
    });

    const form = within((await screen.findByRole('heading', { name: 'Add a webhook' })).closest('form')!);
    await user.type(form.getByLabelText('Address (URL)'), 'ftp://files.example.com');
    await user.click(form.getByRole('button', { name: 'Add webhook' }));

    const url = form.getByLabelText('Address (URL)');
    await waitFor(() => expect(url.getAttribute('aria-invalid')).toBe('true'));
    expect(describedText(url)).toContain('Enter a full http or https address');
    expect(bodyOf(callsTo('POST /api/v1/webhooks'))).toEqual({ url: 'ftp://files.example.com', eventTypes: ['*'] });
    expect(screen.queryByRole('region', { name: 'Signing secret' })).toBeNull();
  });

  it('asks for at least one event before sending', async () => {
    const user = userEvent.setup({ delay: null });
    const { callsTo } = await renderAdmin('webhooks', { 'GET /api/v1/webhooks': () => json(200, { items: [] }) });

    const form = within((await screen.findByRole('heading', { name: 'Add a webhook' })).closest('form')!);
    await user.type(form.getByLabelText('Address (URL)'), 'https://crm.example.com/in');
    const all = form.getByLabelText('All events, including ones added later');
    await user.click(all);
    await user.click(form.getByRole('button', { name: 'Add webhook' }));

    await waitFor(() => expect(all.getAttribute('aria-invalid')).toBe('true'));
    expect(describedText(all)).toBe('Choose at least one event, or all events.');
    expect(callsTo('POST /api/v1/webhooks')).toHaveLength(0);
  });

  it('deletes only after asking', async () => {
    const user = userEvent.setup({ delay: null });
    let listed = [hook()];
    const { callsTo } = await renderAdmin('webhooks', {
      'GET /api/v1/webhooks': () => json(200, { items: listed }),
      'DELETE /api/v1/webhooks/whk_01A': () => {
        listed = [];
        return new Response(null, { status: 204 });
      },
    });

    await user.click(await screen.findByRole('button', { name: 'Delete https://erp.example.com/hooks/redress' }));
    expect(callsTo('DELETE /api/v1/webhooks/whk_01A')).toHaveLength(0);
    const question = screen.getByRole('group', {
      name: 'Delete the webhook to https://erp.example.com/hooks/redress? Its delivery log is kept.',
    });
    await user.click(within(question).getByRole('button', { name: 'Yes, delete' }));

    expect((await screen.findByRole('status')).textContent).toBe(
      'The webhook to https://erp.example.com/hooks/redress was deleted.',
    );
    expect(callsTo('DELETE /api/v1/webhooks/whk_01A')).toHaveLength(1);
    expect(await screen.findByText('Nothing here yet.')).toBeDefined();
  });

  it('shows deliveries with their status in words and sends one again', async () => {
    const user = userEvent.setup({ delay: null });
    const { callsTo } = await renderAdmin('webhooks', {
      'GET /api/v1/webhooks': () => json(200, { items: [hook()] }),
      'GET /api/v1/webhooks/whk_01A/deliveries': () =>
        json(200, {
          items: [
            delivery(),
            delivery({
              id: 'whd_01B',
              status: 'pending',
              attempts: 1,
              nextAttemptAt: '2026-03-02T06:00:00.000Z',
              lastStatusCode: null,
              lastError: 'connect ECONNREFUSED',
            }),
          ],
        }),
      'POST /api/v1/webhooks/deliveries/whd_01A/redeliver': () =>
        json(202, delivery({ status: 'pending', attempts: 0, lastStatusCode: null, lastError: null })),
    });

    await user.click(await screen.findByRole('button', { name: 'Deliveries https://erp.example.com/hooks/redress' }));
    const log = within(
      await screen.findByRole('table', { name: 'Deliveries to https://erp.example.com/hooks/redress' }),
    );
    const rows = log.getAllByRole('row');
    expect(
      within(rows[1]!)
        .getAllByRole('cell')
        .map((c) => c.textContent)
        .slice(0, 3),
    ).toEqual(['Failed', '8', 'HTTP 500']);
    expect(within(rows[2]!).getByText('Waiting to be sent')).toBeDefined();
    expect(within(rows[2]!).getByText(/^Next try/)).toBeDefined();
    expect(within(rows[2]!).queryByRole('button')).toBeNull();

    await user.click(within(rows[1]!).getByRole('button', { name: /^Send again case\.created/ }));
    expect((await screen.findByRole('status')).textContent).toBe('The delivery will be sent again.');
    expect(callsTo('POST /api/v1/webhooks/deliveries/whd_01A/redeliver')).toHaveLength(1);
    expect(within(log.getAllByRole('row')[1]!).getByText('Waiting to be sent')).toBeDefined();
  });
});
