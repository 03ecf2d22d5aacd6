import { ApiError } from '../../api.ts';
import { describeError, type ErrorMessage } from '../../errors.ts';

/** Error codes the case page has its own words for (the shared ones come from `describeError`). */
const CASE_CODES = ['not_found', 'conflict', 'invalid_transition', 'rule_violated', 'forbidden'] as const;
type CaseCode = (typeof CASE_CODES)[number];

/** A failure to show on the case page: a catalogue key and its values, translated at render time. */
export type CaseErrorMessage = ErrorMessage | { key: `case.errors.${CaseCode}`; values?: Record<string, string> };

const isCaseCode = (code: string): code is CaseCode => (CASE_CODES as readonly string[]).includes(code);

/** Words for a failed action, from the error's stable code; never the server's English message. */
export const describeCaseError = (error: unknown): CaseErrorMessage => {
  if (error instanceof ApiError && isCaseCode(error.code)) return { key: `case.errors.${error.code}` };
  return describeError(error);
};

/** The over-promise flags a `rule_violated` refusal names (`/flags/<code>`), for acknowledging them. */
export const refusedFlags = (error: unknown): string[] =>
  error instanceof ApiError && error.code === 'rule_violated'
    ? error.details.flatMap((detail) => {
        const match = /^\/flags\/([a-z_]+)$/.exec(detail.field ?? '');
        return match?.[1] ? [match[1]] : [];
      })
    : [];
