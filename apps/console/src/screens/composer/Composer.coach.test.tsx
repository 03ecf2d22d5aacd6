import type { CoachFindingDto } from '@redress/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, json } from '../../test/harness.tsx';
import { COACH_PAUSE_MS } from './use-coach.ts';
import {
  BEST_ANSWERS,
  bodyOf,
  COACH,
  coachSays,
  draftArea,
  jsonBody,
  quietServer,
  renderComposer,
  SLOW_TEST,
} from './composer-test-kit.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

const DRAFT = '您好，有关部门会处理。';

const findings = (draft: string): CoachFindingDto[] => {
  const start = draft.indexOf('有关部门');
  return [
    {
      code: 'defensive_phrase',
      severity: 'error',
      message: 'ignored: consoles translate the code',
      params: { kind: 'passes_to_department', phrase: '有关部门' },
      spans: start === -1 ? [] : [{ start, end: start + 4, text: '有关部门' }],
      suggestion: { action: 'rephrase', text: '倉庫的王經理' },
    },
    {
      code: 'missing_name',
      severity: 'warning',
      message: 'ignored',
      params: { name: '陳美玲' },
      spans: [],
      suggestion: { action: 'address_by_name', text: '陳小姐您好，' },
    },
    {
      code: 'no_restatement',
      severity: 'warning',
      message: 'ignored',
      params: { words: ['芒果乾', '發霉'], matched: 0, needed: 2 },
      spans: [],
      suggestion: { action: 'use_customer_words', words: ['芒果乾', '發霉'] },
    },
    {
      code: 'language_mismatch',
      severity: 'info',
      message: 'ignored',
      params: { draftLanguage: 'zh-CN', customerLanguage: 'zh-TW' },
      spans: [],
      suggestion: { action: 'write_in_language', language: 'zh-TW' },
    },
  ];
};

describe('the reply coach inline', SLOW_TEST, () => {
  it('reads the draft once the agent pauses, and shows each finding in words with its words highlighted', async () => {
    const user = userEvent.setup();
    const { callsTo } = fakeServer({
      ...quietServer,
      [COACH]: (init) => coachSays(findings(jsonBody<{ draft: string }>(init).draft)),
    });
    renderComposer();
    await user.type(draftArea(), DRAFT);

    const list = await screen.findByRole('list', { name: 'What the coach noticed' });
    // Typing in one go is one pause: one request, for the whole draft.
    expect(callsTo(COACH)).toHaveLength(1);
    expect(bodyOf(callsTo(COACH)[0])).toEqual({ caseId: 'case_01MANGO', draft: DRAFT });
    expect(list.closest('[aria-live="polite"]')).not.toBeNull();

    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.querySelector('.coach-message')?.textContent)).toEqual([
      'Fix “有关部门” passes the customer on to someone unnamed. Say who does what, by when.',
      'Consider Address the customer by name (陳美玲).',
      'Consider Restate the problem in the customer’s own words.',
      'Note The draft reads as Simplified Chinese; the customer’s language is Traditional Chinese.',
    ]);
    expect(items[0]!.querySelector('mark')?.textContent).toBe('有关部门');
    expect(within(items[2]!).getByText('The customer’s own words: 芒果乾 and 發霉')).toBeDefined();
    expect(within(items[3]!).getByText('Write the reply in Traditional Chinese.')).toBeDefined();

    // "Show in the draft" selects the words in the text area.
    await user.click(within(items[0]!).getByRole('button', { name: 'Show in the draft: “有关部门”' }));
    const area = draftArea();
    expect(area.value.slice(area.selectionStart, area.selectionEnd)).toBe('有关部门');
  });

  it('applies a suggestion: the better words replace the span, the greeting opens the draft', async () => {
    const user = userEvent.setup();
    fakeServer({
      ...quietServer,
      [COACH]: (init) => coachSays(findings(jsonBody<{ draft: string }>(init).draft)),
    });
    renderComposer();
    await user.type(draftArea(), DRAFT);

    await user.click(await screen.findByRole('button', { name: 'Replace with “倉庫的王經理”' }));
    expect(draftArea().value).toBe('您好，倉庫的王經理会处理。');
    await user.click(screen.getByRole('button', { name: 'Open with “陳小姐您好，”' }));
    expect(draftArea().value).toBe('陳小姐您好，\n您好，倉庫的王經理会处理。');
  });

  it('adds an example next step at the end of the draft', async () => {
    const user = userEvent.setup();
    fakeServer({
      ...quietServer,
      [COACH]: () =>
        coachSays([
          {
            code: 'no_next_step',
            severity: 'warning',
            message: 'ignored',
            params: {},
            spans: [],
            suggestion: { action: 'add_next_step', text: '我會在明天下午三點前打電話告訴您結果。' },
          },
        ]),
    });
    renderComposer();
    await user.type(draftArea(), '陳小姐您好，');
    expect(await screen.findByText(/Give a concrete next step with a time/)).toBeDefined();
    await user.click(screen.getByRole('button', { name: /^Add a next step:/ }));
    expect(draftArea().value).toBe('陳小姐您好，\n我會在明天下午三點前打電話告訴您結果。');
  });

  it('aborts the reading of a draft the agent has since changed', async () => {
    const user = userEvent.setup();
    const signals: (AbortSignal | null | undefined)[] = [];
    const { callsTo } = fakeServer({
      [BEST_ANSWERS]: () => json(200, { items: [] }),
      [COACH]: (init) => {
        signals.push(init.signal);
        return new Promise(() => {}); // The coach is slow; the agent types on.
      },
    });
    renderComposer();
    await user.type(draftArea(), 'Dear Ms Chen');
    await waitFor(() => expect(callsTo(COACH)).toHaveLength(1));
    await user.type(draftArea(), ',');
    expect(signals[0]?.aborted).toBe(true);
    await waitFor(() => expect(callsTo(COACH)).toHaveLength(2));
    expect(bodyOf(callsTo(COACH)[1])).toEqual({ caseId: 'case_01MANGO', draft: 'Dear Ms Chen,' });
  });

  it('waits for an input method to finish before reading the draft', async () => {
    const { callsTo } = fakeServer(quietServer);
    renderComposer();
    const area = draftArea();
    fireEvent.compositionStart(area, { data: '' });
    fireEvent.change(area, { target: { value: 'ㄔㄣˊ' } });
    await new Promise((resolve) => setTimeout(resolve, COACH_PAUSE_MS + 300));
    expect(callsTo(COACH)).toHaveLength(0);
    fireEvent.change(area, { target: { value: '陳' } });
    fireEvent.compositionEnd(area, { data: '陳' });
    await waitFor(() => expect(callsTo(COACH)).toHaveLength(1));
    expect(bodyOf(callsTo(COACH)[0])).toEqual({ caseId: 'case_01MANGO', draft: '陳' });
  });
});
