import type { CategoryDto, RootCauseDto } from '@redress/contract';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, json } from '../../../test/harness.tsx';
import { Categories } from './Categories.tsx';
import { Causes } from './Causes.tsx';
import {
  FORM_TEST,
  bodyOf,
  fill,
  describedErrorOf,
  renderSection,
  signedInAs,
  validationFailed,
} from './rules-test-util.tsx';

afterEach(() => vi.unstubAllGlobals());

const at = '2026-03-02T09:00:00.000Z';
const category = (id: string, parentId: string | null, names: Record<string, string>): CategoryDto => ({
  id,
  parentId,
  names,
  kind: id.includes('svc') ? 'service_process' : 'product_quality',
  createdAt: at,
});
const categories: CategoryDto[] = [
  category('cat_svc', null, { en: 'Service process', 'zh-TW': '服務流程', 'zh-CN': '服务流程', th: 'กระบวนการบริการ' }),
  category('cat_quality', null, { en: 'Product quality', 'zh-TW': '產品品質' }),
  category('cat_spoiled', 'cat_quality', { en: 'Spoiled goods', 'zh-TW': '商品腐壞' }),
  category('cat_mould', 'cat_spoiled', { en: 'Mould', 'zh-TW': '發霉' }),
  category('cat_svcrude', 'cat_svc', { en: 'Rude staff', 'zh-TW': '服務態度差' }),
];

