import { ApiError, type ApiErrorDetail } from '../../../api.ts';
import { describeError, type ErrorMessage } from '../../../errors.ts';

/** Error codes the administration screens answer in their own words (the rest: `errors.*`). */
const ADMIN_CODES = ['conflict', 'not_found', 'forbidden', 'rule_violated', 'idempotency_key_reused'] as const;
type AdminCode = (typeof ADMIN_CODES)[number];

/** A failure to show: a catalogue key (translated at render time) and its values. */
export interface AdminMessage {
  key: ErrorMessage['key'] | `admin.errors.${AdminCode}` | ScreenErrorKey;
  values?: Record<string, number | string>;
}

/** A screen's own words for an error code, where the general ones would say less. */
type ScreenErrorKey = 'admin.inbound.notReprocessable';

const isAdminCode = (code: string): code is AdminCode => (ADMIN_CODES as readonly string[]).includes(code);

/**
 * Words for a failed administration call, chosen from its code, never from the server's message.
 * `own` gives a screen's words for particular codes.
 */
export const describeAdminError = (
  error: unknown,
  own: Partial<Record<AdminCode, ScreenErrorKey>> = {},
): AdminMessage => {
  if (error instanceof ApiError && isAdminCode(error.code))
    return { key: own[error.code] ?? `admin.errors.${error.code}` };
  return describeError(error);
};

/**
 * What is wrong with one field, sorted from the server's detail into a few kinds each form can put
 * into words: `required` (empty), `taken` (used elsewhere), `tooLong`, `missing` (refers to
 * something that no longer exists) and `invalid` (anything else). `detail` keeps the original for
 * forms that read more from it (e-mail template placeholders).
 */
export type ProblemKind = 'required' | 'taken' | 'tooLong' | 'missing' | 'invalid';
export interface FieldProblem {
  kind: ProblemKind;
  detail: ApiErrorDetail;
}

/** Sorts a detail's message (schema or domain wording) into a kind. */
export const problemKind = (message: string): ProblemKind => {
  if (/already|is used by/i.test(message)) return 'taken';
  if (/more than \d+ (characters|items)/i.test(message)) return 'tooLong';
  if (/does not exist|is not a site|no longer exists/i.test(message)) return 'missing';
  if (/required|fewer than 1 (character|item)|must not be empty|^is empty$|^blank$/i.test(message)) return 'required';
  return 'invalid';
};

/**
 * How many open cases a refused change to a user would leave with nobody to work them: the server
 * refuses to disable someone, or give them a role that cannot work cases, with the detail
 * `owns N open cases` on the field. Undefined for any other problem.
 */
export const openCasesOwned = (problem: FieldProblem | undefined): number | undefined => {
  const found = /^owns (\d+) open cases?$/.exec(problem?.detail.message ?? '');
  return found ? Number(found[1]) : undefined;
};

/** `/body/imap/host` → `imap/host`; details about the query or path keep their prefix. */
const bodyPath = (field: string | undefined): string | undefined => field?.replace(/^\/body\//, '');

/**
 * The problems a `validation_failed` (or a conflict naming a field) reports, per form field.
 * `fields` maps each form field to the body path it is sent as (`'imap/host'`); a detail about a
 * path inside it (`eventTypes/3`) counts for it. The first problem of a field wins.
 */
export const fieldProblems = <F extends string>(
  error: unknown,
  fields: Record<F, string>,
): Partial<Record<F, FieldProblem>> => {
  const found: Partial<Record<F, FieldProblem>> = {};
  if (!(error instanceof ApiError)) return found;
  for (const detail of error.details) {
    const path = bodyPath(detail.field);
    if (path === undefined) continue;
    for (const [name, target] of Object.entries(fields) as [F, string][]) {
      if (found[name] === undefined && (path === target || path.startsWith(`${target}/`))) {
        found[name] = { kind: problemKind(detail.message), detail };
      }
    }
  }
  return found;
};
