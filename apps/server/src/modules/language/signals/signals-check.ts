import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { EscalationSignal } from '@redress/contract';
import type { TextLanguage } from '../../../shared/text/detect-language.ts';
import { detectSignals } from './signals.ts';

/** The signal kinds heard in `text` read as `language` (for the rule tests). */
export const kinds = (text: string, language: TextLanguage) => detectSignals(text, { language }).map((hit) => hit.kind);

/** One test per sentence: each of `yes` carries `signal`, none of `no` does. */
export const check = (
  language: TextLanguage,
  signal: EscalationSignal,
  yes: readonly string[],
  no: readonly string[],
): void => {
  for (const text of yes) {
    void it(`${signal} in: ${text}`, () =>
      assert.ok(kinds(text, language).includes(signal), kinds(text, language).join(',')));
  }
  for (const text of no) {
    void it(`no ${signal} in: ${text}`, () =>
      assert.ok(!kinds(text, language).includes(signal), kinds(text, language).join(',')));
  }
};
