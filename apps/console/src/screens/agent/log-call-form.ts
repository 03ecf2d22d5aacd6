import type { ExpectedRemedy, LogCallBody } from '@redress/contract';
import { ApiError } from '../../api.ts';
import type { Locale } from '../../i18n/i18n.ts';

/** The form's fields, in the order they are shown (the first invalid one takes the focus). */
export const FIELDS = [
  'phone',
  'name',
  'language',
  'about',
  'words',
  'subject',
  'category',
  'remedy',
  'outcome',
] as const;
export type Field = (typeof FIELDS)[number];

/** "A new complaint", or the id of one of the caller's open cases. */
export const NEW_CASE = 'new';

export interface Values {
  phone: string;
  name: string;
  language: Locale;
  about: string;
  words: string;
  subject: string;
  categoryId: string;
  remedy: ExpectedRemedy | '';
  outcome: string;
}

export type FieldErrorKey =
  | 'logCall.errors.phoneRequired'
  | 'logCall.errors.phoneInvalid'
  | 'logCall.errors.nameRequired'
  | 'logCall.errors.languageInvalid'
  | 'logCall.errors.caseInvalid'
  | 'logCall.errors.wordsRequired'
  | 'logCall.errors.wordsInvalid'
  | 'logCall.errors.subjectInvalid'
  | 'logCall.errors.categoryInvalid'
  | 'logCall.errors.outcomeRequired'
  | 'logCall.errors.outcomeInvalid';
export type FieldErrors = Partial<Record<Field, FieldErrorKey>>;

/** The input each field's label points at. */
export const inputId = (field: Field) => `log-call-${field}`;

/**
 * What must be filled before asking the server: a number, how the call ended, and for a new
 * complaint what the caller said (and their name when nobody has their number yet).
 */
export const checkValues = (values: Values, callerUnknown: boolean): FieldErrors => {
  const errors: FieldErrors = {};
  if (values.phone.trim() === '') errors.phone = 'logCall.errors.phoneRequired';
  if (values.about === NEW_CASE) {
    if (callerUnknown && values.name.trim() === '') errors.name = 'logCall.errors.nameRequired';
    if (values.words.trim() === '') errors.words = 'logCall.errors.wordsRequired';
  }
  if (values.outcome.trim() === '') errors.outcome = 'logCall.errors.outcomeRequired';
  return errors;
};

/**
 * The request for `POST /calls`. A new complaint asks for a new case explicitly (`newCase`), so
 * the caller's words never land as a mere note on an older case; a call about an open case keeps
 * the words as the call's summary. The duration runs from `startedAt` to `now`.
 */
export const bodyOf = (values: Values, options: { sendName: boolean; startedAt: Date; now: Date }): LogCallBody => {
  const trimmed = (value: string) => value.trim() || undefined;
  const words = trimmed(values.words);
  const seconds = Math.round((options.now.getTime() - options.startedAt.getTime()) / 1000);
  const base: LogCallBody = {
    phone: values.phone.trim(),
    language: values.language,
    direction: 'inbound',
    startedAt: options.startedAt.toISOString(),
    durationSeconds: Math.min(86_400, Math.max(0, seconds)),
    outcome: values.outcome.trim(),
  };
  const name = options.sendName ? trimmed(values.name) : undefined;
  if (name) base.name = name;
  if (values.about !== NEW_CASE) return { ...base, caseId: values.about, ...(words ? { summary: words } : {}) };
  const subject = trimmed(values.subject);
  return {
    ...base,
    newCase: true,
    ...(words ? { description: words } : {}),
    ...(subject ? { subject } : {}),
    ...(values.categoryId ? { categoryId: values.categoryId } : {}),
  };
};

/** Server field (last segment of `/body/…`) → the form field and the words for it. */
const SERVER_FIELDS: Record<string, [Field, FieldErrorKey]> = {
  phone: ['phone', 'logCall.errors.phoneInvalid'],
  name: ['name', 'logCall.errors.nameRequired'],
  language: ['language', 'logCall.errors.languageInvalid'],
  caseId: ['about', 'logCall.errors.caseInvalid'],
  description: ['words', 'logCall.errors.wordsRequired'],
  summary: ['words', 'logCall.errors.wordsInvalid'],
  subject: ['subject', 'logCall.errors.subjectInvalid'],
  categoryId: ['category', 'logCall.errors.categoryInvalid'],
  outcome: ['outcome', 'logCall.errors.outcomeInvalid'],
};

/** The fields a failure names, in the form's words; empty when it names none of them. */
export const serverFieldErrors = (error: unknown): FieldErrors => {
  const errors: FieldErrors = {};
  if (!(error instanceof ApiError)) return errors;
  for (const [serverField, [field, key]] of Object.entries(SERVER_FIELDS)) {
    if (error.detailsFor(serverField).length > 0) errors[field] ??= key;
  }
  return errors;
};

/** Whether a failed request may still have been carried out (no answer, or the server failed). */
export const outcomeUncertain = (error: unknown): boolean =>
  !(error instanceof ApiError) || error.status === 0 || error.status >= 500;
