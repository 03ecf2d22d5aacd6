import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json } from '../../../test/harness.tsx';
import { ME, bodyOf, describedText, invalid, renderAdmin, site, staff } from './admin-test-kit.tsx';

afterEach(() => vi.unstubAllGlobals());

const mei = staff({ id: 'usr_01MEI', name: 'Lin Mei', email: 'mei@example.com', role: 'agent', siteId: 'site_01TPE' });
const somchai = staff({ id: 'usr_01SOM', name: 'Somchai', email: 'som@example.com', role: 'supervisor', locale: 'th' });
const users = (items = [{ ...ME, siteId: null }, mei, somchai]) => json(200, { items, nextCursor: null });
const sites = () => json(200, { items: [site(), site({ id: 'site_01BKK', name: 'Bangkok Silom', code: 'BKK-01' })] });

// Forms are typed into key by key: give a loaded machine time.
describe('users', { timeout: 20_000 }, () => {
  it('lists users with role, language, site and status in words', async () => {
    await renderAdmin('users', {
      'GET /api/v1/users?limit=200': () =>
        users([{ ...ME, siteId: null }, mei, { ...somchai, disabled: true, siteId: 'site_01BKK' }]),
      'GET /api/v1/sites': sites,
    });

    const table = await screen.findByRole('table', { name: 'Users' });
    const rows = within(table).getAllByRole('row');
    expect(
      within(rows[0]!)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Name', 'E-mail address', 'Role', 'Language', 'Site', 'Status', 'Actions']);
    expect(
      within(rows[1]!)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['ada@example.com', 'Administrator', 'English', 'All sites (brand-wide)', 'Active', 'Change Ada Admin']);
    expect(within(rows[1]!).getByRole('rowheader').textContent).toBe('Ada Admin (you)');
    expect(within(rows[2]!).getByText('Taipei Xinyi')).toBeDefined();
    expect(within(rows[3]!).getByText('Supervisor')).toBeDefined();
    expect(within(rows[3]!).getByText('ไทย')).toBeDefined();
    expect(within(rows[3]!).getByText('Disabled')).toBeDefined();
    expect(within(rows[3]!).getByText('Bangkok Silom')).toBeDefined();
  });

  it('adds a user with the body the API takes, then puts them at the chosen site', async () => {
    const user = userEvent.setup({ delay: null });
    const created = staff({ id: 'usr_01NEW', name: 'Ploy', email: 'ploy@example.com', role: 'manager', locale: 'th' });
    const { callsTo } = await renderAdmin('users', {
      'GET /api/v1/users?limit=200': () => users(),
      'GET /api/v1/sites': sites,
      'POST /api/v1/users': () => json(201, created),
      'PUT /api/v1/users/usr_01NEW/site': () => new Response(null, { status: 204 }),
    });

    const form = within((await screen.findByRole('heading', { name: 'Add a user' })).closest('form')!);
    await user.type(form.getByLabelText('Name'), ' Ploy ');
    await user.type(form.getByLabelText('E-mail address'), 'ploy@example.com ');
    await user.selectOptions(form.getByLabelText('Role'), 'Manager');
    await user.selectOptions(form.getByLabelText('Language'), 'ไทย');
    await user.selectOptions(form.getByLabelText('Site'), 'Bangkok Silom (BKK-01)');
    await user.type(form.getByLabelText('First password (optional)'), 'a long first password');
    const reads = callsTo('GET /api/v1/users?limit=200').length;
    await user.click(form.getByRole('button', { name: 'Add user' }));

    expect((await screen.findByRole('status')).textContent).toBe('Ploy was added.');
    expect(bodyOf(callsTo('POST /api/v1/users'))).toEqual({
      name: 'Ploy',
      email: 'ploy@example.com',
      role: 'manager',
      locale: 'th',
      password: 'a long first password',
    });
    expect(bodyOf(callsTo('PUT /api/v1/users/usr_01NEW/site'))).toEqual({ siteId: 'site_01BKK' });
    // The list is read again, and the form is empty for the next person.
    await waitFor(() => expect(callsTo('GET /api/v1/users?limit=200').length).toBeGreaterThan(reads));
    expect(form.getByLabelText<HTMLInputElement>('Name').value).toBe('');
    expect(form.getByLabelText<HTMLInputElement>('First password (optional)').value).toBe('');
  });

  it('shows a taken e-mail address next to its field, in the reader’s language', async () => {
    const user = userEvent.setup({ delay: null });
    const { callsTo } = await renderAdmin(
      'users',
      {
        'GET /api/v1/users?limit=200': () => users(),
        'GET /api/v1/sites': sites,
        'POST /api/v1/users': () => invalid('/body/email', 'Already in use', 'conflict', 409),
      },
      { locale: 'zh-TW' },
    );

    const form = within((await screen.findByRole('heading', { name: '新增使用者' })).closest('form')!);
    await user.type(form.getByLabelText('姓名'), '林美');
    await user.type(form.getByLabelText('電子郵件地址'), 'mei@example.com');
    await user.click(form.getByRole('button', { name: '新增使用者' }));

    const email = form.getByLabelText('電子郵件地址');
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    expect(describedText(email)).toBe('已有人使用這個電子郵件地址。');
    expect(document.activeElement).toBe(email);
    expect(form.getByLabelText('姓名').getAttribute('aria-invalid')).toBeNull();
    expect(form.getByRole('alert').textContent).toContain('與現有的資料衝突');
    expect(callsTo('PUT /api/v1/users/usr_01NEW/site')).toHaveLength(0);
  });

  it('changes only what was changed, and sends a new site on its own route', async () => {
    const user = userEvent.setup({ delay: null });
    const { callsTo } = await renderAdmin('users', {
      'GET /api/v1/users?limit=200': () => users(),
      'GET /api/v1/sites': sites,
      'PATCH /api/v1/users/usr_01MEI': () => json(200, { ...mei, role: 'supervisor', disabled: true }),
      'PUT /api/v1/users/usr_01MEI/site': () => new Response(null, { status: 204 }),
    });

    await user.click(await screen.findByRole('button', { name: 'Change Lin Mei' }));
    const form = within(screen.getByRole('heading', { name: 'Change Lin Mei' }).closest('form')!);
    expect(document.activeElement).toBe(form.getByLabelText('Name'));
    await user.selectOptions(form.getByLabelText('Role'), 'Supervisor');
    await user.selectOptions(form.getByLabelText('Site'), 'All sites (brand-wide)');
    await user.click(form.getByLabelText('Disabled: cannot sign in'));
    await user.click(form.getByRole('button', { name: 'Save' }));

    expect((await screen.findByRole('status')).textContent).toBe('Lin Mei was saved.');
    expect(bodyOf(callsTo('PATCH /api/v1/users/usr_01MEI'))).toEqual({ role: 'supervisor', disabled: true });
    expect(bodyOf(callsTo('PUT /api/v1/users/usr_01MEI/site'))).toEqual({ siteId: null });
  });

  it('says how many open cases to hand over when a user who owns some is disabled or given a role that cannot work them', async () => {
    const user = userEvent.setup({ delay: null });
    const owns = (field: string, count: number) =>
      json(422, {
        error: {
          code: 'rule_violated',
          message: 'Server words that are never shown',
          details: [{ field, message: `owns ${count} open ${count === 1 ? 'case' : 'cases'}` }],
        },
      });
    const answers = [owns('/body/disabled', 3), owns('/body/role', 1)];
    const { callsTo } = await renderAdmin(
      'users',
      {
        'GET /api/v1/users?limit=200': () => users(),
        'GET /api/v1/sites': sites,
        'PATCH /api/v1/users/usr_01MEI': () => answers.shift()!,
      },
      { locale: 'zh-TW' },
    );

    await user.click(await screen.findByRole('button', { name: '修改 Lin Mei' }));
    const form = within(screen.getByRole('heading', { name: '修改 Lin Mei' }).closest('form')!);
    const disable = form.getByLabelText('停用：無法登入');
    await user.click(disable);
    await user.selectOptions(form.getByLabelText('據點'), '所有據點（全品牌）');
    await user.click(form.getByRole('button', { name: '儲存' }));

    await waitFor(() => expect(disable.getAttribute('aria-invalid')).toBe('true'));
    expect(describedText(disable)).toContain('此使用者仍負責 3 件尚未結案的案件，請先將案件移交給其他同事。');
    expect(form.getByRole('alert').textContent).toBe('不允許進行這項變更。');
    expect(document.body.textContent).not.toContain('Server words');
    expect(callsTo('PUT /api/v1/users/usr_01MEI/site')).toHaveLength(0);

    await user.click(disable);
    const role = form.getByLabelText('角色');
    await user.selectOptions(role, 'department_member');
    await user.click(form.getByRole('button', { name: '儲存' }));
    await waitFor(() => expect(role.getAttribute('aria-invalid')).toBe('true'));
    expect(describedText(role)).toBe('此使用者仍負責 1 件尚未結案的案件，請先將案件移交給其他同事。');
    expect(disable.getAttribute('aria-invalid')).toBeNull();
    expect(bodyOf(callsTo('PATCH /api/v1/users/usr_01MEI'), 1)).toEqual({ role: 'department_member' });
  });

  it('does not offer administrators their own role or account to switch off', async () => {
    const user = userEvent.setup({ delay: null });
    await renderAdmin('users', { 'GET /api/v1/users?limit=200': () => users(), 'GET /api/v1/sites': sites });

    await user.click(await screen.findByRole('button', { name: 'Change Ada Admin' }));
    const form = within(screen.getByRole('heading', { name: 'Change Ada Admin' }).closest('form')!);
    expect(form.getByLabelText<HTMLSelectElement>('Role').disabled).toBe(true);
    expect(form.getByLabelText<HTMLInputElement>('Disabled: cannot sign in').disabled).toBe(true);
    expect(form.getByText('You cannot change your own role or disable yourself.')).toBeDefined();
  });

  it('shows no forms to someone who may only read', async () => {
    await renderAdmin(
      'users',
      { 'GET /api/v1/users?limit=200': () => users(), 'GET /api/v1/sites': sites },
      { permissions: ['user:read', 'org:read'] },
    );
    expect(await screen.findByRole('table', { name: 'Users' })).toBeDefined();
    expect(screen.queryByRole('heading', { name: 'Add a user' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Change/ })).toBeNull();
  });
});
