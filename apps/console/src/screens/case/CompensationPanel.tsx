import {
  CompensationKinds,
  type CompensationDto,
  type CompensationKind,
  type CompensationListDto,
  type LadderLevelDto,
} from '@redress/contract';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/permissions.ts';
import type { Load } from '../../hooks/use-load.ts';
import { useFormatDate, useLocale } from '../../preferences-context.tsx';
import { caseApi } from './case-api.ts';
import { levelName } from './case-words.ts';
import { ErrorText, formatMoney, LoadView, minorUnitsPerMajor, Panel, useAction } from './case-ui.tsx';

interface CompensationPanelProps {
  caseId: string;
  load: Load<CompensationListDto>;
  levels: readonly LadderLevelDto[];
  onRetry: () => void;
  onChanged: () => void;
}

/** The customer's answer to an approved remedy, and its delivery once accepted. */
const NextStep = ({ item, onChanged }: { item: CompensationDto; onChanged: () => void }) => {
  const { t } = useTranslation();
  const action = useAction(onChanged);
  if (item.status === 'approved') {
    return (
      <>
        <div className="case-row-actions" role="group" aria-label={t('case.compensation.customerAnswer')}>
          <button
            type="button"
            className="button-quiet"
            disabled={action.busy}
            onClick={() => void action.run(() => caseApi.customerResponse(item.id, { accepted: true }))}
          >
            {t('case.compensation.accepted')}
          </button>
          <button
            type="button"
            className="button-quiet"
            disabled={action.busy}
            onClick={() => void action.run(() => caseApi.customerResponse(item.id, { accepted: false }))}
          >
            {t('case.compensation.declined')}
          </button>
        </div>
        <ErrorText error={action.error} />
      </>
    );
  }
  if (item.status === 'accepted') {
    return (
      <>
        <button
          type="button"
          className="button-quiet"
          disabled={action.busy}
          onClick={() => void action.run(() => caseApi.delivered(item.id, new Date().toISOString()))}
        >
          {t('case.compensation.markDelivered')}
        </button>
        <ErrorText error={action.error} />
      </>
    );
  }
  return null;
};

const ProposeForm = ({
  caseId,
  currency: defaultCurrency,
  onChanged,
}: {
  caseId: string;
  currency: string;
  onChanged: () => void;
}) => {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<CompensationKind>('refund');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState(defaultCurrency);
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<{ amount?: string; currency?: string; description?: string }>({});
  const action = useAction(onChanged);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const code = currency.trim().toUpperCase();
    const value = Number(amount.replace(',', '.'));
    const next: typeof errors = {};
    if (amount.trim() === '' || !Number.isFinite(value) || value < 0)
      next.amount = t('case.compensation.amountRequired');
    if (!/^[A-Z]{3}$/.test(code)) next.currency = t('case.compensation.currencyRequired');
    if (!description.trim()) next.description = t('case.compensation.descriptionRequired');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    const minor = Math.round(value * minorUnitsPerMajor(code));
    const body = { kind, amount: minor, currency: code, description: description.trim() };
    if (await action.run(() => caseApi.proposeCompensation(caseId, body))) {
      setOpen(false);
      setAmount('');
      setDescription('');
    }
  };

  if (!open) {
    return (
      <button
        type="button"
        className="button-quiet"
        onClick={() => {
          setCurrency(defaultCurrency);
          setOpen(true);
        }}
      >
        {t('case.compensation.propose')}
      </button>
    );
  }
  const error = (name: keyof typeof errors) =>
    errors[name] && (
      <p id={`${id}-${name}-error`} className="field-error">
        {errors[name]}
      </p>
    );
  const invalid = (name: keyof typeof errors) => ({
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `${id}-${name}-error` : undefined,
  });
  return (
    <form
      className="case-form"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-label={t('case.compensation.propose')}
    >
      <label htmlFor={`${id}-kind`}>{t('case.compensation.kindLabel')}</label>
      <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as CompensationKind)}>
        {CompensationKinds.map((value) => (
          <option key={value} value={value}>
            {t(`case.compensation.kind.${value}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-amount`}>{t('case.compensation.amount')}</label>
      <input
        id={`${id}-amount`}
        inputMode="decimal"
        value={amount}
        onChange={(e) => setAmount(e.target.value)}
        {...invalid('amount')}
      />
      {error('amount')}
      <label htmlFor={`${id}-currency`}>{t('case.compensation.currency')}</label>
      <input
        id={`${id}-currency`}
        value={currency}
        maxLength={3}
        onChange={(e) => setCurrency(e.target.value)}
        {...invalid('currency')}
      />
      {error('currency')}
      <label htmlFor={`${id}-description`}>{t('case.compensation.description')}</label>
      <textarea
        id={`${id}-description`}
        rows={2}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        {...invalid('description')}
      />
      {error('description')}
      <ErrorText error={action.error} />
      <div className="case-form-actions">
        <button type="submit" className="button-quiet button-main" disabled={action.busy}>
          {t('case.compensation.send')}
        </button>
        <button type="button" className="button-quiet" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
};

/** Remedies proposed on the case, who must approve each, the customer's answer and delivery. */
export const CompensationPanel = ({ caseId, load, levels, onRetry, onChanged }: CompensationPanelProps) => {
  const { t } = useTranslation();
  const can = useCan();
  const locale = useLocale();
  const formatDate = useFormatDate();
  const approver = (rank: number) => {
    const name = levelName(levels, rank, locale);
    return name ? t('case.escalation.levelNamed', { rank, name }) : t('case.escalation.level', { rank });
  };
  const currency = levels.find((level) => level.currency)?.currency ?? 'USD';
  return (
    <Panel id="case-compensation" title={t('case.compensation.title')}>
      <LoadView load={load} onRetry={onRetry}>
        {({ items }) =>
          items.length === 0 ? (
            <p className="muted">{t('case.compensation.none')}</p>
          ) : (
            <ul className="case-list">
              {items.map((item) => (
                <li key={item.id}>
                  <strong>{t(`case.compensation.kind.${item.kind}`)}</strong>
                  {item.amount !== null && item.currency && (
                    <> · {formatMoney(item.amount, item.currency, locale)}</>
                  )}{' '}
                  <span className={`case-badge case-badge-${item.status}`}>
                    {t(`case.compensation.status.${item.status}`)}
                  </span>
                  <p className="case-note">{item.description}</p>
                  {item.status === 'proposed' && (
                    <p className="muted">
                      {t('case.compensation.needsApproval', { level: approver(item.requiredRank) })}
                    </p>
                  )}
                  {item.decisionNote && <p className="muted">{item.decisionNote}</p>}
                  {item.deliveredAt && (
                    <p className="muted">
                      {t('case.compensation.deliveredOn', {
                        when: formatDate(item.deliveredAt, { style: 'dateTime' }),
                      })}
                    </p>
                  )}
                  {can('compensation:propose') && <NextStep item={item} onChanged={onChanged} />}
                </li>
              ))}
            </ul>
          )
        }
      </LoadView>
      {can('compensation:propose') && <ProposeForm caseId={caseId} currency={currency} onChanged={onChanged} />}
    </Panel>
  );
};
