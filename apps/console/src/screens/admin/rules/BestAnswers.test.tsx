import type { BestAnswerDto, CategoryDto } from '@redress/contract';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, json } from '../../../test/harness.tsx';
import { BestAnswers } from './BestAnswers.tsx';
import {
  FORM_TEST,
  announced,
  bodyOf,
  describedErrorOf,
  fill,
  renderSection,
  signedInAs,
  validationFailed,
} from './rules-test-util.tsx';

afterEach(() => vi.unstubAllGlobals());

const at = '2026-03-02T09:00:00.000Z';
const categories: CategoryDto[] = [
  {
    id: 'cat_delivery',
    parentId: null,
    names: { en: 'Delivery', 'zh-CN': '配送' },
    kind: 'service_process',
    createdAt: at,
  },
  {
    id: 'cat_late',
    parentId: 'cat_delivery',
    names: { en: 'Late delivery', 'zh-CN': '配送延迟' },
    kind: 'service_process',
    createdAt: at,
  },
];
const answer = (overrides: Partial<BestAnswerDto>): BestAnswerDto => ({
  id: 'ans_late',
  categoryId: 'cat_late',
  language: 'en',
  title: 'Late parcel: new date',
  body: 'Dear {{customerName}}, your parcel for {{caseRef}} will arrive by Friday.',
  createdAt: at,
  updatedAt: at,
  updatedBy: 'Ada Admin',
  ...overrides,
});
const answers = [
  answer({}),
  answer({
    id: 'ans_sorry',
    categoryId: null,
    language: 'zh-CN',
    title: '通用致歉',
    body: '{{customerName}}您好，我们已经了解情况。',
  }),
];
const all = 'GET /api/v1/best-answers?limit=200';

