import type { BestAnswerDto } from '@redress/contract';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, json } from '../../test/harness.tsx';
import {
  BEST_ANSWERS,
  buildCase,
  COACH,
  coachSays,
  draftArea,
  renderComposer,
  SLOW_TEST,
} from './composer-test-kit.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

const answer = (overrides: Partial<BestAnswerDto>): BestAnswerDto => ({
  id: 'ans_1',
  categoryId: 'cat_food',
  language: 'zh-TW',
  title: '食品變質：先退款再查批號',
  body: '{{customerName}}您好，\n關於案件 {{caseRef}}，我們今天會先為您全額退款。',
  createdAt: '2026-01-04T00:00:00.000Z',
  updatedAt: '2026-01-04T00:00:00.000Z',
  updatedBy: 'Lin Mei',
  ...overrides,
});

describe('best answers in the composer', SLOW_TEST, () => {
  it("lists the category's answers in the customer's language and inserts one at the cursor, filled in", async () => {
    const user = userEvent.setup();
    const { callsTo } = fakeServer({
      [BEST_ANSWERS]: () =>
        json(200, {
          items: [answer({}), answer({ id: 'ans_2', categoryId: null, title: '一般致謝', body: '謝謝您的耐心。' })],
        }),
      [COACH]: () => coachSays(),
    });
    renderComposer();
    const area = draftArea();
    await user.type(area, '開頭結尾');
    area.setSelectionRange(2, 2);

    await user.click(await screen.findByText('Best answers: 2 for this case'));
    expect(screen.getByText(/In Traditional Chinese/)).toBeDefined();
    const list = screen.getByRole('list', { name: 'Best answers: 2 for this case' });
    expect(within(list).getByText('食品變質：先退款再查批號')).toBeDefined();
    // The preview already reads as the customer will.
    expect(within(list).getByText(/陳小姐您好， 關於案件 C-2026-000123/)).toBeDefined();

    await user.click(
      screen.getByRole('button', { name: 'Insert the answer “食品變質：先退款再查批號” at the cursor' }),
    );
    expect(area.value).toBe('開頭\n陳小姐您好，\n關於案件 C-2026-000123，我們今天會先為您全額退款。\n結尾');
    // The cursor waits after the inserted answer.
    expect(area.selectionStart).toBe(area.value.indexOf('\n結尾'));
    expect(callsTo(BEST_ANSWERS).length).toBeGreaterThan(0);
  });

  it('asks for general answers when the case has no category, and says when there are none', async () => {
    const user = userEvent.setup();
    const general = 'GET /api/v1/best-answers?language=th';
    const { callsTo } = fakeServer({
      [general]: () => json(200, { items: [] }),
      [COACH]: () => coachSays(),
    });
    renderComposer({ caseDto: buildCase({ categoryId: null, language: 'th' }) });
    await user.click(await screen.findByText('Best answers: none yet'));
    expect(screen.getByText('No best answers for this category and language yet.')).toBeDefined();
    expect(callsTo(general).length).toBeGreaterThan(0);
  });
});
