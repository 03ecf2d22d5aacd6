import { CommitmentFlagCodes, type CommitmentDto, type CommitmentFlagCode } from '@redress/contract';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { caseApi } from './case-api.ts';
import { refusedFlags } from './case-errors.ts';
import { ErrorText, isoToLocalInput, localInputToIso, useAction } from './case-ui.tsx';

type Mode = 'idle' | 'break' | 'renegotiate';

const isFlag = (code: string): code is CommitmentFlagCode => (CommitmentFlagCodes as readonly string[]).includes(code);

/** "We could not": the reason is required, and said honestly. */
const BreakForm = ({
  commitment,
  onDone,
  onCancel,
}: {
  commitment: CommitmentDto;
  onDone: () => void;
  onCancel: () => void;
}) => {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const action = useAction(onDone);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMissing(!reason.trim());
    if (!reason.trim()) return;
    void action.run(() => caseApi.breakPromise(commitment.id, { reason: reason.trim() }));
  };
  return (
    <form className="case-form" onSubmit={submit} noValidate aria-label={t('case.commitments.breakTitle')}>
      <label htmlFor={`${id}-reason`}>{t('case.commitments.breakReason')}</label>
      <textarea
        id={`${id}-reason`}
        rows={2}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        aria-invalid={missing || undefined}
        aria-describedby={missing ? `${id}-reason-error` : undefined}
      />
      {missing && (
        <p id={`${id}-reason-error`} className="field-error">
          {t('case.commitments.reasonRequired')}
        </p>
      )}
      <ErrorText error={action.error} />
      <div className="case-form-actions">
        <button type="submit" className="button-quiet button-main" disabled={action.busy}>
          {t('case.commitments.confirmBreak')}
        </button>
        <button type="button" className="button-quiet" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
};

/**
 * A new time agreed with the customer, and why. The new promise passes the same guard as a new
 * one: when it raises flags, they are shown in words and must each be acknowledged to go ahead.
 */
const RenegotiateForm = ({
  commitment,
  onDone,
  onCancel,
}: {
  commitment: CommitmentDto;
  onDone: () => void;
  onCancel: () => void;
}) => {
  const { t } = useTranslation();
  const id = useId();
  const [dueAt, setDueAt] = useState(() =>
    isoToLocalInput(new Date(new Date(commitment.dueAt).getTime() + 86_400_000)),
  );
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ dueAt?: string; reason?: string }>({});
  const [acknowledged, setAcknowledged] = useState<CommitmentFlagCode[]>([]);
  const action = useAction(onDone);
  const flags = refusedFlags(action.failure).filter(isFlag);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const due = localInputToIso(dueAt);
    const next: typeof errors = {};
    if (!due) next.dueAt = t('case.commitments.dueRequired');
    else if (new Date(due).getTime() <= Date.now()) next.dueAt = t('case.commitments.dueInPast');
    if (!reason.trim()) next.reason = t('case.commitments.reasonRequired');
    setErrors(next);
    if (!due || Object.keys(next).length > 0) return;
    void action.run(() =>
      caseApi.renegotiate(commitment.id, {
        dueAt: due,
        reason: reason.trim(),
        ...(acknowledged.length > 0 ? { acknowledgeFlags: acknowledged } : {}),
      }),
    );
  };

  const toggle = (flag: CommitmentFlagCode, on: boolean) =>
    setAcknowledged((current) => (on ? [...new Set([...current, flag])] : current.filter((f) => f !== flag)));

  return (
    <form className="case-form" onSubmit={submit} noValidate aria-label={t('case.commitments.renegotiateTitle')}>
      <label htmlFor={`${id}-due`}>{t('case.commitments.newDue')}</label>
      <input
        id={`${id}-due`}
        type="datetime-local"
        value={dueAt}
        onChange={(e) => setDueAt(e.target.value)}
        aria-invalid={errors.dueAt ? true : undefined}
        aria-describedby={errors.dueAt ? `${id}-due-error` : undefined}
      />
      {errors.dueAt && (
        <p id={`${id}-due-error`} className="field-error">
          {errors.dueAt}
        </p>
      )}
      <label htmlFor={`${id}-reason`}>{t('case.commitments.renegotiateReason')}</label>
      <textarea
        id={`${id}-reason`}
        rows={2}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        aria-invalid={errors.reason ? true : undefined}
        aria-describedby={errors.reason ? `${id}-reason-error` : undefined}
      />
      {errors.reason && (
        <p id={`${id}-reason-error`} className="field-error">
          {errors.reason}
        </p>
      )}
      {flags.length > 0 ? (
        <fieldset className="case-flags">
          <legend>{t('case.commitments.flagsRaised')}</legend>
          {flags.map((flag) => (
            <label key={flag} className="case-check">
              <input
                type="checkbox"
                checked={acknowledged.includes(flag)}
                onChange={(e) => toggle(flag, e.target.checked)}
              />
              {t(`case.commitments.flag.${flag}`)}
            </label>
          ))}
        </fieldset>
      ) : (
        <ErrorText error={action.error} />
      )}
      <div className="case-form-actions">
        <button type="submit" className="button-quiet button-main" disabled={action.busy}>
          {t('case.commitments.confirmRenegotiate')}
        </button>
        <button type="button" className="button-quiet" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
};

/** Keep, break (with a reason) or renegotiate (new time and reason) one open promise. */
export const CommitmentActions = ({ commitment, onChanged }: { commitment: CommitmentDto; onChanged: () => void }) => {
  const { t } = useTranslation();
  const [mode, setMode] = useState<Mode>('idle');
  const done = () => {
    setMode('idle');
    onChanged();
  };
  const keep = useAction(onChanged);
  if (mode === 'break') return <BreakForm commitment={commitment} onDone={done} onCancel={() => setMode('idle')} />;
  if (mode === 'renegotiate') {
    return <RenegotiateForm commitment={commitment} onDone={done} onCancel={() => setMode('idle')} />;
  }
  return (
    <>
      <div
        className="case-row-actions"
        role="group"
        aria-label={t('case.commitments.actionsFor', { text: commitment.text })}
      >
        <button
          type="button"
          className="button-quiet"
          disabled={keep.busy}
          onClick={() => void keep.run(() => caseApi.keep(commitment.id))}
        >
          {t('case.commitments.keep')}
        </button>
        <button type="button" className="button-quiet" onClick={() => setMode('renegotiate')}>
          {t('case.commitments.renegotiate')}
        </button>
        <button type="button" className="button-quiet" onClick={() => setMode('break')}>
          {t('case.commitments.break')}
        </button>
      </div>
      <ErrorText error={keep.error} />
    </>
  );
};
