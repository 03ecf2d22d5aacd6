import { useEffect, useId, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import {
  describeAdminError,
  fieldProblems,
  type AdminMessage,
  type FieldProblem,
  type ProblemKind,
} from './admin-errors.ts';

/** What a form control needs to be tied to its label, hint and error. */
export interface ControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/**
 * A labelled form field: the label, an optional hint, the control (rendered by `children` with the
 * ids it must carry) and the error in words under it.
 */
export const Field = ({
  label,
  hint,
  error,
  className,
  children,
}: {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}) => {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {children({
        id,
        ...(error ? { 'aria-invalid': true as const } : {}),
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      })}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
};

/** A checkbox with its label after it, and the same hint and error handling as {@link Field}. */
export const CheckField = ({
  label,
  hint,
  error,
  checked,
  disabled,
  onChange,
}: {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
}) => {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`field field-check${error ? ' field-invalid' : ''}`}>
      <span className="check-row">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          disabled={disabled}
          onChange={(event) => onChange(event.target.checked)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
        />
        <label htmlFor={id}>{label}</label>
      </span>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
};

/** A failure in words, announced at once. */
export const FormAlert = ({ error }: { error: AdminMessage | null }) => {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <div className="alert" role="alert">
      {t(error.key, error.values)}
    </div>
  );
};

/** The section's polite announcement of what just succeeded; always present so it is announced. */
export const Announcer = ({ message }: { message: string }) => (
  <p role="status" className="admin-status">
    {message}
  </p>
);

/** The section's success message and a setter; cleared when something new starts. */
export const useAnnouncer = (): [string, (message: string) => void] => useState('');

/**
 * A form's submission: pending state, the failure in words, and problems per field from
 * `validation_failed` details (fields map to the body paths they are sent as). After a failure the
 * first invalid control gets the focus, else the alert.
 */
export const useSubmit = <F extends string>(fields: Record<F, string>, formRef: RefObject<HTMLFormElement | null>) => {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AdminMessage | null>(null);
  const [problems, setProblems] = useState<Partial<Record<F, FieldProblem>>>({});
  const [failures, setFailures] = useState(0);
  const fieldsRef = useRef(fields);

  useEffect(() => {
    if (failures === 0) return;
    const form = formRef.current;
    const target = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    target?.focus();
  }, [failures, formRef]);

  /** Runs `action`; true when it succeeded. */
  const run = async (action: () => Promise<void>): Promise<boolean> => {
    if (pending) return false;
    setPending(true);
    setError(null);
    setProblems({});
    try {
      await action();
      return true;
    } catch (failure) {
      setError(describeAdminError(failure));
      setProblems(fieldProblems(failure, fieldsRef.current));
      setFailures((n) => n + 1);
      return false;
    } finally {
      setPending(false);
    }
  };

  const clear = () => {
    setError(null);
    setProblems({});
  };

  return { pending, error, problems, run, clear };
};

/** Words for a field problem: the form's own words for a kind when it has them, else generic ones. */
export const useProblemWords = () => {
  const { t } = useTranslation();
  return (problem: FieldProblem | undefined, own: Partial<Record<ProblemKind, string>> = {}): string | undefined =>
    problem === undefined ? undefined : (own[problem.kind] ?? t(`admin.field.${problem.kind}`));
};

/**
 * A destructive action behind a question: the first press asks, the second does it. Cancel (or
 * Escape) puts the focus back on the first button.
 */
export const ConfirmButton = ({
  label,
  question,
  confirmLabel,
  disabled,
  onConfirm,
}: {
  /** The first button's text; may end with visually hidden words saying what it acts on. */
  label: ReactNode;
  question: string;
  confirmLabel: string;
  disabled?: boolean;
  onConfirm: () => unknown;
}) => {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const askRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) askRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button ref={askRef} type="button" className="button-quiet" disabled={disabled} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span
      className="confirm"
      role="group"
      aria-label={question}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setAsking(false);
      }}
    >
      <span className="confirm-question">{question}</span>
      <button
        ref={confirmRef}
        type="button"
        className="button-danger"
        onClick={() => {
          setAsking(false);
          void onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="button-quiet" onClick={() => setAsking(false)}>
        {t('common.cancel')}
      </button>
    </span>
  );
};
