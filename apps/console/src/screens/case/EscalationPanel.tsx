import type { EscalationDto, EscalationListDto, LadderLevelDto } from '@redress/contract';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/permissions.ts';
import type { Load } from '../../hooks/use-load.ts';
import { useFormatDate, useLocale } from '../../preferences-context.tsx';
import { caseApi } from './case-api.ts';
import { currentRank, levelName } from './case-words.ts';
import { heardWords, writtenReason } from './escalation-words.ts';
import { ErrorText, LoadView, Panel, useAction } from './case-ui.tsx';

interface EscalationPanelProps {
  caseId: string;
  load: Load<EscalationListDto>;
  levels: readonly LadderLevelDto[];
  onRetry: () => void;
  onChanged: () => void;
}

/** "Level 2 · Store manager", or "Level 2" when the ladder is not readable. */
const useLevelLabel = (levels: readonly LadderLevelDto[]) => {
  const { t } = useTranslation();
  const locale = useLocale();
  return (rank: number) => {
    const name = levelName(levels, rank, locale);
    return name ? t('case.escalation.levelNamed', { rank, name }) : t('case.escalation.level', { rank });
  };
};

const HistoryRow = ({ item, label }: { item: EscalationDto; label: (rank: number) => string }) => {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  // A person's reason as written; a trigger in the reader's words, with the customer's words behind it.
  const reason = writtenReason(item);
  const heard = heardWords(item);
  return (
    <li>
      {item.direction === 'up'
        ? t('case.escalation.wentUp', { from: label(item.fromRank), to: label(item.toRank) })
        : t('case.escalation.cameDown', { from: label(item.fromRank), to: label(item.toRank) })}
      {' · '}
      {t(`case.escalation.trigger.${item.trigger}`)}
      {' · '}
      <time dateTime={item.createdAt}>{formatDate(item.createdAt, { style: 'dateTime' })}</time>
      {reason && <p className="case-note">{reason}</p>}
      {heard.length > 0 && (
        <ul className="case-heard">
          {heard.map((match) => (
            <li key={`${match.signal}-${match.cue}`}>
              {t('case.escalation.heard', { signal: t(`case.signal.${match.signal}`), words: match.cue })}
            </li>
          ))}
        </ul>
      )}
      {item.direction === 'up' && (
        <p className="muted">
          {item.acknowledgedAt
            ? t('case.escalation.taken', { when: formatDate(item.acknowledgedAt, { style: 'dateTime' }) })
            : item.supersededAt
              ? t('case.escalation.superseded')
              : t('case.escalation.waiting')}
        </p>
      )}
    </li>
  );
};

/** One click up the ladder (a reason is optional: escalating is blameless), or a reasoned step down. */
const EscalationActions = ({
  caseId,
  rank,
  topRank,
  label,
  onChanged,
}: {
  caseId: string;
  rank: number;
  topRank: number | null;
  label: (rank: number) => string;
  onChanged: () => void;
}) => {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState('');
  const [downReason, setDownReason] = useState('');
  const [downOpen, setDownOpen] = useState(false);
  const [downMissing, setDownMissing] = useState(false);
  const up = useAction(onChanged);
  const down = useAction(onChanged);
  const atTop = topRank !== null && rank >= topRank;

  const escalate = async () => {
    const body = { reason: reason.trim() || t('case.escalation.defaultReason'), fromRank: rank };
    if (await up.run(() => caseApi.escalate(caseId, body))) setReason('');
  };
  const deEscalate = async (event: FormEvent) => {
    event.preventDefault();
    setDownMissing(!downReason.trim());
    if (!downReason.trim()) return;
    if (await down.run(() => caseApi.deEscalate(caseId, { reason: downReason.trim(), toRank: rank - 1 }))) {
      setDownReason('');
      setDownOpen(false);
    }
  };

  return (
    <div className="case-escalation-actions">
      {atTop ? (
        <p className="muted">{t('case.escalation.atTop')}</p>
      ) : (
        <div className="case-form">
          <label htmlFor={`${id}-reason`}>{t('case.escalation.reasonOptional')}</label>
          <input id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} />
          <button type="button" className="button-quiet button-main" disabled={up.busy} onClick={() => void escalate()}>
            {t('case.escalation.escalateTo', { level: label(rank + 1) })}
          </button>
          <ErrorText error={up.error} />
        </div>
      )}
      {rank > 0 &&
        (downOpen ? (
          <form className="case-form" onSubmit={(event) => void deEscalate(event)} noValidate>
            <label htmlFor={`${id}-down`}>{t('case.escalation.downReason')}</label>
            <input
              id={`${id}-down`}
              value={downReason}
              onChange={(e) => setDownReason(e.target.value)}
              aria-invalid={downMissing || undefined}
            />
            {downMissing && <p className="field-error">{t('case.escalation.downReasonRequired')}</p>}
            <ErrorText error={down.error} />
            <div className="case-form-actions">
              <button type="submit" className="button-quiet button-main" disabled={down.busy}>
                {t('case.escalation.deEscalateTo', { level: label(rank - 1) })}
              </button>
              <button type="button" className="button-quiet" onClick={() => setDownOpen(false)}>
                {t('common.cancel')}
              </button>
            </div>
          </form>
        ) : (
          <button type="button" className="button-quiet" onClick={() => setDownOpen(true)}>
            {t('case.escalation.deEscalate')}
          </button>
        ))}
    </div>
  );
};

/** Where the case stands on the escalation ladder, how it got there, and the way up or down. */
export const EscalationPanel = ({ caseId, load, levels, onRetry, onChanged }: EscalationPanelProps) => {
  const { t } = useTranslation();
  const can = useCan();
  const label = useLevelLabel(levels);
  const topRank = levels.length > 0 ? Math.max(...levels.map((level) => level.rank)) : null;
  return (
    <Panel id="case-escalation" title={t('case.escalation.title')}>
      <LoadView load={load} onRetry={onRetry}>
        {({ items }) => {
          const rank = currentRank(items);
          return (
            <>
              <p className={`case-level${rank > 0 ? ' case-escalated' : ''}`}>
                {rank === 0 ? t('case.escalation.notEscalated') : t('case.escalation.now', { level: label(rank) })}
              </p>
              {items.length > 0 && (
                <ul className="case-list">
                  {[...items].reverse().map((item) => (
                    <HistoryRow key={item.id} item={item} label={label} />
                  ))}
                </ul>
              )}
              {can('escalation:raise') && (
                <EscalationActions caseId={caseId} rank={rank} topRank={topRank} label={label} onChanged={onChanged} />
              )}
            </>
          );
        }}
      </LoadView>
    </Panel>
  );
};
