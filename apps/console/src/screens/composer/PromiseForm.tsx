import type { CaseDto, CheckCommitmentBody, CommitmentDto, CommitmentFlagDto, TaskDto } from '@redress/contract';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatDate } from '../../preferences-context.tsx';
import { checkCommitment, recordCommitment, refusedFlags } from './composer-api.ts';
import { describeComposerError, type ComposerMessage } from './composer-errors.ts';
import { fromLocalInput, toLocalInput } from './composer-text.ts';
import { PromiseWarning, taskTitle } from './PromiseWarning.tsx';

/** A promise to start from: the words and time the coach found in the draft, or nothing. */
export interface PromiseDraft {
  text: string;
  dueAt: string | null;
}

interface PromiseFormProps {
  caseDto: CaseDto;
  tasks: readonly TaskDto[];
  initial: PromiseDraft;
  onRecorded: (commitment: CommitmentDto) => void;
  onCancel: () => void;
}

type Field = 'text' | 'due';

/** Adds the flags a refused promise still carries to those shown, keeping what is known of each. */
const withRefused = (shown: readonly CommitmentFlagDto[], codes: readonly CommitmentFlagDto['code'][]) => [
  ...shown,
  ...codes.filter((code) => !shown.some((flag) => flag.code === code)).map((code) => ({ code, message: '' })),
];

/**
 * Turns a promise into a commitment: what, by when (in the reader's language and calendar), and
 * the internal tasks it depends on. The over-promise guard reads it first; a flagged promise is
 * recorded only when the agent chooses to, naming every flag shown.
 */