describe('categories', FORM_TEST, () => {
  it('shows the tree as nested lists in the reader’s language, with each kind and the languages still missing', async () => {
    fakeServer({
      'GET /api/v1/auth/me': signedInAs(undefined, 'zh-TW'),
      'GET /api/v1/categories': () => json(200, { items: categories }),
    });
    renderSection('categories', <Categories />, 'zh-TW');

    const tree = await screen.findByRole('list', { name: '分類樹' });
    const top = within(tree)
      .getAllByRole('listitem')
      .filter((item) => item.parentElement === tree);
    expect(top.map((item) => item.querySelector('.rules-tree-name')?.textContent)).toEqual(['服務流程', '產品品質']);
    // 商品腐壞 sits inside 產品品質, and 發霉 inside 商品腐壞.
    const itemNamed = (name: string) =>
      [...tree.querySelectorAll('.rules-tree-name')].find((node) => node.textContent === name)!.closest('li')!;
    const quality = top[1]!;
    const spoiled = itemNamed('商品腐壞');
    expect(spoiled.parentElement?.closest('li')).toBe(quality);
    expect(itemNamed('發霉').parentElement?.closest('li')).toBe(spoiled);
    expect(itemNamed('服務態度差').parentElement?.closest('li')).toBe(top[0]);
    expect(top[0]!.querySelector('.rules-tag')?.textContent).toBe('服務流程');
    expect(quality.querySelector('.rules-tag')?.textContent).toBe('產品品質');
    expect(quality.querySelector('.rules-hint')?.textContent).toBe('尚未命名：简体中文和ไทย');
    expect(top[0]!.querySelector(':scope > .rules-tree-item .rules-hint')).toBeNull();
  });

  it('adds a top-level category with names in four languages and its kind, then a subcategory under it', async () => {
    const user = userEvent.setup({ delay: null });
    let items = categories.slice(0, 2);
    const created = category('cat_delivery', null, {
      en: 'Delivery',
      'zh-TW': '配送',
      'zh-CN': '配送服务',
      th: 'การจัดส่ง',
    });
    const { callsTo } = fakeServer({
      'GET /api/v1/auth/me': signedInAs(),
      'GET /api/v1/categories': () => json(200, { items }),
      'POST /api/v1/categories': () => {
        items = [...items, created];
        return json(201, created);
      },
    });
    renderSection('categories', <Categories />);

    await user.click(await screen.findByRole('button', { name: 'Add a top-level category' }));
    const form = screen.getByRole('form', { name: 'New top-level category' });
    await fill(user, within(form).getByLabelText('Name in English'), ' Delivery ');
    await fill(user, within(form).getByLabelText('Name in 繁體中文'), '配送');
    await fill(user, within(form).getByLabelText('Name in 简体中文'), '配送服务');
    await fill(user, within(form).getByLabelText('Name in ไทย'), 'การจัดส่ง');
    await user.selectOptions(within(form).getByLabelText('Kind'), 'Service process');
    await user.click(within(form).getByRole('button', { name: 'Add category' }));

    expect(await screen.findByText('Category “Delivery” added.')).toBeDefined();
    expect(screen.getByRole('status').textContent).toBe('Category “Delivery” added.');
    expect(bodyOf(callsTo('POST /api/v1/categories'))).toEqual({
      names: { en: 'Delivery', 'zh-TW': '配送', 'zh-CN': '配送服务', th: 'การจัดส่ง' },
      kind: 'service_process',
    });
    expect(screen.queryByRole('form')).toBeNull();

    await user.click(await screen.findByRole('button', { name: 'Add a subcategory Product quality' }));
    const child = screen.getByRole('form', { name: 'New subcategory of Product quality' });
    expect(within(child).queryByLabelText('Kind')).toBeNull();
    expect(within(child).getByText('Kind: Product quality, like its parent.')).toBeDefined();
    await fill(user, within(child).getByLabelText('Name in English'), 'Wrong size');
    await user.click(within(child).getByRole('button', { name: 'Add category' }));
    await waitFor(() => expect(callsTo('POST /api/v1/categories')).toHaveLength(2));
    expect(bodyOf(callsTo('POST /api/v1/categories'), 1)).toEqual({
      names: { en: 'Wrong size' },
      parentId: 'cat_quality',
    });
  });

  it('shows a validation error next to the field the server names, and keeps what was typed', async () => {
    const user = userEvent.setup({ delay: null });
    fakeServer({
      'GET /api/v1/auth/me': signedInAs(),
      'GET /api/v1/categories': () => json(200, { items: categories }),
      'POST /api/v1/categories': () => validationFailed('/body/kind'),
    });
    renderSection('categories', <Categories />);

    await user.click(await screen.findByRole('button', { name: 'Add a top-level category' }));
    const form = screen.getByRole('form', { name: 'New top-level category' });
    await fill(user, within(form).getByLabelText('Name in English'), 'Billing');
    await user.click(within(form).getByRole('button', { name: 'Add category' }));

    const kind = within(form).getByLabelText('Kind');
    await waitFor(() => expect(kind.getAttribute('aria-invalid')).toBe('true'));
    expect(describedErrorOf(kind)).toBe('Error: Choose whether this is about product quality or the service process.');
    expect(within(form).getByRole('alert').textContent).toBe('Some details need attention.');
    expect(within(form).getByLabelText('Name in English').getAttribute('aria-invalid')).toBeNull();
    expect(within(form).getByLabelText<HTMLInputElement>('Name in English').value).toBe('Billing');
    await waitFor(() => expect(document.activeElement).toBe(kind));
    expect(screen.queryByText(/server words/)).toBeNull();
  });

  it('renames a category: the form shows every language’s name and sends all of them', async () => {
    const user = userEvent.setup({ delay: null });
    const { callsTo } = fakeServer({
      'GET /api/v1/auth/me': signedInAs(),
      'GET /api/v1/categories': () => json(200, { items: categories }),
      'PATCH /api/v1/categories/cat_spoiled': () =>
        json(200, { ...categories[2], names: { en: 'Spoiled food', 'zh-TW': '商品腐壞' } }),
    });
    renderSection('categories', <Categories />);

    await user.click(await screen.findByRole('button', { name: 'Edit names Spoiled goods' }));
    const form = screen.getByRole('form', { name: 'Names of Spoiled goods' });
    expect(within(form).getByLabelText<HTMLInputElement>('Name in 繁體中文').value).toBe('商品腐壞');
    const english = within(form).getByLabelText('Name in English');
    await user.clear(english);
    await fill(user, english, 'Spoiled food');
    await user.click(within(form).getByRole('button', { name: 'Save names' }));

    expect(await screen.findByText('Category “Spoiled food” renamed.')).toBeDefined();
    expect(bodyOf(callsTo('PATCH /api/v1/categories/cat_spoiled'))).toEqual({
      names: { en: 'Spoiled food', 'zh-TW': '商品腐壞' },
    });
  });

  it('shows no editing controls to someone who may only read', async () => {
    fakeServer({
      'GET /api/v1/auth/me': signedInAs(['case:read', 'config:read']),
      'GET /api/v1/categories': () => json(200, { items: categories }),
    });
    renderSection('categories', <Categories />);
    expect(await screen.findByText('Spoiled goods')).toBeDefined();
    expect(screen.queryByRole('button', { name: /Edit names|Add a/ })).toBeNull();
  });
});

