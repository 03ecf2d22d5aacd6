import type { CaseAction, CaseDto, RootCauseDto } from '@redress/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/permissions.ts';
import { useFormatDate, useLocale } from '../../preferences-context.tsx';
import { useCaseVocabulary } from '../agent/vocabulary.ts';
import { caseApi } from './case-api.ts';
import { localName } from './case-words.ts';
import { ErrorText, Panel, useAction } from './case-ui.tsx';
import { ResolutionForm } from './ResolutionForm.tsx';

type FormMode = 'closed' | 'record' | 'resolve';

/** The resolution as recorded, with its kind and root cause in words. */
const RecordedResolution = ({ caseDto, rootCauses }: { caseDto: CaseDto; rootCauses: readonly RootCauseDto[] }) => {
  const { t } = useTranslation();
  const locale = useLocale();
  const formatDate = useFormatDate();
  const { resolution, customerDecision } = caseDto;
  if (!resolution) return null;
  const cause = rootCauses.find((candidate) => candidate.id === resolution.rootCauseId);
  return (
    <div className="case-resolution">
      <h3>{t('case.resolution.title')}</h3>
      <p className="case-note">{resolution.text}</p>
      <p className="muted">
        {t(`case.resolution.kind.${resolution.kind}`)}
        {' · '}
        {t('case.resolution.causeIs', { cause: cause ? localName(cause.names, locale) : resolution.rootCauseId })}
        {' · '}
        {formatDate(resolution.recordedAt, { style: 'dateTime' })}
      </p>
      {customerDecision && (
        <p>
          {customerDecision.accepted ? t('case.resolution.customerAccepted') : t('case.resolution.customerRejected')}
          {customerDecision.note && <span className="muted"> · {customerDecision.note}</span>}
        </p>
      )}
    </div>
  );
};

/**
 * What can be done to the case's status now (the server's `allowedActions`), the resolution and
 * the customer's answer to it. Resolving without a recorded resolution opens its form first.
 */
export const StatusActions = ({
  caseDto,
  rootCauses,
  onChanged,
}: {
  caseDto: CaseDto;
  rootCauses: readonly RootCauseDto[];
  onChanged: () => void;
}) => {
  const { t } = useTranslation();
  const can = useCan();
  const vocab = useCaseVocabulary();
  const [form, setForm] = useState<FormMode>('closed');
  const action = useAction(onChanged);
  const allowed = caseDto.allowedActions ?? [];
  const mayTransition = can('case:transition');
  const hasResolution = caseDto.resolution !== null;
  const asksCustomer = hasResolution && (caseDto.status === 'resolution_proposed' || caseDto.status === 'resolved');

  const onAction = (value: CaseAction) => {
    if ((value === 'resolve' || value === 'propose_resolution') && !hasResolution) {
      setForm(value === 'resolve' ? 'resolve' : 'record');
      return;
    }
    void action.run(() => caseApi.transition(caseDto.id, { action: value }));
  };
  const closeBlocked = (value: CaseAction) => value === 'close' && caseDto.customerDecision === null;

  return (
    <Panel id="case-status" title={t('case.statusPanel.title')}>
      <p>
        {t('case.statusPanel.now')}{' '}
        <strong className={`case-status case-status-${caseDto.status}`}>{vocab.status(caseDto.status)}</strong>
      </p>
      {mayTransition && allowed.length > 0 && (
        <div className="case-row-actions" role="group" aria-label={t('case.statusPanel.actions')}>
          {allowed.map((value) => (
            <button
              key={value}
              type="button"
              className="button-quiet"
              disabled={action.busy || closeBlocked(value)}
              aria-describedby={closeBlocked(value) ? 'case-close-hint' : undefined}
              onClick={() => onAction(value)}
            >
              {t(`case.actions.${value}`)}
            </button>
          ))}
        </div>
      )}
      {allowed.includes('close') && caseDto.customerDecision === null && (
        <p id="case-close-hint" className="muted">
          {t('case.statusPanel.closeNeedsDecision')}
        </p>
      )}
      <ErrorText error={action.error} />
      <RecordedResolution caseDto={caseDto} rootCauses={rootCauses} />
      {mayTransition && asksCustomer && (
        <div className="case-row-actions" role="group" aria-label={t('case.resolution.customerAnswer')}>
          <button
            type="button"
            className="button-quiet"
            disabled={action.busy}
            onClick={() => void action.run(() => caseApi.recordDecision(caseDto.id, { accepted: true }))}
          >
            {t('case.resolution.markAccepted')}
          </button>
          <button
            type="button"
            className="button-quiet"
            disabled={action.busy}
            onClick={() => void action.run(() => caseApi.recordDecision(caseDto.id, { accepted: false }))}
          >
            {t('case.resolution.markRejected')}
          </button>
        </div>
      )}
      {mayTransition &&
        caseDto.status !== 'closed' &&
        (form === 'closed' ? (
          <button type="button" className="button-quiet" onClick={() => setForm('record')}>
            {hasResolution ? t('case.resolution.change') : t('case.resolution.record')}
          </button>
        ) : (
          <ResolutionForm
            caseDto={caseDto}
            rootCauses={rootCauses}
            resolve={form === 'resolve'}
            onDone={() => {
              setForm('closed');
              onChanged();
            }}
            onCancel={() => setForm('closed')}
          />
        ))}
    </Panel>
  );
};
