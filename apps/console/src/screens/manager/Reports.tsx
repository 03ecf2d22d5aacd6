import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/permissions.ts';
import { useLoad } from '../../hooks/use-load.ts';
import { useFormatDate } from '../../preferences-context.tsx';
import { managerApi } from './manager-api.ts';
import { ReportCharts } from './ReportCharts.tsx';
import { defaultRange, overviewQueryOf, rangeProblem, type RangeInput, type RangeProblem } from './report-range.ts';
import './manager.css';

/** The choice of sites, when the reader may list them; nothing when they may not or it fails. */
const SitePicker = ({ value, onChange }: { value: string; onChange: (siteId: string) => void }) => {
  const { t } = useTranslation();
  const id = useId();
  const can = useCan();
  const mayList = can('org:read');
  const { load } = useLoad(
    (signal) => (mayList ? managerApi.sites(signal) : Promise.resolve({ items: [] })),
    mayList ? 'sites' : 'none',
  );
  if (load.state !== 'ready' || load.value.items.length < 2) return null;
  return (
    <div className="field">
      <label htmlFor={id}>{t('manager.reports.site')}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t('manager.reports.allSites')}</option>
        {load.value.items.map((site) => (
          <option key={site.id} value={site.id}>
            {site.name} ({site.code})
          </option>
        ))}
      </select>
    </div>
  );
};

/**
 * Reports for managers (pillar 8): volume by category and by day, clock compliance and promises
 * kept over a range of days at my sites, as charts with the same numbers in tables.
 */
export const Reports = () => {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const ids = { from: useId(), to: useId(), error: useId() };
  const fromInput = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState<RangeInput>(() => defaultRange(new Date()));
  const [applied, setApplied] = useState<RangeInput>(draft);
  const [problem, setProblem] = useState<RangeProblem | null>(null);

  const query = overviewQueryOf(applied);
  const { load, reload } = useLoad((signal) => managerApi.overview(query, signal), JSON.stringify(query));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = rangeProblem(draft);
    setProblem(found);
    if (found !== null) {
      fromInput.current?.focus();
      return;
    }
    if (JSON.stringify(draft) === JSON.stringify(applied)) reload();
    else setApplied(draft);
  };
  const invalid = problem === null ? undefined : true;
  const describedBy = problem === null ? undefined : ids.error;

  return (
    <div className="manager reports">
      <h1>{t('manager.reports.title')}</h1>
      <p className="muted">{t('manager.reports.intro')}</p>
      <form className="reports-form" onSubmit={submit} noValidate>
        <div className={problem === null ? 'field' : 'field field-invalid'}>
          <label htmlFor={ids.from}>{t('manager.reports.from')}</label>
          <input
            ref={fromInput}
            id={ids.from}
            type="date"
            value={draft.from}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            onChange={(event) => setDraft({ ...draft, from: event.target.value })}
          />
        </div>
        <div className={problem === null ? 'field' : 'field field-invalid'}>
          <label htmlFor={ids.to}>{t('manager.reports.to')}</label>
          <input
            id={ids.to}
            type="date"
            value={draft.to}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            onChange={(event) => setDraft({ ...draft, to: event.target.value })}
          />
        </div>
        <SitePicker value={draft.siteId} onChange={(siteId) => setDraft({ ...draft, siteId })} />
        <button type="submit">{t('manager.reports.show')}</button>
        {problem !== null && (
          <p id={ids.error} className="field-error reports-error" role="alert">
            {problem === 'order' ? t('manager.reports.rangeOrder') : t('manager.reports.rangeMissing')}
          </p>
        )}
      </form>
      {load.state === 'loading' && <p className="loading">{t('manager.reports.loading')}</p>}
      {load.state === 'failed' && (
        <div className="alert" role="alert">
          <p>{t(load.error.key, load.error.values)}</p>
          <button type="button" className="button-quiet" onClick={reload}>
            {t('manager.board.retry')}
          </button>
        </div>
      )}
      {load.state === 'ready' && (
        <>
          <p className="muted">
            {t('manager.reports.range', {
              from: formatDate(load.value.from, { timeZone: 'UTC' }),
              to: formatDate(new Date(Date.parse(load.value.to) - 1), { timeZone: 'UTC' }),
            })}
          </p>
          <ReportCharts overview={load.value} />
        </>
      )}
    </div>
  );
};
