import type { CaseDto, CommitmentDto, TaskDto } from '@redress/contract';
import type { TFunction } from 'i18next';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/permissions.ts';
import type { Load } from '../../hooks/use-load.ts';
import { useFormatDate } from '../../preferences-context.tsx';
import { useCaseVocabulary } from '../agent/vocabulary.ts';
import { caseApi } from './case-api.ts';
import { ErrorText, Panel, useAction } from './case-ui.tsx';
import type { Person } from './KeyPeople.tsx';

/**
 * A first draft of the hand-over: what was promised and is still open, and what is still being
 * asked inside, so the new owner never makes the customer retell the story (article 003).
 */
export const draftSummary = ({
  t,
  caseDto,
  statusWord,
  commitments,
  tasks,
  formatDateTime,
  assigneeOf,
}: {
  t: TFunction;
  statusWord: string;
  caseDto: CaseDto;
  commitments: readonly CommitmentDto[];
  tasks: readonly TaskDto[];
  formatDateTime: (iso: string) => string;
  assigneeOf: (task: TaskDto) => string;
}): string => {
  const open = commitments.filter((c) => c.status === 'open').sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const pending = tasks.filter((task) => task.status === 'open');
  const lines = [
    t('case.handoff.draftIntro', {
      name: caseDto.customer.preferredName ?? caseDto.customer.name,
      status: statusWord,
    }),
    '',
    t('case.handoff.draftPromised'),
    ...(open.length === 0
      ? [`- ${t('case.handoff.draftNothing')}`]
      : open.map((c) => `- ${t('case.handoff.draftPromise', { text: c.text, due: formatDateTime(c.dueAt) })}`)),
    '',
    t('case.handoff.draftPending'),
    ...(pending.length === 0
      ? [`- ${t('case.handoff.draftNothing')}`]
      : pending.map(
          (task) =>
            `- ${t('case.handoff.draftTask', { question: task.question, assignee: assigneeOf(task), due: formatDateTime(task.dueAt) })}`,
        )),
  ];
  return lines.join('\n');
};

interface HandOffProps {
  caseDto: CaseDto;
  /** Who may take the case (colleagues who work at its site, not its owner), as read. */
  candidates: Load<readonly Person[]>;
  onRetryCandidates: () => void;
  commitments: readonly CommitmentDto[];
  tasks: readonly TaskDto[];
  assigneeOf: (task: TaskDto) => string;
  onChanged: () => void;
}

/** Hand the case to a colleague with a summary of what was promised and what is pending. */
export const HandOff = ({
  caseDto,
  candidates,
  onRetryCandidates,
  commitments,
  tasks,
  assigneeOf,
  onChanged,
}: HandOffProps) => {
  const { t } = useTranslation();
  const can = useCan();
  const formatDate = useFormatDate();
  const vocab = useCaseVocabulary();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [toUserId, setToUserId] = useState('');
  const [summary, setSummary] = useState('');
  const [errors, setErrors] = useState<{ to?: string; summary?: string }>({});
  const action = useAction(onChanged);
  if (!can('case:assign') || caseDto.status === 'closed') return null;

  const start = () => {
    setSummary(
      draftSummary({
        t,
        caseDto,
        statusWord: vocab.status(caseDto.status),
        commitments,
        tasks,
        assigneeOf,
        formatDateTime: (iso) => formatDate(iso, { style: 'dateTime' }),
      }),
    );
    setOpen(true);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next: typeof errors = {};
    if (!toUserId) next.to = t('case.handoff.toRequired');
    if (!summary.trim()) next.summary = t('case.handoff.summaryRequired');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    if (await action.run(() => caseApi.handOff(caseDto.id, { toUserId, summary: summary.trim() }))) {
      setOpen(false);
      setToUserId('');
    }
  };

  return (
    <Panel id="case-handoff" title={t('case.handoff.title')}>
      {candidates.state === 'loading' ? (
        <p className="muted" role="status">
          {t('app.loading')}
        </p>
      ) : candidates.state === 'failed' ? (
        // Without the list, a supervisor can still hand the case over.
        <div className="case-panel-error">
          <ErrorText error={candidates.error} />
          <p className="muted">{t('case.handoff.directoryFailed')}</p>
          <button type="button" className="button-quiet" onClick={onRetryCandidates}>
            {t('common.retry')}
          </button>
        </div>
      ) : candidates.value.length === 0 ? (
        <p className="muted">{t('case.handoff.noColleague')}</p>
      ) : !open ? (
        <button type="button" className="button-quiet" onClick={start}>
          {t('case.handoff.start')}
        </button>
      ) : (
        <form
          className="case-form"
          onSubmit={(event) => void submit(event)}
          noValidate
          aria-label={t('case.handoff.title')}
        >
          <label htmlFor={`${id}-to`}>{t('case.handoff.to')}</label>
          <select
            id={`${id}-to`}
            value={toUserId}
            onChange={(e) => setToUserId(e.target.value)}
            aria-invalid={errors.to ? true : undefined}
            aria-describedby={errors.to ? `${id}-to-error` : undefined}
          >
            <option value="">{t('case.form.choose')}</option>
            {candidates.value.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
              </option>
            ))}
          </select>
          {errors.to && (
            <p id={`${id}-to-error`} className="field-error">
              {errors.to}
            </p>
          )}
          <label htmlFor={`${id}-summary`}>{t('case.handoff.summary')}</label>
          <textarea
            id={`${id}-summary`}
            rows={8}
            value={summary}
            onChange={(e) => setSummary(e.target.value)}
            aria-invalid={errors.summary ? true : undefined}
            aria-describedby={errors.summary ? `${id}-summary-error` : `${id}-summary-hint`}
          />
          <p id={`${id}-summary-hint`} className="muted">
            {t('case.handoff.summaryHint')}
          </p>
          {errors.summary && (
            <p id={`${id}-summary-error`} className="field-error">
              {errors.summary}
            </p>
          )}
          <ErrorText error={action.error} />
          <div className="case-form-actions">
            <button type="submit" className="button-quiet button-main" disabled={action.busy}>
              {t('case.handoff.send')}
            </button>
            <button type="button" className="button-quiet" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </Panel>
  );
};
