import {
  EscalationTriggers,
  type EarlyWarningDto,
  type EscalationTrigger,
  type WaitingAtRankDto,
} from '@redress/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeDecisionError, type DecisionError } from './manager-errors.ts';
import { managerApi } from './manager-api.ts';
import { CaseLink, SectionHeading, ShownOf, Waited, useFormatCount } from './manager-ui.tsx';

type EscalationItem = EarlyWarningDto['escalations']['items'][number];

const isTrigger = (trigger: string): trigger is EscalationTrigger =>
  (EscalationTriggers as readonly string[]).includes(trigger);

/** Per ladder level: how many wait there and for how long the oldest has. */
export const WaitingByLevel = ({
  byRank,
  now,
  levelName,
  label,
}: {
  byRank: WaitingAtRankDto[];
  now: Date;
  levelName: (rank: number) => string;
  label: string;
}) => {
  const { t } = useTranslation();
  const formatCount = useFormatCount();
  if (byRank.length === 0) return null;
  return (
    <ul className="board-levels" aria-label={label}>
      {byRank.map((row) => (
        <li key={row.rank}>
          <span className="board-level-name">{levelName(row.rank)}</span>
          <span className="board-level-count">
            <strong>{formatCount(row.waiting)}</strong> {t('manager.escalations.waiting', { count: row.waiting })}
          </span>
          <span className="muted">
            {t('manager.escalations.oldest')} <Waited since={row.oldestSince} now={now} />
          </span>
        </li>
      ))}
    </ul>
  );
};

/** Upward escalations nobody at their level has taken yet, with Acknowledge for those who may. */
export const EscalationsSection = ({
  board,
  now,
  levelName,
  canAcknowledge,
  onAcknowledged,
}: {
  board: EarlyWarningDto;
  now: Date;
  levelName: (rank: number) => string;
  canAcknowledge: boolean;
  onAcknowledged: (item: EscalationItem) => void;
}) => {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, DecisionError>>({});
  const { escalations } = board;

  const acknowledge = (item: EscalationItem) => {
    setBusy(item.escalationId);
    setErrors(({ [item.escalationId]: _dropped, ...rest }) => rest);
    managerApi.acknowledge(item.escalationId).then(
      () => {
        setBusy(null);
        onAcknowledged(item);
      },
      (error: unknown) => {
        setBusy(null);
        setErrors((previous) => ({ ...previous, [item.escalationId]: describeDecisionError(error) }));
      },
    );
  };

  return (
    <section className="board-section" aria-labelledby="board-escalations">
      <SectionHeading id="board-escalations" count={escalations.total}>
        {t('manager.escalations.title')}
      </SectionHeading>
      <WaitingByLevel
        byRank={escalations.byRank}
        now={now}
        levelName={levelName}
        label={t('manager.escalations.byLevel')}
      />
      {escalations.items.length === 0 ? (
        <p className="muted">{t('manager.escalations.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="board-table">
            <thead>
              <tr>
                <th scope="col">{t('manager.columns.case')}</th>
                <th scope="col">{t('manager.columns.level')}</th>
                <th scope="col">{t('manager.columns.reason')}</th>
                <th scope="col">{t('manager.columns.waiting')}</th>
                {canAcknowledge && <th scope="col">{t('manager.columns.action')}</th>}
              </tr>
            </thead>
            <tbody>
              {escalations.items.map((item) => {
                const error = errors[item.escalationId];
                return (
                  <tr key={item.escalationId}>
                    <td>
                      <CaseLink caseId={item.caseId} caseRef={item.caseRef} />
                    </td>
                    <td>{levelName(item.toRank)}</td>
                    <td>{isTrigger(item.trigger) ? t(`manager.triggers.${item.trigger}`) : item.trigger}</td>
                    <td>
                      <Waited since={item.waitingSince} now={now} />
                    </td>
                    {canAcknowledge && (
                      <td>
                        <button
                          type="button"
                          className="button-quiet"
                          aria-label={t('manager.escalations.acknowledgeCase', { ref: item.caseRef })}
                          disabled={busy === item.escalationId}
                          onClick={() => acknowledge(item)}
                        >
                          {t('manager.escalations.acknowledge')}
                        </button>
                        {error && (
                          <p className="board-error" role="alert">
                            {t(error.key, error.values)}
                          </p>
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <ShownOf shown={escalations.items.length} total={escalations.total} />
    </section>
  );
};
