import type { ParseKeys } from 'i18next';
import { ApiError } from '../../api.ts';
import { describeError } from '../../errors.ts';

/** A message to show: a catalogue key and its ICU values, translated at render time. */
export interface ComposerMessage {
  key: ParseKeys;
  values?: Record<string, number | string>;
}

/** Codes the composer has its own words for; any other goes through the console's `describeError`. */
const COMPOSER_CODES = ['rule_violated', 'not_found', 'invalid_transition', 'conflict'] as const;
type ComposerCode = (typeof COMPOSER_CODES)[number];

const isComposerCode = (code: string): code is ComposerCode => (COMPOSER_CODES as readonly string[]).includes(code);

/** Words for a failed save or check, chosen by the error's code, never its English message. */
export const describeComposerError = (error: unknown): ComposerMessage => {
  if (error instanceof ApiError && isComposerCode(error.code)) return { key: `composer.errors.${error.code}` };
  return describeError(error);
};
