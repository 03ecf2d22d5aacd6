import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api.ts';
import { isLocale, type Locale } from '../../i18n/i18n.ts';
import { useLocale } from '../../preferences-context.tsx';
import { storedLocale } from '../../preferences.ts';

/**
 * True for an Enter that an input method is still using to confirm a word (Chinese, Japanese,
 * Thai…): `isComposing` in current browsers, key code 229 in Safari, which ends the composition
 * just before the Enter's keydown arrives.
 */
export const isImeEnter = (event: KeyboardEvent): boolean =>
  event.key === 'Enter' && (event.nativeEvent.isComposing || event.keyCode === 229);

/**
 * Put on a `<form>`: an Enter that confirms an IME composition in a single-line input never
 * submits the form (keydown bubbles, and cancelling it cancels the implicit submission).
 */
export const guardImeEnter = (event: KeyboardEvent<HTMLFormElement>): void => {
  if (isImeEnter(event)) event.preventDefault();
};

/**
 * Speaks the language the customer wrote in (the case's or the survey's) when they have not picked
 * one on this browser: a link opened on a shared or new device still reads in their language.
 */
export const useCustomerLanguage = (language: string | null | undefined): void => {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (storedLocale() === undefined && isLocale(language) && i18n.language !== language) {
      void i18n.changeLanguage(language);
    }
  }, [language, i18n]);
};

/** A size in bytes for people: "10 MB", "350 kB", in the reader's language. */
export const formatBytes = (bytes: number, locale: Locale): string => {
  const units = [
    ['gigabyte', 1024 ** 3],
    ['megabyte', 1024 ** 2],
    ['kilobyte', 1024],
  ] as const;
  for (const [unit, size] of units) {
    if (bytes >= size) {
      return new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(bytes / size);
    }
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'byte' }).format(bytes);
};

export interface SummaryItem {
  /** The id of the input to move to. */
  target: string;
  message: string;
}

/**
 * The list of what needs attention, above a form. Takes the focus when it appears (and on each new
 * failed attempt, `attempt`), so screen-reader and keyboard users land on it; each entry moves to
 * its field.
 */
export const ErrorSummary = ({
  title,
  items,
  attempt,
  children,
}: {
  title: string;
  items: readonly SummaryItem[];
  attempt: number;
  children?: ReactNode;
}) => {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [attempt]);
  return (
    <div ref={ref} className="alert portal-summary" role="alert" tabIndex={-1} aria-labelledby="portal-summary-title">
      <h2 id="portal-summary-title" className="portal-summary-title">
        {title}
      </h2>
      {children}
      {items.length > 0 && (
        <ul>
          {items.map((item) => (
            <li key={item.target}>
              <a
                href={`#${item.target}`}
                onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(item.target)?.focus();
                }}
              >
                {item.message}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
};

/** The error line under a field; the word "Error" is read and shown, not only the red colour. */
export const FieldError = ({ id, message }: { id: string; message: string | undefined }) => {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <p id={id} className="field-error">
      <span className="portal-error-mark">{t('portal.common.errorPrefix')}</span> {message}
    </p>
  );
};

/**
 * Choosing files to send: several at a time, added to a list that can be trimmed before sending.
 * The browser's own input is kept (it is the accessible one) and emptied after each choice.
 */
export const FileChooser = ({
  id,
  files,
  onChange,
  maxBytes,
  maxFiles,
  error,
}: {
  id: string;
  files: readonly File[];
  onChange: (files: File[]) => void;
  maxBytes: number;
  maxFiles: number;
  error: string | undefined;
}) => {
  const { t } = useTranslation();
  const locale = useLocale();
  const [announcement, setAnnouncement] = useState('');
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {t('portal.files.label')} <span className="portal-optional">{t('portal.common.optional')}</span>
      </label>
      <p id={hintId} className="portal-hint">
        {t('portal.files.hint', { count: maxFiles, size: formatBytes(maxBytes, locale) })}
      </p>
      <FieldError id={errorId} message={error} />
      <input
        id={id}
        type="file"
        multiple
        aria-describedby={error ? `${hintId} ${errorId}` : hintId}
        aria-invalid={error ? true : undefined}
        onChange={(event) => {
          const chosen = [...(event.target.files ?? [])];
          event.target.value = '';
          if (chosen.length === 0) return;
          onChange([...files, ...chosen]);
          setAnnouncement(t('portal.files.added', { count: chosen.length }));
        }}
      />
      {files.length > 0 && (
        <ul className="portal-files" aria-label={t('portal.files.chosen')}>
          {files.map((file, index) => (
            <li key={`${file.name}-${index}`}>
              <span className="portal-file-name">{file.name}</span>{' '}
              <span className="muted">{formatBytes(file.size, locale)}</span>
              <button
                type="button"
                className="button-quiet portal-file-remove"
                onClick={() => {
                  onChange(files.filter((_, i) => i !== index));
                  setAnnouncement(t('portal.files.removed', { name: file.name }));
                }}
              >
                {t('portal.files.remove')}
                <span className="visually-hidden"> {file.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </div>
  );
};

/** Checks chosen files against the limits; returns the catalogue key of the problem, if any. */
export const fileProblem = (
  files: readonly File[],
  maxBytes: number,
  maxFiles: number,
): 'portal.files.tooMany' | 'portal.files.tooLarge' | undefined => {
  if (files.length > maxFiles) return 'portal.files.tooMany';
  if (files.some((file) => file.size > maxBytes)) return 'portal.files.tooLarge';
  return undefined;
};

/** The catalogue key for a refusal of the chosen files by the server (too large, a type it does not take), if it is one. */
export const fileRefusal = (error: unknown): 'portal.files.tooLarge' | 'portal.files.typeNotAllowed' | undefined => {
  if (!(error instanceof ApiError)) return undefined;
  if (error.code === 'payload_too_large') return 'portal.files.tooLarge';
  if (error.code === 'file_type_not_allowed' || error.code === 'unsupported_media_type') {
    return 'portal.files.typeNotAllowed';
  }
  return undefined;
};

/** Roughly an e-mail address: something@somewhere.tld; the server checks properly. */
export const looksLikeEmail = (text: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);

/**
 * The error summary above a portal form, when there is something to say: the fields' problems
 * (`items`) and one about the whole form (`problem`).
 */
export const FormProblems = ({
  items,
  problem,
  attempt,
}: {
  items: readonly SummaryItem[];
  problem: { key: ParseKeys; values?: Record<string, number | string> } | null;
  attempt: number;
}) => {
  const { t } = useTranslation();
  if (items.length === 0 && !problem) return null;
  return (
    <ErrorSummary title={t('portal.common.summaryTitle')} items={items} attempt={attempt}>
      {problem && <p>{t(problem.key, problem.values)}</p>}
    </ErrorSummary>
  );
};
