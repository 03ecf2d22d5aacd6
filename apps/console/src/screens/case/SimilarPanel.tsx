import type { SimilarCasesDto } from '@redress/contract';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatNumber } from '../../format.ts';
import type { Load } from '../../hooks/use-load.ts';
import { useFormatDate, useLocale } from '../../preferences-context.tsx';
import { useCaseVocabulary } from '../agent/vocabulary.ts';
import { LoadView, Panel } from './case-ui.tsx';

const Similar = ({ value }: { value: SimilarCasesDto }) => {
  const { t } = useTranslation();
  const locale = useLocale();
  const formatDate = useFormatDate();
  const vocab = useCaseVocabulary();
  if (!value.comparable) return <p className="muted">{t('case.similar.tooShort')}</p>;
  if (value.total === 0) return <p className="muted">{t('case.similar.none', { days: value.windowDays })}</p>;
  return (
    <>
      <p className="case-similar-summary">
        <strong>{t('case.similar.oneOfMany', { count: value.total })}</strong>{' '}
        {t('case.similar.weeks', { thisWeek: value.thisWeek, lastWeek: value.lastWeek })}
      </p>
      <ul className="case-list">
        {value.items.map((item) => (
          <li key={item.caseId}>
            <Link to={`/cases/${encodeURIComponent(item.caseId)}`}>{item.caseRef}</Link>{' '}
            {item.subject ?? t('case.noSubject')}
            <span className="muted">
              {' · '}
              {t(`case.similar.kind.${item.kind}`)}
              {' · '}
              {t('case.similar.similarity', {
                percent: formatNumber(item.similarity, locale, { style: 'percent', maximumFractionDigits: 0 }),
              })}
              {' · '}
              {vocab.status(item.status)} · {formatDate(item.createdAt)}
            </span>
          </li>
        ))}
      </ul>
      {value.weeks.length > 0 && (
        <details>
          <summary>{t('case.similar.byWeek')}</summary>
          <table className="case-table">
            <thead>
              <tr>
                <th scope="col">{t('case.similar.week')}</th>
                <th scope="col">{t('case.similar.cases')}</th>
              </tr>
            </thead>
            <tbody>
              {value.weeks.map((week) => (
                <tr key={week.week}>
                  <td>{formatDate(week.start)}</td>
                  <td>{formatNumber(week.count, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </>
  );
};

/** "Is this one of many?" — similar complaints and how many arrived each week (article 003). */
export const SimilarPanel = ({ load, onRetry }: { load: Load<SimilarCasesDto>; onRetry: () => void }) => {
  const { t } = useTranslation();
  return (
    <Panel id="case-similar" title={t('case.similar.title')}>
      <LoadView load={load} onRetry={onRetry}>
        {(value) => <Similar value={value} />}
      </LoadView>
    </Panel>
  );
};
