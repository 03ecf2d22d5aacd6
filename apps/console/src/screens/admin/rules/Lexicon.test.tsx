import type { LexiconDto, LexiconEntryDto } from '@redress/contract';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, json } from '../../../test/harness.tsx';
import { Lexicon } from './Lexicon.tsx';
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

const entry: LexiconEntryDto = {
  id: 'lex_1',
  signal: 'regulator_threat',
  language: 'zh',
  kind: 'phrase',
  text: '我要去消保官那邊',
  negatable: true,
  confidence: 0.85,
  createdBy: 'Ada Admin',
  createdAt: '2026-03-02T09:00:00.000Z',
};
const lexicon: LexiconDto = {
  builtIn: [
    { signal: 'regulator_threat', language: 'zh', rules: 6 },
    { signal: 'regulator_threat', language: 'th', rules: 4 },
    { signal: 'anger', language: 'en', rules: 12 },
  ],
  entries: [entry],
};

describe('language lexicon', FORM_TEST, () => {
  it('counts the rules of each signal per language, built in and own, and lists the own phrases', async () => {
    fakeServer({
      'GET /api/v1/auth/me': signedInAs(),
      'GET /api/v1/language/lexicon': () => json(200, lexicon),
    });
    renderSection('lexicon', <Lexicon />);
    const coverage = await screen.findByRole('table', {
      name: 'Rules per signal and language (built in and your own)',
    });
    const regulator = within(coverage)
      .getByRole('rowheader', { name: 'Threatens a regulator (e.g. 12315)' })
      .closest('tr')!;
    expect(
      within(regulator)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['0', '7', '4']);
    const own = screen.getByRole('table', { name: 'Your own phrases' });
    const row = within(own).getAllByRole('row')[1]!;
    expect(within(row).getByRole('rowheader').textContent).toBe('我要去消保官那邊');
    expect(
      within(row)
        .getAllByRole('cell')
        .slice(0, 3)
        .map((cell) => cell.textContent),
    ).toEqual(['Threatens a regulator (e.g. 12315)', 'Chinese (both scripts)', '85%']);
  });

  it('adds a phrase with its signal, language and confidence, and shows a refused text beside its field', async () => {
    const user = userEvent.setup({ delay: null });
    let attempt = 0;
    const { callsTo } = fakeServer({
      'GET /api/v1/auth/me': signedInAs(),
      'GET /api/v1/language/lexicon': () => json(200, lexicon),
      'POST /api/v1/language/lexicon': (init) =>
        ++attempt === 1
          ? validationFailed('/body/text')
          : json(201, { ...entry, id: 'lex_2', ...(JSON.parse(init.body as string) as object) }),
    });
    renderSection('lexicon', <Lexicon />);
    const form = await screen.findByRole('form', { name: 'Add a phrase' });
    await user.selectOptions(within(form).getByLabelText('Signal'), 'Threatens the media');
    await user.selectOptions(within(form).getByLabelText('Language'), 'Thai');
    await user.click(within(form).getByLabelText('Pattern (regular expression)'));
    await fill(user, within(form).getByLabelText('Words'), '(');
    await user.click(within(form).getByRole('button', { name: 'Add phrase' }));
    const words = within(form).getByLabelText('Words');
    await waitFor(() => expect(words.getAttribute('aria-invalid')).toBe('true'));
    expect(describedErrorOf(words)).toMatch(/valid, safe regular expression/);

    await user.click(within(form).getByLabelText('Phrase (matched as written)'));
    await fill(user, words, 'จะโพสต์ลงเพจ');
    await user.click(within(form).getByLabelText(/A negation just before it cancels it/));
    await fill(user, within(form).getByLabelText('Confidence (%)'), '90');
    await user.click(within(form).getByRole('button', { name: 'Add phrase' }));
    await waitFor(() => expect(announced()).toBe('“จะโพสต์ลงเพจ” added.'));
    expect(bodyOf(callsTo('POST /api/v1/language/lexicon'), 1)).toEqual({
      signal: 'media_threat',
      language: 'th',
      kind: 'phrase',
      text: 'จะโพสต์ลงเพจ',
      negatable: false,
      confidence: 0.9,
    });
  });

  it('removes a phrase only after confirming', async () => {
    const user = userEvent.setup({ delay: null });
    const { callsTo } = fakeServer({
      'GET /api/v1/auth/me': signedInAs(),
      'GET /api/v1/language/lexicon': () => json(200, lexicon),
      'DELETE /api/v1/language/lexicon/lex_1': () => new Response(null, { status: 204 }),
    });
    renderSection('lexicon', <Lexicon />);
    await user.click(await screen.findByRole('button', { name: 'Remove 我要去消保官那邊' }));
    expect(callsTo('DELETE /api/v1/language/lexicon/lex_1')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Yes, remove it' }));
    await waitFor(() => expect(announced()).toBe('“我要去消保官那邊” removed.'));
    expect(callsTo('DELETE /api/v1/language/lexicon/lex_1')).toHaveLength(1);
  });
});