const causes: RootCauseDto[] = [
  {
    id: 'rc_cold',
    code: 'cold_chain_break',
    names: { en: 'Cold chain break', 'zh-TW': '冷鏈中斷', 'zh-CN': '冷链中断', th: 'ห่วงโซ่ความเย็นขาด' },
    createdAt: at,
  },
  { id: 'rc_staff', code: 'staff_training', names: { en: 'Staff training' }, createdAt: at },
];

describe('root causes', FORM_TEST, () => {
  it('lists each cause with its code, its name in the reader’s language and the languages missing', async () => {
    fakeServer({
      'GET /api/v1/auth/me': signedInAs(undefined, 'th'),
      'GET /api/v1/root-causes': () => json(200, { items: causes }),
    });
    renderSection('causes', <Causes />, 'th');
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[0]?.textContent)).toEqual([
      'cold_chain_break',
      'staff_training',
    ]);
    expect(within(rows[0]!).getByRole('rowheader').textContent).toBe('ห่วงโซ่ความเย็นขาด');
    expect(within(rows[1]!).getByRole('rowheader').textContent).toBe('Staff training');
    expect(within(rows[1]!).getByText(/繁體中文/)).toBeDefined();
  });

  it('adds a cause with its code and names, and shows a taken code next to the code field', async () => {
    const user = userEvent.setup({ delay: null });
    let first = true;
    const { callsTo } = fakeServer({
      'GET /api/v1/auth/me': signedInAs(),
      'GET /api/v1/root-causes': () => json(200, { items: causes }),
      'POST /api/v1/root-causes': () => {
        if (first) {
          first = false;
          return json(409, {
            error: { code: 'conflict', message: 'exists', details: [{ field: '/body/code', message: 'in use' }] },
          });
        }
        return json(201, { id: 'rc_pack', code: 'packaging', names: { en: 'Packaging' }, createdAt: at });
      },
    });
    renderSection('causes', <Causes />);

    await user.click(await screen.findByRole('button', { name: 'Add a root cause' }));
    const form = screen.getByRole('form', { name: 'Add a root cause' });
    await fill(user, within(form).getByLabelText('Code'), 'cold_chain_break');
    await fill(user, within(form).getByLabelText('Name in English'), 'Packaging');
    await fill(user, within(form).getByLabelText('Name in ไทย'), 'บรรจุภัณฑ์');
    await user.click(within(form).getByRole('button', { name: 'Add root cause' }));

    const code = within(form).getByLabelText('Code');
    await waitFor(() => expect(code.getAttribute('aria-invalid')).toBe('true'));
    expect(describedErrorOf(code)).toMatch(/a code not already taken/);
    expect(within(form).getByRole('alert').textContent).toBe('That is already in use. Choose something else.');
    expect(bodyOf(callsTo('POST /api/v1/root-causes'))).toEqual({
      code: 'cold_chain_break',
      names: { en: 'Packaging', th: 'บรรจุภัณฑ์' },
    });

    await user.clear(code);
    await fill(user, code, 'packaging');
    await user.click(within(form).getByRole('button', { name: 'Add root cause' }));
    expect(await screen.findByText('Root cause “Packaging” added.')).toBeDefined();
  });

  it('renames a cause without sending its code', async () => {
    const user = userEvent.setup({ delay: null });
    const { callsTo } = fakeServer({
      'GET /api/v1/auth/me': signedInAs(),
      'GET /api/v1/root-causes': () => json(200, { items: causes }),
      'PATCH /api/v1/root-causes/rc_staff': () =>
        json(200, { ...causes[1], names: { en: 'Staff training', 'zh-CN': '员工培训' } }),
    });
    renderSection('causes', <Causes />);
    await user.click(await screen.findByRole('button', { name: 'Edit names Staff training' }));
    const form = screen.getByRole('form', { name: 'Names of Staff training' });
    expect(within(form).queryByLabelText('Code')).toBeNull();
    await fill(user, within(form).getByLabelText('Name in 简体中文'), '员工培训');
    await user.click(within(form).getByRole('button', { name: 'Save names' }));
    expect(await screen.findByText('Root cause “Staff training” renamed.')).toBeDefined();
    expect(bodyOf(callsTo('PATCH /api/v1/root-causes/rc_staff'))).toEqual({
      names: { en: 'Staff training', 'zh-CN': '员工培训' },
    });
  });
});
