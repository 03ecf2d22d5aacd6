import type { CaseSummaryDto } from '@redress/contract';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { inputId, NEW_CASE, type Field } from './log-call-form.ts';
import { useCaseVocabulary } from './vocabulary.ts';

/** A label, an optional hint, the control and its error, wired together for screen readers. */
export const FieldBox = ({
  field,
  label,
  hint,
  optional,
  error,
  children,
}: {
  field: Field;
  label: string;
  hint?: string;
  optional?: boolean;
  error: string | undefined;
  children: ReactNode;
}) => {
  const { t } = useTranslation();
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={inputId(field)}>
        {label}
        {optional && <span className="field-optional"> {t('logCall.optional')}</span>}
      </label>
      {hint && (
        <p id={`${inputId(field)}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p id={`${inputId(field)}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
};

/**
 * Which of the caller's open cases the call is about, or a new complaint (the default): radio
 * buttons in a group named by its legend, with the error read with the group.
 */
export const AboutChoices = ({
  openCases,
  value,
  onChange,
  error,
}: {
  openCases: readonly CaseSummaryDto[];
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) => {
  const { t } = useTranslation();
  const vocab = useCaseVocabulary();
  const errorId = `${inputId('about')}-error`;
  const choices = [
    { id: NEW_CASE, label: t('logCall.aboutNew') },
    ...openCases.map((item) => ({
      id: item.id,
      label: t('logCall.aboutCase', {
        ref: item.ref,
        subject: item.subject ?? t('queues.noSubject'),
        status: vocab.status(item.status),
      }),
    })),
  ];
  return (
    <fieldset
      className={`about-choices${error ? ' field-invalid' : ''}`}
      aria-describedby={error ? errorId : undefined}
    >
      <legend>{t('logCall.about')}</legend>
      {choices.map((choice) => (
        <label key={choice.id}>
          <input
            type="radio"
            name="about"
            value={choice.id}
            {...(choice.id === NEW_CASE ? { id: inputId('about') } : {})}
            checked={value === choice.id}
            onChange={() => onChange(choice.id)}
          />
          {choice.label}
        </label>
      ))}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
};
