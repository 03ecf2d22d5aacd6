import type { InboundMailDto } from '@redress/contract';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json } from '../../../test/harness.tsx';
import { renderAdmin } from './admin-test-kit.tsx';

afterEach(() => vi.unstubAllGlobals());

const email = (overrides: Partial<InboundMailDto> = {}): InboundMailDto => ({
  id: 'eml_01A',
  status: 'threaded',
  reason: null,
  channelId: 'chn_01IMAP',
  caseId: 'case_01XYZ',
  messageId: '<a@example.com>',
  rawSize: 20_480,
  attachmentCount: 2,
  viaImap: true,
  createdAt: '2026-03-02T08:00:00.000Z',
  updatedAt: '2026-03-02T08:00:00.000Z',
  ...overrides,
});

const ignored = email({
  id: 'eml_01B',
  status: 'ignored',
  reason: 'auto-reply (Auto-Submitted: auto-replied)',
  caseId: null,
  attachmentCount: 0,
  viaImap: false,
});

const channels = () => json(200, { items: [{ id: 'chn_01IMAP', name: 'Support mailbox' }] });

describe('incoming mail', { timeout: 20_000 }, () => {
  it('lists mail with its status in words, the reason, channel and case', async () => {
    await renderAdmin('inbound-mail', {
      'GET /api/v1/inbound-mail?limit=50': () => json(200, { items: [email(), ignored], nextCursor: null }),
      'GET /api/v1/intake-channels': channels,
    });

    const rows = within(await screen.findByRole('table', { name: 'Incoming mail' })).getAllByRole('row');
    const filed = within(rows[1]!)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(filed.slice(0, 3)).toEqual(['Filed on a case', 'None', 'Support mailbox']);
    expect(within(rows[1]!).getByRole('link', { name: 'Open case case_01XYZ' }).getAttribute('href')).toBe(
      '/cases/case_01XYZ',
    );
    expect(filed[4]).toContain('20 KB');
    expect(filed[4]).toContain('2 attachments');
    expect(filed[4]).toContain('read from a mailbox');
    // Only mail that was ignored or could not be read can be processed again.
    expect(within(rows[1]!).queryByRole('button')).toBeNull();
    const skipped = within(rows[2]!)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(skipped.slice(0, 2)).toEqual(['Ignored', 'auto-reply (Auto-Submitted: auto-replied)']);
    expect(within(rows[2]!).getByRole('button', { name: /^Process again/ })).toBeDefined();
  });

  it('reprocesses an ignored e-mail and shows its new status', async () => {
    const user = userEvent.setup({ delay: null });
    const { callsTo } = await renderAdmin('inbound-mail', {
      'GET /api/v1/inbound-mail?limit=50': () => json(200, { items: [ignored], nextCursor: null }),
      'GET /api/v1/intake-channels': channels,
      'POST /api/v1/inbound-mail/eml_01B/reprocess': () => json(202, { ...ignored, status: 'received', reason: null }),
    });

    const row = (await screen.findAllByRole('row'))[1]!;
    await user.click(within(row).getByRole('button', { name: /^Process again/ }));

    expect((await screen.findByRole('status')).textContent).toBe('The e-mail is being processed again.');
    expect(callsTo('POST /api/v1/inbound-mail/eml_01B/reprocess')).toHaveLength(1);
    expect(within(screen.getAllByRole('row')[1]!).getByText('Waiting to be processed')).toBeDefined();
  });

  it('says in words when mail cannot be processed again', async () => {
    const user = userEvent.setup({ delay: null });
    await renderAdmin(
      'inbound-mail',
      {
        'GET /api/v1/inbound-mail?limit=50': () => json(200, { items: [ignored], nextCursor: null }),
        'GET /api/v1/intake-channels': channels,
        'POST /api/v1/inbound-mail/eml_01B/reprocess': () =>
          json(409, {
            error: { code: 'conflict', message: 'Only ignored or unparsed mail is processed again', details: [] },
          }),
      },
      { locale: 'zh-CN' },
    );

    await user.click(within((await screen.findAllByRole('row'))[1]!).getByRole('button', { name: /^重新处理/ }));
    expect((await screen.findByRole('alert')).textContent).toBe('只有已忽略或无法读取的邮件才能重新处理。');
  });

  it('filters by status and pages on with the cursor', async () => {
    const user = userEvent.setup({ delay: null });
    const { callsTo } = await renderAdmin('inbound-mail', {
      'GET /api/v1/inbound-mail?limit=50': () => json(200, { items: [email()], nextCursor: null }),
      'GET /api/v1/inbound-mail?limit=50&status=ignored': () => json(200, { items: [ignored], nextCursor: 'eml_01B' }),
      'GET /api/v1/inbound-mail?limit=50&status=ignored&cursor=eml_01B': () =>
        json(200, { items: [{ ...ignored, id: 'eml_01C', reason: 'mail loop' }], nextCursor: null }),
      'GET /api/v1/intake-channels': channels,
    });

    await screen.findByRole('table', { name: 'Incoming mail' });
    await user.selectOptions(screen.getByLabelText('Show'), 'Ignored');
    expect(await screen.findByText('auto-reply (Auto-Submitted: auto-replied)')).toBeDefined();
    await user.click(screen.getByRole('button', { name: 'Show more' }));
    expect(await screen.findByText('mail loop')).toBeDefined();
    expect(screen.getAllByRole('row')).toHaveLength(3);
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
    await waitFor(() =>
      expect(callsTo('GET /api/v1/inbound-mail?limit=50&status=ignored&cursor=eml_01B')).toHaveLength(1),
    );
  });
});
