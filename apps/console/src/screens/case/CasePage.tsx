import type { CaseDto, ClockDto, TaskDto } from '@redress/contract';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useLiveReload } from '../../live/live-feed.tsx';
import { useLocale } from '../../preferences-context.tsx';
import { Composer } from '../composer/Composer.tsx';
import { CaseHeader } from './CaseHeader.tsx';
import { ClocksPanel } from './ClocksPanel.tsx';
import { CommitmentsPanel } from './CommitmentsPanel.tsx';
import { CompensationPanel } from './CompensationPanel.tsx';
import { EmailsPanel, FollowupsPanel } from './Correspondence.tsx';
import { CustomerCard } from './CustomerCard.tsx';
import { CustomerWords } from './CustomerWords.tsx';
import { EscalationPanel } from './EscalationPanel.tsx';
import { HandOff } from './HandOff.tsx';
import { KeyPeople } from './KeyPeople.tsx';
import { RiskPanel } from './RiskPanel.tsx';
import { SimilarPanel } from './SimilarPanel.tsx';
import { StatusActions } from './StatusActions.tsx';
import { assigneeOf, TasksPanel } from './TasksPanel.tsx';
import { Timeline } from './Timeline.tsx';
import { ErrorText } from './case-ui.tsx';
import { levelName } from './case-words.ts';
import { usePeople } from './people.ts';
import { useCaseData, type CaseData } from './use-case-data.ts';
import './case.css';

const ready = <T,>(load: { state: string; value?: T }): T | undefined =>
  load.state === 'ready' ? load.value : undefined;

/** The case page once the case is read: conversation on the left, facts on the right. */
const CaseView = ({ caseDto, data }: { caseDto: CaseDto; data: CaseData }) => {
  const { t } = useTranslation();
  const locale = useLocale();
  const teams = ready(data.teams.load)?.items ?? [];
  const { nameOf, candidates, everyone } = usePeople(caseDto, data, teams);
  const levels = ready(data.ladder.load)?.levels ?? [];
  const rootCauses = ready(data.rootCauses.load)?.items ?? [];
  const tasks = ready(data.tasks.load)?.items ?? [];
  const commitments = ready(data.commitments.load)?.items ?? [];
  const signals = ready(data.risk.load)?.signals ?? [];
  const directory = { teams, people: everyone, nameOf };
  const taskAssignee = (task: TaskDto) => assigneeOf(task, directory);
  const levelLabel = (rank: number) => {
    const name = levelName(levels, rank, locale);
    return name ? t('case.escalation.levelNamed', { rank, name }) : t('case.escalation.level', { rank });
  };
  const subjectOf = (clock: ClockDto) => {
    if (clock.kind === 'task') return tasks.find((task) => task.id === clock.subjectId)?.question ?? null;
    if (clock.kind === 'commitment') return commitments.find((c) => c.id === clock.subjectId)?.text ?? null;
    return null;
  };
  const { reloadAll } = data;

  return (
    <article className="case-page">
      <CaseHeader caseDto={caseDto} data={data} />
      <div className="case-columns">
        <div className="case-conversation">
          <CustomerWords caseDto={caseDto} signals={signals} />
          <Composer caseDto={caseDto} tasks={tasks} onSaved={reloadAll} />
          <StatusActions caseDto={caseDto} rootCauses={rootCauses} onChanged={reloadAll} />
          <HandOff
            caseDto={caseDto}
            candidates={candidates}
            onRetryCandidates={data.colleagues.reload}
            commitments={commitments}
            tasks={tasks}
            assigneeOf={taskAssignee}
            onChanged={reloadAll}
          />
          <Timeline entries={caseDto.timeline ?? []} signals={signals} nameOf={nameOf} levelLabel={levelLabel} />
          <EmailsPanel load={data.emails.load} onRetry={data.emails.reload} />
          <FollowupsPanel
            followups={data.followups.load}
            surveys={data.surveys.load}
            onRetryFollowups={data.followups.reload}
            onRetrySurveys={data.surveys.reload}
          />
        </div>
        <div className="case-side">
          <CustomerCard
            caseDto={caseDto}
            customer={data.customer.load}
            history={data.history.load}
            onRetryCustomer={data.customer.reload}
            onRetryHistory={data.history.reload}
          />
          <KeyPeople caseDto={caseDto} colleagues={everyone} nameOf={nameOf} onChanged={reloadAll} />
          <ClocksPanel load={data.clocks.load} onRetry={data.clocks.reload} subjectOf={subjectOf} />
          <CommitmentsPanel load={data.commitments.load} onRetry={data.commitments.reload} onChanged={reloadAll} />
          <TasksPanel
            caseId={caseDto.id}
            load={data.tasks.load}
            directory={directory}
            onRetry={data.tasks.reload}
            onChanged={reloadAll}
          />
          <EscalationPanel
            caseId={caseDto.id}
            load={data.escalations.load}
            levels={levels}
            onRetry={data.escalations.reload}
            onChanged={reloadAll}
          />
          <RiskPanel load={data.risk.load} onRetry={data.risk.reload} />
          <CompensationPanel
            caseId={caseDto.id}
            load={data.compensations.load}
            levels={levels}
            onRetry={data.compensations.reload}
            onChanged={reloadAll}
          />
          <SimilarPanel load={data.similar.load} onRetry={data.similar.reload} />
        </div>
      </div>
    </article>
  );
};

/** `/cases/:id`: the screen an agent works a complaint from, kept current by live updates. */
export const CasePage = () => {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const data = useCaseData(id);
  useLiveReload(data.reloadAll, (change) => change.caseId === id);
  const { load } = data.caseLoad;

  if (load.state === 'loading') {
    return (
      <p className="loading" role="status">
        {t('app.loading')}
      </p>
    );
  }
  if (load.state === 'failed') {
    return (
      <section className="card">
        <h1>{t('case.loadFailed')}</h1>
        <ErrorText error={load.error} />
        <button type="button" className="button-quiet" onClick={data.caseLoad.reload}>
          {t('common.retry')}
        </button>
      </section>
    );
  }
  if (load.value === null) {
    return (
      <section className="card">
        <h1>{t('case.notFound.title')}</h1>
        <p>{t('case.notFound.detail')}</p>
        <p>
          <Link to="/">{t('case.notFound.back')}</Link>
        </p>
      </section>
    );
  }
  return <CaseView caseDto={load.value} data={data} />;
};
