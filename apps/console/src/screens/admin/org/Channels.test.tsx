import type { IntakeChannelDto } from '@redress/contract';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json } from '../../../test/harness.tsx';
import { ME, bodyOf, describedText, invalid, renderAdmin, site, staff } from './admin-test-kit.tsx';

afterEach(() => vi.unstubAllGlobals());

const PASSWORD = 'hunter2-mailbox-secret';

const mailbox = (overrides: Partial<IntakeChannelDto> = {}): IntakeChannelDto => ({
  id: 'chn_01IMAP',
  kind: 'imap',
  name: 'Support mailbox',
  address: 'support@example.com',
  siteId: 'site_01TPE',
  ownerId: 'usr_01MEI',
  language: 'zh-TW',
  enabled: true,
  imap: {
    host: 'imap.example.com',
    port: 993,
    secure: true,
    user: 'support',
    mailbox: 'INBOX',
    passwordSet: true,
    lastPolledAt: '2026-03-02T08:00:00.000Z',
    lastError: null,
  },
  createdAt: '2026-03-01T00:00:00.000Z',
  updatedAt: '2026-03-01T00:00:00.000Z',
  ...overrides,
});

const portal = mailbox({
  id: 'chn_01WEB',
  kind: 'portal',
  name: 'Web form',
  address: null,
  siteId: null,
  language: null,
  enabled: false,
  imap: null,
});

const mei = staff({ id: 'usr_01MEI', name: 'Lin Mei', role: 'agent', siteId: 'site_01TPE' });

const handlers = (channels: IntakeChannelDto[] = [mailbox(), portal]) => ({
  'GET /api/v1/intake-channels': () => json(200, { items: channels }),
  'GET /api/v1/sites': () => json(200, { items: [site()] }),
  'GET /api/v1/users?limit=200': () => json(200, { items: [ME, mei], nextCursor: null }),
});

/** No input holds the password, and no text shows it. */
const expectPasswordNowhere = () => {
  expect(document.body.textContent).not.toContain(PASSWORD);
  for (const input of document.querySelectorAll('input')) expect(input.value).not.toBe(PASSWORD);
};