export const PromiseForm = ({ caseDto, tasks, initial, onRecorded, onCancel }: PromiseFormProps) => {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const ids = { title: useId(), text: useId(), due: useId(), dueEcho: useId(), textError: useId(), dueError: useId() };
  const [text, setText] = useState(initial.text);
  const [dueLocal, setDueLocal] = useState(initial.dueAt === null ? '' : toLocalInput(initial.dueAt));
  const [dependsOn, setDependsOn] = useState<string[]>([]);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, ComposerMessage>>>({});
  const [flags, setFlags] = useState<CommitmentFlagDto[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ComposerMessage | null>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => textRef.current?.focus(), []);

  const openTasks = tasks.filter((task) => task.status === 'open');
  const dueAt = fromLocalInput(dueLocal);

  /** Any change makes the shown flags stale: they were raised for the promise as it was. */
  const edited = () => {
    setFlags(null);
    setError(null);
  };

  const body = (): CheckCommitmentBody | undefined => {
    const errors: Partial<Record<Field, ComposerMessage>> = {};
    if (text.trim() === '') errors.text = { key: 'composer.promise.textRequired' };
    if (dueAt === undefined) errors.due = { key: 'composer.promise.dueRequired' };
    setFieldErrors(errors);
    if (errors.text !== undefined) textRef.current?.focus();
    else if (errors.due !== undefined) document.getElementById(ids.due)?.focus();
    if (dueAt === undefined || errors.text !== undefined) return undefined;
    return { text: text.trim(), dueAt, ...(dependsOn.length > 0 ? { dependsOn } : {}) };
  };

  const record = async (promise: CheckCommitmentBody, acknowledged: readonly CommitmentFlagDto[]) => {
    try {
      const acknowledgeFlags = [...new Set(acknowledged.map((flag) => flag.code))];
      const made = await recordCommitment(caseDto.id, {
        ...promise,
        ...(acknowledgeFlags.length > 0 ? { acknowledgeFlags } : {}),
      });
      onRecorded(made);
    } catch (failure) {
      const refused = refusedFlags(failure);
      if (refused.length > 0) setFlags(withRefused(acknowledged, refused));
      else setError(describeComposerError(failure));
    }
  };

  const check = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const promise = body();
    if (promise === undefined) return;
    setBusy(true);
    setError(null);
    try {
      const { flags: raised } = await checkCommitment(caseDto.id, promise);
      if (raised.length > 0) setFlags(raised);
      else await record(promise, []);
    } catch (failure) {
      setError(describeComposerError(failure));
    } finally {
      setBusy(false);
    }
  };

  const recordAnyway = async () => {
    const promise = body();
    if (promise === undefined || flags === null || busy) return;
    setBusy(true);
    setError(null);
    try {
      await record(promise, flags);
    } finally {
      setBusy(false);
    }
  };

  const toggleTask = (taskId: string, checked: boolean) => {
    edited();
    setDependsOn((previous) => (checked ? [...previous, taskId] : previous.filter((id) => id !== taskId)));
  };

  return (
    <section className="promise-form" aria-labelledby={ids.title}>
      <h3 id={ids.title}>{t('composer.promise.title')}</h3>
      <p className="muted">{t('composer.promise.intro')}</p>
      <form noValidate onSubmit={(event) => void check(event)}>
        <div className="field">
          <label htmlFor={ids.text}>{t('composer.promise.text')}</label>
          <textarea
            id={ids.text}
            ref={textRef}
            rows={2}
            value={text}
            maxLength={2000}
            aria-invalid={fieldErrors.text !== undefined}
            aria-describedby={fieldErrors.text === undefined ? undefined : ids.textError}
            onChange={(event) => {
              edited();
              setText(event.target.value);
            }}
          />
          {fieldErrors.text !== undefined && (
            <p id={ids.textError} className="field-error">
              {t(fieldErrors.text.key)}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={ids.due}>{t('composer.promise.due')}</label>
          <input
            id={ids.due}
            type="datetime-local"
            value={dueLocal}
            aria-invalid={fieldErrors.due !== undefined}
            aria-describedby={[ids.dueEcho, fieldErrors.due === undefined ? '' : ids.dueError].join(' ').trim()}
            onChange={(event) => {
              edited();
              setDueLocal(event.target.value);
            }}
          />
          <p id={ids.dueEcho} className="muted promise-echo">
            {dueAt === undefined
              ? t('composer.promise.dueHint')
              : t('composer.promise.dueEcho', { when: formatDate(dueAt, { style: 'dateTime' }) })}
          </p>
          {fieldErrors.due !== undefined && (
            <p id={ids.dueError} className="field-error">
              {t(fieldErrors.due.key)}
            </p>
          )}
        </div>
        <fieldset className="promise-tasks">
          <legend>{t('composer.promise.dependsLegend')}</legend>
          {openTasks.length === 0 && <p className="muted">{t('composer.promise.noTasks')}</p>}
          {openTasks.map((task) => (
            <label key={task.id} className="promise-task">
              <input
                type="checkbox"
                checked={dependsOn.includes(task.id)}
                onChange={(event) => toggleTask(task.id, event.target.checked)}
              />
              <span>
                {t('composer.promise.taskLabel', {
                  question: taskTitle(task),
                  due: formatDate(task.dueAt, { style: 'dateTime' }),
                })}
              </span>
            </label>
          ))}
        </fieldset>
        {flags === null && (
          <div className="composer-actions">
            <button type="submit" className="button-primary" disabled={busy}>
              {busy ? t('composer.promise.checking') : t('composer.promise.check')}
            </button>
            <button type="button" className="button-quiet" onClick={onCancel}>
              {t('composer.promise.cancel')}
            </button>
          </div>
        )}
      </form>
      {flags !== null && dueAt !== undefined && (
        <PromiseWarning
          flags={flags}
          promisedAt={dueAt}
          tasks={tasks}
          busy={busy}
          onRecordAnyway={() => void recordAnyway()}
          onChange={() => {
            setFlags(null);
            textRef.current?.focus();
          }}
        />
      )}
      {error !== null && (
        <p className="composer-error" role="alert">
          {t(error.key, error.values)}
        </p>
      )}
    </section>
  );
};
