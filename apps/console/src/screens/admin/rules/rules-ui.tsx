import type { ParseKeys } from 'i18next';
import { useCallback, useEffect, useRef, useState, type InputHTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api.ts';
import { describeError } from '../../../errors.ts';
import { LANGUAGE_NAMES, SUPPORTED_LOCALES, type Locale } from '../../../i18n/i18n.ts';

/** Names per language as the API sends them; English is always there. */
export type NamesRecord = Record<string, string>;

/** The name in the reader's language, else English. */
export const localName = (names: NamesRecord, locale: Locale): string => names[locale]?.trim() || names.en || '';

/** A message to show: a catalogue key and its ICU values, translated when shown. */
export interface Problem {
  key: ParseKeys;
  values?: Record<string, number | string>;
}

/** Codes the rules screens have their own words for; the rest go through the console's `describeError`. */
const RULES_CODES: Record<string, ParseKeys> = {
  conflict: 'rules.errors.conflict',
  rule_violated: 'rules.errors.rule_violated',
  not_found: 'rules.errors.not_found',
};

/** What went wrong with a submission: the fields the server named (`/body/` dropped) and words for the whole. */
export interface Failure {
  fields: readonly string[];
  problem: Problem;
}

/** `/body/names/en` → `names/en`; `/querystring/start` → `start`. */
const fieldPath = (field: string): string => field.replace(/^\/(body|querystring|params)\/?/, '').replace(/\./g, '/');

export const failureOf = (error: unknown): Failure => {
  const fields =
    error instanceof ApiError ? error.details.flatMap((detail) => (detail.field ? [fieldPath(detail.field)] : [])) : [];
  const mapped = error instanceof ApiError ? RULES_CODES[error.code] : undefined;
  return { fields, problem: mapped ? { key: mapped } : describeError(error) };
};

/**
 * One form's submission state. `submit` runs an API call, keeps the failure (to mark fields and say
 * what is wrong) and moves the focus to the first field marked invalid, or to the problem.
 */
export const useSubmit = () => {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const submit = useCallback(async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setFailure(null);
    try {
      return await action();
    } catch (error) {
      setFailure(failureOf(error));
      // After React has marked the fields: the first invalid one, else the alert.
      setTimeout(() => {
        const form = formRef.current;
        const target =
          form?.querySelector<HTMLElement>('[aria-invalid="true"], .field-invalid input') ??
          form?.querySelector<HTMLElement>('.rules-problem');
        target?.focus();
      });
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);

  /** Whether the server named `path` (or something inside it, e.g. `levels/0` for `levels/0/roles/1`). */
  const invalid = useCallback(
    (path: string) => failure?.fields.some((field) => field === path || field.startsWith(`${path}/`)) ?? false,
    [failure],
  );

  return { busy, failure, setFailure, submit, invalid, formRef };
};

/** Says what failed for the whole form; focusable so `useSubmit` can move to it. */
export const FormProblem = ({ failure }: { failure: Failure | null }) => {
  const { t } = useTranslation();
  if (!failure) return null;
  return (
    <p className="alert rules-problem" role="alert" tabIndex={-1}>
      {t(failure.problem.key, failure.problem.values)}
    </p>
  );
};

/** A field's error line; the word "Error" is shown and read, not only the colour. */
export const FieldError = ({ id, message }: { id: string; message: string | undefined }) => {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <p id={id} className="field-error">
      <span className="rules-error-mark">{t('rules.common.errorPrefix')}</span> {message}
    </p>
  );
};

/** A labelled input with its hint and error wired up by id. */
export const TextField = ({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  ...input
}: {
  id: string;
  label: ReactNode;
  hint?: string | undefined;
  error: string | undefined;
  value: string;
  onChange: (value: string) => void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'>) => {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="rules-hint">
          {hint}
        </p>
      )}
      <FieldError id={errorId} message={error} />
      <input
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...input}
      />
    </div>
  );
};

/** Empty names in every language, English first. */
export const blankNames = (): NamesRecord => Object.fromEntries(SUPPORTED_LOCALES.map((locale) => [locale, '']));

