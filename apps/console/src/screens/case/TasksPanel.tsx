import type { CaseTaskList, TaskDto, TeamDto } from '@redress/contract';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/permissions.ts';
import { Countdown } from '../../components/Countdown.tsx';
import type { Load } from '../../hooks/use-load.ts';
import { useFormatDate } from '../../preferences-context.tsx';
import { caseApi } from './case-api.ts';
import { ErrorText, isoToLocalInput, LoadView, localInputToIso, Panel, useAction } from './case-ui.tsx';
import type { Person } from './KeyPeople.tsx';

interface Directory {
  teams: readonly TeamDto[];
  people: readonly Person[];
  nameOf: (userId: string) => string;
}

/** Who a task is with, in words: the team, the person, or both. */
export const assigneeOf = (task: TaskDto, { teams, nameOf }: Pick<Directory, 'teams' | 'nameOf'>): string =>
  [
    task.assigneeTeamId ? (teams.find((team) => team.id === task.assigneeTeamId)?.name ?? task.assigneeTeamId) : null,
    task.assigneeUserId ? nameOf(task.assigneeUserId) : null,
  ]
    .filter((part): part is string => part !== null)
    .join(' · ');

/** Ask a named team or person a question with a due time: never "the relevant department". */
const AssignTask = ({
  caseId,
  directory,
  onChanged,
}: {
  caseId: string;
  directory: Directory;
  onChanged: () => void;
}) => {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [assignee, setAssignee] = useState('');
  const [question, setQuestion] = useState('');
  const [dueAt, setDueAt] = useState(() => isoToLocalInput(new Date(Date.now() + 86_400_000)));
  const [errors, setErrors] = useState<{ assignee?: string; question?: string; dueAt?: string }>({});
  const action = useAction(onChanged);
  const departments = [...directory.teams].sort(
    (a, b) => Number(a.kind !== 'department') - Number(b.kind !== 'department') || a.name.localeCompare(b.name),
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const due = localInputToIso(dueAt);
    const next: typeof errors = {};
    if (!assignee) next.assignee = t('case.tasks.assigneeRequired');
    if (!question.trim()) next.question = t('case.tasks.questionRequired');
    if (!due) next.dueAt = t('case.tasks.dueRequired');
    else if (new Date(due).getTime() <= Date.now()) next.dueAt = t('case.tasks.dueInPast');
    setErrors(next);
    if (!due || Object.keys(next).length > 0) return;
    const [kind, targetId = ''] = assignee.split(':');
    const body = {
      ...(kind === 'team' ? { teamId: targetId } : { userId: targetId }),
      question: question.trim(),
      dueAt: due,
    };
    if (await action.run(() => caseApi.createTask(caseId, body))) {
      setOpen(false);
      setQuestion('');
      setAssignee('');
    }
  };

  if (!open) {
    return (
      <button type="button" className="button-quiet" onClick={() => setOpen(true)}>
        {t('case.tasks.assign')}
      </button>
    );
  }
  const field = (name: keyof typeof errors) => ({
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `${id}-${name}-error` : undefined,
  });
  const fieldError = (name: keyof typeof errors) =>
    errors[name] && (
      <p id={`${id}-${name}-error`} className="field-error">
        {errors[name]}
      </p>
    );
  return (
    <form className="case-form" onSubmit={(event) => void submit(event)} noValidate aria-label={t('case.tasks.assign')}>
      <label htmlFor={`${id}-assignee`}>{t('case.tasks.assignee')}</label>
      <select
        id={`${id}-assignee`}
        value={assignee}
        onChange={(e) => setAssignee(e.target.value)}
        {...field('assignee')}
      >
        <option value="">{t('case.form.choose')}</option>
        {departments.length > 0 && (
          <optgroup label={t('case.tasks.teams')}>
            {departments.map((team) => (
              <option key={team.id} value={`team:${team.id}`}>
                {team.name}
              </option>
            ))}
          </optgroup>
        )}
        {directory.people.length > 0 && (
          <optgroup label={t('case.tasks.people')}>
            {directory.people.map((person) => (
              <option key={person.id} value={`user:${person.id}`}>
                {person.name}
              </option>
            ))}
          </optgroup>
        )}
      </select>
      {fieldError('assignee')}
      <label htmlFor={`${id}-question`}>{t('case.tasks.question')}</label>
      <textarea
        id={`${id}-question`}
        rows={3}
        value={question}
        onChange={(e) => setQuestion(e.target.value)}
        {...field('question')}
      />
      {fieldError('question')}
      <label htmlFor={`${id}-due`}>{t('case.tasks.due')}</label>
      <input
        id={`${id}-due`}
        type="datetime-local"
        value={dueAt}
        onChange={(e) => setDueAt(e.target.value)}
        {...field('dueAt')}
      />
      {fieldError('dueAt')}
      <ErrorText error={action.error} />
      <div className="case-form-actions">
        <button type="submit" className="button-quiet button-main" disabled={action.busy}>
          {t('case.tasks.send')}
        </button>
        <button type="button" className="button-quiet" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
};

const TaskRow = ({ task, directory }: { task: TaskDto; directory: Directory }) => {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  return (
    <li className={`case-task case-task-${task.status}`}>
      <p className="case-task-question">{task.question}</p>
      <p className="case-commitment-meta">
        <span className={`case-badge case-badge-${task.status}`}>{t(`case.tasks.status.${task.status}`)}</span>{' '}
        {t('case.tasks.with', { assignee: assigneeOf(task, directory) })}
        {' · '}
        {task.status === 'open' ? (
          <Countdown dueAt={task.dueAt} />
        ) : (
          task.answeredAt && formatDate(task.answeredAt, { style: 'dateTime' })
        )}
      </p>
      {task.answer && (
        <blockquote className="case-task-answer">
          {task.answeredBy && <span className="muted">{directory.nameOf(task.answeredBy)}: </span>}
          {task.answer}
        </blockquote>
      )}
    </li>
  );
};

/** Internal questions to departments, with their due times and answers. */
export const TasksPanel = ({
  caseId,
  load,
  directory,
  onRetry,
  onChanged,
}: {
  caseId: string;
  load: Load<CaseTaskList>;
  directory: Directory;
  onRetry: () => void;
  onChanged: () => void;
}) => {
  const { t } = useTranslation();
  const can = useCan();
  return (
    <Panel id="case-tasks" title={t('case.tasks.title')}>
      <LoadView load={load} onRetry={onRetry}>
        {({ items }) =>
          items.length === 0 ? (
            <p className="muted">{t('case.tasks.none')}</p>
          ) : (
            <ul className="case-list">
              {items.map((task) => (
                <TaskRow key={task.id} task={task} directory={directory} />
              ))}
            </ul>
          )
        }
      </LoadView>
      {can('task:create') && <AssignTask caseId={caseId} directory={directory} onChanged={onChanged} />}
    </Panel>
  );
};