describe('best answers', FORM_TEST, () => {
  it('lists answers with their language and category, and filters by category and language', async () => {
    const user = userEvent.setup({ delay: null });
    const filtered = 'GET /api/v1/best-answers?categoryId=cat_late&language=zh-CN&limit=200';
    const { callsTo } = fakeServer({
      'GET /api/v1/auth/me': signedInAs(),
      'GET /api/v1/categories': () => json(200, { items: categories }),
      [all]: () => json(200, { items: answers }),
      'GET /api/v1/best-answers?categoryId=cat_late&limit=200': () => json(200, { items: answers }),
      [filtered]: () => json(200, { items: [answers[1]] }),
    });
    renderSection('best-answers', <BestAnswers />);
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map((row) =>
        within(row)
          .getAllByRole('cell')
          .slice(0, 3)
          .map((cell) => cell.textContent),
      ),
    ).toEqual([
      ['English', 'Late delivery', 'Mar 2, 2026 by Ada Admin'],
      ['简体中文', 'General (any category)', 'Mar 2, 2026 by Ada Admin'],
    ]);
    expect(within(rows[0]!).getByRole('rowheader').textContent).toMatch(/^Late parcel: new date/);

    await waitFor(() =>
      expect(
        within(screen.getByLabelText('Category'))
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['All categories', 'Delivery', '\u00a0\u00a0Late delivery']),
    );
    await user.selectOptions(screen.getByLabelText('Category'), 'cat_late');
    await user.selectOptions(screen.getByLabelText('Language'), '简体中文');
    await waitFor(() => expect(callsTo(filtered)).toHaveLength(1));
    await waitFor(() => expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(2));
    expect(screen.getByText(/parent categories and the general ones are listed too/)).toBeDefined();
  });

  it('adds an answer for a category in a language, then translates it with the original shown', async () => {
    const user = userEvent.setup({ delay: null });
    const { callsTo } = fakeServer({
      'GET /api/v1/auth/me': signedInAs(),
      'GET /api/v1/categories': () => json(200, { items: categories }),
      [all]: () => json(200, { items: answers }),
      'POST /api/v1/best-answers': (init) =>
        json(201, answer({ id: 'ans_new', ...(JSON.parse(init.body as string) as object) })),
    });
    renderSection('best-answers', <BestAnswers />);
    await user.click(await screen.findByRole('button', { name: 'Add a best answer' }));
    let form = screen.getByRole('form', { name: 'Add a best answer' });
    expect(within(form).getByText(/\{\{customerName\}\} and \{\{caseRef\}\} are filled in/)).toBeDefined();
    await user.selectOptions(within(form).getByLabelText('Category'), 'cat_delivery');
    await user.selectOptions(within(form).getByLabelText('Language'), 'ไทย');
    await fill(user, within(form).getByLabelText('Title'), ' พัสดุล่าช้า ');
    await fill(user, within(form).getByLabelText('Answer'), 'เรียนคุณ {{customerName}} พัสดุของท่านจะถึงภายในวันศุกร์');
    expect(within(form).getByLabelText('Answer').getAttribute('lang')).toBe('th');
    await user.click(within(form).getByRole('button', { name: 'Add answer' }));
    await waitFor(() => expect(announced()).toBe('Best answer “พัสดุล่าช้า” added.'));
    expect(bodyOf(callsTo('POST /api/v1/best-answers'))).toEqual({
      categoryId: 'cat_delivery',
      language: 'th',
      title: 'พัสดุล่าช้า',
      body: 'เรียนคุณ {{customerName}} พัสดุของท่านจะถึงภายในวันศุกร์',
    });

    await user.click(await screen.findByRole('button', { name: 'Add in another language Late parcel: new date' }));
    form = screen.getByRole('form', { name: 'Translate “Late parcel: new date”' });
    expect(within(form).getByText('The original, in English:')).toBeDefined();
    expect(within(form).getByText(/your parcel for \{\{caseRef\}\} will arrive/)).toBeDefined();
    expect(within(form).getByLabelText<HTMLSelectElement>('Category').value).toBe('cat_late');
    await user.selectOptions(within(form).getByLabelText('Language'), '繁體中文');
    await fill(user, within(form).getByLabelText('Title'), '包裹延遲：新的到貨日');
    await fill(user, within(form).getByLabelText('Answer'), '{{customerName}}您好，您的包裹將在週五前送達。');
    await user.click(within(form).getByRole('button', { name: 'Add answer' }));
    await waitFor(() => expect(callsTo('POST /api/v1/best-answers')).toHaveLength(2));
    expect(bodyOf(callsTo('POST /api/v1/best-answers'), 1)).toEqual({
      categoryId: 'cat_late',
      language: 'zh-TW',
      title: '包裹延遲：新的到貨日',
      body: '{{customerName}}您好，您的包裹將在週五前送達。',
    });
  });

  it('edits an answer’s title and text, showing a refused field beside it', async () => {
    const user = userEvent.setup({ delay: null });
    let attempt = 0;
    const { callsTo } = fakeServer({
      'GET /api/v1/auth/me': signedInAs(),
      'GET /api/v1/categories': () => json(200, { items: categories }),
      [all]: () => json(200, { items: answers }),
      'PATCH /api/v1/best-answers/ans_sorry': (init) =>
        ++attempt === 1
          ? validationFailed('/body/body')
          : json(200, { ...answers[1], ...(JSON.parse(init.body as string) as object) }),
    });
    renderSection('best-answers', <BestAnswers />);
    await user.click(await screen.findByRole('button', { name: 'Edit 通用致歉' }));
    const form = screen.getByRole('form', { name: 'Edit “通用致歉”' });
    expect(within(form).getByLabelText<HTMLSelectElement>('Language').value).toBe('zh-CN');
    const text = within(form).getByLabelText('Answer');
    await fill(user, text, '   ');
    await user.click(within(form).getByRole('button', { name: 'Save answer' }));
    await waitFor(() => expect(text.getAttribute('aria-invalid')).toBe('true'));
    expect(describedErrorOf(text)).toBe('Error: Write the answer (up to 10,000 characters).');

    await fill(user, within(form).getByLabelText('Title'), '通用致歉与下一步');
    await fill(user, text, '{{customerName}}您好，我们会在明天下午三点前回电。');
    await user.click(within(form).getByRole('button', { name: 'Save answer' }));
    await waitFor(() => expect(announced()).toBe('Best answer “通用致歉与下一步” saved.'));
    expect(bodyOf(callsTo('PATCH /api/v1/best-answers/ans_sorry'), 1)).toEqual({
      categoryId: null,
      language: 'zh-CN',
      title: '通用致歉与下一步',
      body: '{{customerName}}您好，我们会在明天下午三点前回电。',
    });
  });

  it('deletes an answer only after confirming', async () => {
    const user = userEvent.setup({ delay: null });
    let items = answers;
    const { callsTo } = fakeServer({
      'GET /api/v1/auth/me': signedInAs(),
      'GET /api/v1/categories': () => json(200, { items: categories }),
      [all]: () => json(200, { items }),
      'DELETE /api/v1/best-answers/ans_late': () => {
        items = answers.slice(1);
        return new Response(null, { status: 204 });
      },
    });
    renderSection('best-answers', <BestAnswers />);
    await user.click(await screen.findByRole('button', { name: 'Delete Late parcel: new date' }));
    const confirm = screen.getByRole('group', { name: /Delete “Late parcel: new date”\?/ });
    await waitFor(() => expect(document.activeElement?.textContent).toMatch(/^Delete “Late parcel: new date”\?/));
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(callsTo('DELETE /api/v1/best-answers/ans_late')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Delete Late parcel: new date' }));
    await user.click(screen.getByRole('button', { name: 'Yes, delete it' }));
    await waitFor(() => expect(announced()).toBe('Best answer “Late parcel: new date” deleted.'));
    expect(callsTo('DELETE /api/v1/best-answers/ans_late')).toHaveLength(1);
    await waitFor(() => expect(screen.queryByText(/^Late parcel: new date/)).toBeNull());
  });
});