/** Names for the API: trimmed, blanks left out (they read in English). */
export const namesForApi = (names: NamesRecord): NamesRecord & { en: string } => {
  const out: NamesRecord = {};
  for (const locale of SUPPORTED_LOCALES) {
    const name = names[locale]?.trim();
    if (name) out[locale] = name;
  }
  return { ...out, en: out.en ?? '' };
};

/**
 * A name in each of the four languages, each input in its own language (`lang`) so it is spelt
 * and read right. English is required (`requireAll` makes every language required).
 */
export const NamesFields = ({
  idPrefix,
  names,
  onChange,
  invalid,
  requireAll = false,
}: {
  idPrefix: string;
  names: NamesRecord;
  onChange: (names: NamesRecord) => void;
  invalid: (path: string) => boolean;
  requireAll?: boolean;
}) => {
  const { t } = useTranslation();
  return (
    <fieldset className="rules-names">
      <legend>{t('rules.names.legend')}</legend>
      {!requireAll && <p className="rules-hint">{t('rules.names.hint')}</p>}
      {SUPPORTED_LOCALES.map((locale) => (
        <TextField
          key={locale}
          id={`${idPrefix}-name-${locale}`}
          label={t('rules.names.label', { language: LANGUAGE_NAMES[locale] })}
          lang={locale}
          value={names[locale] ?? ''}
          onChange={(value) => onChange({ ...names, [locale]: value })}
          required={requireAll || locale === 'en'}
          maxLength={200}
          error={
            invalid(`names/${locale}`) ? t('rules.names.invalid', { language: LANGUAGE_NAMES[locale] }) : undefined
          }
        />
      ))}
    </fieldset>
  );
};

/** What was just done, for screen readers and sighted readers alike; always in the page so changes are read. */
export const Announcer = ({ message }: { message: string }) => (
  <p className="rules-announce" role="status">
    {message}
  </p>
);

/** Buttons to ask before something that cannot be undone; the question takes the focus. */
export const ConfirmInline = ({
  question,
  confirmLabel,
  onConfirm,
  onCancel,
  busy,
}: {
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy: boolean;
}) => {
  const { t } = useTranslation();
  const questionRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => questionRef.current?.focus(), []);
  return (
    <div className="rules-confirm" role="group" aria-label={question}>
      <p ref={questionRef} tabIndex={-1}>
        {question}
      </p>
      <button type="button" className="button-danger" onClick={onConfirm} disabled={busy}>
        {confirmLabel}
      </button>
      <button type="button" className="button-quiet" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
};

/** A group of checkboxes choosing some of `options`; the legend names the group. */
export const CheckList = ({
  idPrefix,
  legend,
  hint,
  options,
  selected,
  onChange,
  error,
}: {
  idPrefix: string;
  legend: string;
  hint?: string;
  options: readonly { value: string; label: string }[];
  selected: readonly string[];
  onChange: (selected: string[]) => void;
  error?: string | undefined;
}) => {
  const errorId = `${idPrefix}-error`;
  const hintId = `${idPrefix}-hint`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
  return (
    <fieldset className={`rules-checks${error ? ' field-invalid' : ''}`} aria-describedby={describedBy || undefined}>
      <legend>{legend}</legend>
      {hint && (
        <p id={hintId} className="rules-hint rules-checks-hint">
          {hint}
        </p>
      )}
      <FieldError id={errorId} message={error} />
      {options.map((option) => (
        <label key={option.value} htmlFor={`${idPrefix}-${option.value}`}>
          <input
            id={`${idPrefix}-${option.value}`}
            type="checkbox"
            checked={selected.includes(option.value)}
            onChange={(event) =>
              onChange(
                event.target.checked ? [...selected, option.value] : selected.filter((value) => value !== option.value),
              )
            }
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
};

/** A plain translate function for helpers outside components (the typed `t` is too deep to pass around). */
export type Translate = (key: ParseKeys, values?: Record<string, number | string>) => string;

export const useTranslate = (): Translate => {
  const { t } = useTranslation();
  return useCallback((key, values) => String(t(key, values)), [t]);
};
