import { useCallback, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/permissions.ts';
import { useLoad } from '../../hooks/use-load.ts';
import { useNow } from '../../hooks/use-now.ts';
import { useLiveReload } from '../../live/live-feed.tsx';
import { useFormatDate, useLocale } from '../../preferences-context.tsx';
import { ApprovalsSection, type ApprovalItem, type Decision } from './Approvals.tsx';
import { BoardSummary } from './BoardSummary.tsx';
import { levelNamesOf, pickName, withoutApproval, withoutEscalation } from './board-model.ts';
import { ClocksSection, PromisesSection } from './Deadlines.tsx';
import { EscalationsSection } from './Escalations.tsx';
import { LOOK_AHEAD_HOURS, managerApi, type LookAheadHours } from './manager-api.ts';
import { SpikesSection } from './Spikes.tsx';
import { WorkloadSection } from './Workload.tsx';
import './manager.css';

const isLookAhead = (value: number): value is LookAheadHours => (LOOK_AHEAD_HOURS as readonly number[]).includes(value);

/**
 * The manager's early-warning board (article 004): what is about to go wrong at my sites and what
 * waits for someone above the front line, with the team's workload below. Re-read on every live
 * change; a decision taken here leaves the board at once.
 */
export const Board = () => {
  const { t } = useTranslation();
  const can = useCan();
  const locale = useLocale();
  const formatDate = useFormatDate();
  const now = useNow(30_000);
  const hoursId = useId();
  const [hours, setHours] = useState<LookAheadHours>(24);
  const [announcement, setAnnouncement] = useState('');

  const board = useLoad((signal) => managerApi.earlyWarning(hours, signal), String(hours));
  const workload = useLoad((signal) => managerApi.workload(signal), 'workload');
  const { reload: reloadBoard, setLoad: setBoard } = board;
  const { reload: reloadWorkload } = workload;
  const reload = useCallback(() => {
    reloadBoard();
    reloadWorkload();
  }, [reloadBoard, reloadWorkload]);
  useLiveReload(reload);

  const names = useMemo(
    () => new Map(workload.load.state === 'ready' ? workload.load.value.items.map((p) => [p.userId, p.name]) : []),
    [workload.load],
  );
  const personName = (userId: string | null) =>
    userId === null ? t('manager.people.none') : (names.get(userId) ?? t('manager.people.unknown'));
  const levels = useMemo(
    () => (board.load.state === 'ready' ? levelNamesOf(board.load.value) : new Map<number, null>()),
    [board.load],
  );
  const levelName = (rank: number) => pickName(levels.get(rank), locale) ?? t('manager.levels.rank', { rank });

  const focusSection = (id: string) => document.getElementById(id)?.focus();
  const onDecided = (item: ApprovalItem, decision: Decision) => {
    setBoard((load) =>
      load.state === 'ready' ? { ...load, value: withoutApproval(load.value, item.compensationId) } : load,
    );
    setAnnouncement(
      decision === 'approved'
        ? t('manager.approvals.approved', { ref: item.caseRef })
        : t('manager.approvals.rejected', { ref: item.caseRef }),
    );
    focusSection('board-approvals');
  };
  const onAcknowledged = (item: { escalationId: string; caseRef: string }) => {
    setBoard((load) =>
      load.state === 'ready' ? { ...load, value: withoutEscalation(load.value, item.escalationId) } : load,
    );
    setAnnouncement(t('manager.escalations.acknowledged', { ref: item.caseRef }));
    focusSection('board-escalations');
  };

  return (
    <div className="manager board">
      <div className="board-top">
        <div>
          <h1>{t('manager.board.title')}</h1>
          <p className="muted">{t('manager.board.intro')}</p>
        </div>
        <div className="picker">
          <label htmlFor={hoursId}>{t('manager.board.lookAhead')}</label>
          <select
            id={hoursId}
            value={hours}
            onChange={(event) => {
              const value = Number(event.target.value);
              if (isLookAhead(value)) setHours(value);
            }}
          >
            {LOOK_AHEAD_HOURS.map((option) => (
              <option key={option} value={option}>
                {t('manager.board.hours', { hours: option })}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="board-status" role="status">
        {announcement}
      </p>
      {board.load.state === 'loading' && <p className="loading">{t('manager.board.loading')}</p>}
      {board.load.state === 'failed' && (
        <div className="alert" role="alert">
          <p>{t(board.load.error.key, board.load.error.values)}</p>
          <button type="button" className="button-quiet" onClick={reloadBoard}>
            {t('manager.board.retry')}
          </button>
        </div>
      )}
      {board.load.state === 'ready' && (
        <>
          <p className="muted board-updated">
            {t('manager.board.updated', { time: formatDate(board.load.value.generatedAt, { style: 'time' }) })}
            {board.load.reloading && ` ${t('manager.board.refreshing')}`}
          </p>
          <BoardSummary counts={board.load.value.counts} />
          <ClocksSection board={board.load.value} now={now} />
          <PromisesSection board={board.load.value} now={now} personName={personName} />
          <EscalationsSection
            board={board.load.value}
            now={now}
            levelName={levelName}
            canAcknowledge={can('escalation:raise')}
            onAcknowledged={onAcknowledged}
          />
          <ApprovalsSection
            board={board.load.value}
            now={now}
            levelName={levelName}
            personName={personName}
            canDecide={can('compensation:approve')}
            onDecided={onDecided}
          />
          <SpikesSection board={board.load.value} />
        </>
      )}
      <WorkloadSection load={workload.load} />
    </div>
  );
};
