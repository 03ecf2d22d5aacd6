import type { CommitmentFlagDto, TaskDto } from '@redress/contract';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatDate } from '../../preferences-context.tsx';
import type { ComposerMessage } from './composer-errors.ts';

/** A task's question on one line and short enough to sit inside a sentence. */
export const taskTitle = (task: TaskDto, length = 80): string => {
  const flat = task.question.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
};

/**
 * The words for one flag of the over-promise guard, with the task or deadline that raised it. A
 * task the promise depends on either falls due after the promised time, or is unanswered and
 * already overdue (its due time is then before the promised one).
 */
export const flagMessage = (
  flag: CommitmentFlagDto,
  promisedAt: string,
  tasks: readonly TaskDto[],
  formatDateTime: (iso: string) => string,
): ComposerMessage => {
  const limit = flag.limitAt;
  switch (flag.code) {
    case 'depends_on_later_task': {
      const task = tasks.find((candidate) => candidate.id === flag.taskId);
      if (task === undefined || limit === undefined) return { key: 'composer.flags.depends_on_later_task' };
      const overdue = new Date(limit).getTime() <= new Date(promisedAt).getTime();
      return {
        key: overdue ? 'composer.flags.depends_on_overdue_task_at' : 'composer.flags.depends_on_later_task_at',
        values: { task: taskTitle(task), due: formatDateTime(limit) },
      };
    }
    case 'after_case_deadline':
      return limit === undefined
        ? { key: 'composer.flags.after_case_deadline' }
        : { key: 'composer.flags.after_case_deadline_at', values: { due: formatDateTime(limit) } };
    case 'beyond_authority':
    case 'in_the_past':
    case 'outside_working_hours':
    case 'too_far':
      return { key: `composer.flags.${flag.code}` };
  }
};

interface PromiseWarningProps {
  flags: readonly CommitmentFlagDto[];
  /** The promised due time the flags were raised for (ISO 8601). */
  promisedAt: string;
  tasks: readonly TaskDto[];
  busy: boolean;
  onRecordAnyway: () => void;
  onChange: () => void;
}

/**
 * The promise warning: what the guard found, each flag in words, before the agent decides to
 * record the promise anyway (naming each flag) or to change it. Takes the focus when it appears.
 */
export const PromiseWarning = ({ flags, promisedAt, tasks, busy, onRecordAnyway, onChange }: PromiseWarningProps) => {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const titleId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  return (
    <div className="promise-warning" role="alert" aria-labelledby={titleId}>
      <h4 id={titleId} ref={headingRef} tabIndex={-1}>
        {t('composer.promise.warningTitle')}
      </h4>
      <p>{t('composer.promise.warningIntro', { count: flags.length })}</p>
      <ul>
        {flags.map((flag) => {
          const message = flagMessage(flag, promisedAt, tasks, (iso) => formatDate(iso, { style: 'dateTime' }));
          return <li key={flag.code}>{t(message.key, message.values)}</li>;
        })}
      </ul>
      <div className="composer-actions">
        <button type="button" className="button-danger" disabled={busy} onClick={onRecordAnyway}>
          {busy ? t('composer.promise.recording') : t('composer.promise.recordAnyway')}
        </button>
        <button type="button" className="button-quiet" disabled={busy} onClick={onChange}>
          {t('composer.promise.change')}
        </button>
      </div>
    </div>
  );
};
