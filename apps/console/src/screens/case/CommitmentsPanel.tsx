import type { CommitmentDto, CommitmentList } from '@redress/contract';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/permissions.ts';
import { Countdown } from '../../components/Countdown.tsx';
import type { Load } from '../../hooks/use-load.ts';
import { useFormatDate, useLocale } from '../../preferences-context.tsx';
import { CommitmentActions } from './CommitmentActions.tsx';
import { formatMoney, LoadView, Panel } from './case-ui.tsx';

const CommitmentRow = ({ commitment, onChanged }: { commitment: CommitmentDto; onChanged: () => void }) => {
  const { t } = useTranslation();
  const can = useCan();
  const locale = useLocale();
  const formatDate = useFormatDate();
  const open = commitment.status === 'open';
  const { remedy } = commitment;
  return (
    <li className={`case-commitment case-commitment-${commitment.status}`}>
      <p className="case-commitment-text">“{commitment.text}”</p>
      <p className="case-commitment-meta">
        <span className={`case-badge case-badge-${commitment.status}`}>
          {t(`case.commitments.status.${commitment.status}`)}
        </span>{' '}
        {t('case.commitments.promisedTo', { name: commitment.promisedTo })}
        {' · '}
        {open ? (
          <Countdown dueAt={commitment.dueAt} />
        ) : (
          <time dateTime={commitment.dueAt}>
            {t('case.commitments.wasDue', { due: formatDate(commitment.dueAt, { style: 'dateTime' }) })}
          </time>
        )}
        {commitment.status === 'kept' && commitment.keptOnTime === false && <> · {t('case.commitments.keptLate')}</>}
      </p>
      {remedy && (
        <p className="muted">
          {t(`case.compensation.kind.${remedy.kind}`)}
          {remedy.amount !== null && remedy.currency && <> · {formatMoney(remedy.amount, remedy.currency, locale)}</>}
        </p>
      )}
      {open && commitment.atRiskAt && (
        <p className="case-warning" role="note">
          {t('case.commitments.atRisk')}
        </p>
      )}
      {commitment.flags.length > 0 && (
        <div className="case-flag-list">
          <span>{t('case.commitments.flagsAcknowledged')}</span>
          <ul>
            {commitment.flags.map((flag) => (
              <li key={flag}>{t(`case.commitments.flag.${flag}`)}</li>
            ))}
          </ul>
        </div>
      )}
      {open && can('commitment:write') && <CommitmentActions commitment={commitment} onChanged={onChanged} />}
    </li>
  );
};

/** Every promise made on the case: open ones first, soonest due first; then what became of the rest. */
export const CommitmentsPanel = ({
  load,
  onRetry,
  onChanged,
}: {
  load: Load<CommitmentList>;
  onRetry: () => void;
  onChanged: () => void;
}) => {
  const { t } = useTranslation();
  return (
    <Panel id="case-commitments" title={t('case.commitments.title')}>
      <LoadView load={load} onRetry={onRetry}>
        {({ items }) => {
          if (items.length === 0) return <p className="muted">{t('case.commitments.none')}</p>;
          const open = items.filter((c) => c.status === 'open').sort((a, b) => a.dueAt.localeCompare(b.dueAt));
          const done = items.filter((c) => c.status !== 'open').sort((a, b) => b.dueAt.localeCompare(a.dueAt));
          return (
            <>
              {open.length === 0 && <p className="muted">{t('case.commitments.noneOpen')}</p>}
              <ul className="case-list">
                {open.map((commitment) => (
                  <CommitmentRow key={commitment.id} commitment={commitment} onChanged={onChanged} />
                ))}
              </ul>
              {done.length > 0 && (
                <details>
                  <summary>{t('case.commitments.earlier', { count: done.length })}</summary>
                  <ul className="case-list">
                    {done.map((commitment) => (
                      <CommitmentRow key={commitment.id} commitment={commitment} onChanged={onChanged} />
                    ))}
                  </ul>
                </details>
              )}
            </>
          );
        }}
      </LoadView>
    </Panel>
  );
};