describe('intake channels', { timeout: 20_000 }, () => {
  it('lists channels with kind, site, owner, language and whether a mailbox password is set', async () => {
    await renderAdmin('channels', handlers());

    const rows = within(await screen.findByRole('table', { name: 'Intake channels' })).getAllByRole('row');
    expect(within(rows[1]!).getByRole('rowheader').textContent).toBe('Support mailboxsupport@example.com');
    const cells = within(rows[1]!)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells.slice(0, 5)).toEqual(['Mailbox Redress reads (IMAP)', 'Taipei Xinyi', 'Lin Mei', '繁體中文', 'On']);
    expect(cells[5]).toContain('Password: set');
    expect(cells[5]).toContain('Last read');
    const web = within(rows[2]!)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(web.slice(0, 5)).toEqual([
      'Web portal',
      'All sites (brand-wide)',
      'Lin Mei',
      'Detect from each message',
      'Off',
    ]);
  });

  it('adds an IMAP channel with the body the API takes, then forgets the password typed', async () => {
    const user = userEvent.setup({ delay: null });
    const { callsTo } = await renderAdmin('channels', {
      ...handlers([]),
      'POST /api/v1/intake-channels': () => json(201, mailbox()),
    });

    const form = within((await screen.findByRole('heading', { name: 'Add a channel' })).closest('form')!);
    await user.selectOptions(form.getByLabelText('Kind'), 'Mailbox Redress reads (IMAP)');
    await user.type(form.getByLabelText('Name'), 'Support mailbox');
    await user.type(form.getByLabelText('Address customers write to'), 'support@example.com');
    await user.selectOptions(form.getByLabelText('Site'), 'Taipei Xinyi (TPE-01)');
    await user.selectOptions(form.getByLabelText('Owner of new cases'), 'Lin Mei (Agent)');
    await user.selectOptions(form.getByLabelText('Language of its cases'), '繁體中文');
    await user.type(form.getByLabelText('Server'), 'imap.example.com');
    await user.type(form.getByLabelText('User name'), 'support');
    const password = form.getByLabelText<HTMLInputElement>('Password');
    expect(password.type).toBe('password');
    await user.type(password, PASSWORD);
    await user.click(form.getByRole('button', { name: 'Add channel' }));

    expect((await screen.findByRole('status')).textContent).toBe('Channel Support mailbox was added.');
    expect(bodyOf(callsTo('POST /api/v1/intake-channels'))).toEqual({
      kind: 'imap',
      name: 'Support mailbox',
      address: 'support@example.com',
      siteId: 'site_01TPE',
      ownerId: 'usr_01MEI',
      language: 'zh-TW',
      enabled: true,
      imap: { host: 'imap.example.com', secure: true, user: 'support', password: PASSWORD },
    });
    expectPasswordNowhere();
  });

  it('never fills the stored password in: it says one is set, and keeps it unless a new one is typed', async () => {
    const user = userEvent.setup({ delay: null });
    let saved = 0;
    const { callsTo } = await renderAdmin('channels', {
      ...handlers(),
      'PATCH /api/v1/intake-channels/chn_01IMAP': () => json(200, mailbox({ name: `Support ${++saved}` })),
    });

    await user.click(await screen.findByRole('button', { name: 'Change Support mailbox' }));
    let form = within(screen.getByRole('heading', { name: 'Change Support mailbox' }).closest('form')!);
    const password = form.getByLabelText<HTMLInputElement>('Password');
    expect(password.value).toBe('');
    expect(password.type).toBe('password');
    expect(describedText(password)).toBe('A password is set. Leave this empty to keep it.');
    expect(form.getByLabelText<HTMLInputElement>('Server').value).toBe('imap.example.com');
    await user.click(form.getByRole('button', { name: 'Save' }));

    expect((await screen.findByRole('status')).textContent).toBe('Channel Support 1 was saved.');
    const kept = bodyOf(callsTo('PATCH /api/v1/intake-channels/chn_01IMAP')) as { imap: object };
    expect(kept.imap).toEqual({ host: 'imap.example.com', port: 993, secure: true, user: 'support', mailbox: 'INBOX' });
    expect('password' in kept.imap).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Change Support mailbox' }));
    form = within(screen.getByRole('heading', { name: 'Change Support mailbox' }).closest('form')!);
    await user.type(form.getByLabelText('Password'), PASSWORD);
    await user.click(form.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(callsTo('PATCH /api/v1/intake-channels/chn_01IMAP')).toHaveLength(2));
    expect((bodyOf(callsTo('PATCH /api/v1/intake-channels/chn_01IMAP'), 1) as { imap: object }).imap).toMatchObject({
      password: PASSWORD,
    });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Channel Support 2 was saved.'));
    expectPasswordNowhere();
  });

  it('shows an owner who cannot work at the site next to the owner', async () => {
    const user = userEvent.setup({ delay: null });
    await renderAdmin('channels', {
      ...handlers([]),
      'POST /api/v1/intake-channels': () => invalid('/body/ownerId', 'cannot own cases at this site'),
    });

    const form = within((await screen.findByRole('heading', { name: 'Add a channel' })).closest('form')!);
    await user.selectOptions(form.getByLabelText('Kind'), 'Web portal');
    expect(form.queryByLabelText('Address customers write to')).toBeNull();
    await user.type(form.getByLabelText('Name'), 'Web form');
    await user.selectOptions(form.getByLabelText('Owner of new cases'), 'Lin Mei (Agent)');
    await user.click(form.getByRole('button', { name: 'Add channel' }));

    const owner = form.getByLabelText('Owner of new cases');
    await waitFor(() => expect(owner.getAttribute('aria-invalid')).toBe('true'));
    expect(describedText(owner)).toContain('This person cannot work cases at the chosen site.');
    expect(document.activeElement).toBe(owner);
  });
});
