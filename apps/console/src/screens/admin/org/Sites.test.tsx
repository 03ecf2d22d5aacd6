import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json } from '../../../test/harness.tsx';
import { bodyOf, describedText, invalid, renderAdmin, site } from './admin-test-kit.tsx';

afterEach(() => vi.unstubAllGlobals());

const sites = () =>
  json(200, {
    items: [site(), site({ id: 'site_01BKK', name: 'Bangkok Silom', code: 'BKK-01', timeZone: 'Asia/Bangkok' })],
  });

describe('sites', { timeout: 20_000 }, () => {
  it('lists each site with its code and time zone', async () => {
    await renderAdmin('sites', { 'GET /api/v1/sites': sites });

    const table = await screen.findByRole('table', { name: 'Sites' });
    const rows = within(table).getAllByRole('row');
    expect(within(rows[2]!).getByRole('rowheader').textContent).toBe('Bangkok Silom');
    expect(
      within(rows[2]!)
        .getAllByRole('cell')
        .map((c) => c.textContent)
        .slice(0, 2),
    ).toEqual(['BKK-01', 'Asia/Bangkok']);
  });

  it('adds a site with the body the API takes and says so', async () => {
    const user = userEvent.setup({ delay: null });
    const { callsTo } = await renderAdmin('sites', {
      'GET /api/v1/sites': sites,
      'POST /api/v1/sites': () => json(201, site({ id: 'site_01CNX', name: 'Chiang Mai', code: 'CNX-01' })),
    });

    const form = within((await screen.findByRole('heading', { name: 'Add a site' })).closest('form')!);
    await user.type(form.getByLabelText('Name'), ' Chiang Mai ');
    await user.type(form.getByLabelText('Code'), 'CNX-01');
    await user.type(form.getByLabelText('Time zone'), 'Asia/Bangkok');
    await user.click(form.getByRole('button', { name: 'Add site' }));

    expect((await screen.findByRole('status')).textContent).toBe('Site Chiang Mai was added.');
    expect(bodyOf(callsTo('POST /api/v1/sites'))).toEqual({
      name: 'Chiang Mai',
      code: 'CNX-01',
      timeZone: 'Asia/Bangkok',
    });
    expect(form.getByLabelText<HTMLInputElement>('Code').value).toBe('');
  });

  it('shows a code already in use next to the code, in Thai', async () => {
    const user = userEvent.setup({ delay: null });
    await renderAdmin(
      'sites',
      {
        'GET /api/v1/sites': sites,
        'POST /api/v1/sites': () => invalid('/body/code', 'already in use', 'conflict', 409),
      },
      { locale: 'th' },
    );

    const form = within((await screen.findByRole('heading', { name: 'เพิ่มสาขา' })).closest('form')!);
    await user.type(form.getByLabelText('ชื่อ'), 'สีลม 2');
    await user.type(form.getByLabelText('รหัส'), 'BKK-01');
    await user.type(form.getByLabelText('เขตเวลา'), 'Asia/Bangkok');
    await user.click(form.getByRole('button', { name: 'เพิ่มสาขา' }));

    const code = form.getByLabelText('รหัส');
    await waitFor(() => expect(code.getAttribute('aria-invalid')).toBe('true'));
    expect(describedText(code)).toContain('มีสาขาอื่นใช้รหัสนี้แล้ว');
    expect(form.getByLabelText('ชื่อ').getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('');
  });
});
