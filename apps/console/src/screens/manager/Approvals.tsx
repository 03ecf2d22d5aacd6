import { CompensationKinds, type CompensationKind, type EarlyWarningDto } from '@redress/contract';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../preferences-context.tsx';
import { formatMoney } from './board-model.ts';
import { WaitingByLevel } from './Escalations.tsx';
import { describeDecisionError, type DecisionError } from './manager-errors.ts';
import { managerApi } from './manager-api.ts';
import { CaseLink, SectionHeading, ShownOf, Waited } from './manager-ui.tsx';

export type ApprovalItem = EarlyWarningDto['approvals']['items'][number];
export type Decision = 'approved' | 'rejected';

const isKind = (kind: string): kind is CompensationKind => (CompensationKinds as readonly string[]).includes(kind);

/** Asks why before rejecting: the proposer reads the reason. */
const RejectForm = ({
  item,
  busy,
  onReject,
  onCancel,
}: {
  item: ApprovalItem;
  busy: boolean;
  onReject: (note: string) => void;
  onCancel: () => void;
}) => {
  const { t } = useTranslation();
  const id = useId();
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (note.trim() === '') {
      setMissing(true);
      return;
    }
    onReject(note.trim());
  };
  return (
    <form className="board-reject" onSubmit={submit} noValidate>
      <label htmlFor={`${id}-note`}>{t('manager.approvals.reason', { ref: item.caseRef })}</label>
      <textarea
        id={`${id}-note`}
        value={note}
        maxLength={2000}
        rows={2}
        aria-invalid={missing || undefined}
        aria-describedby={missing ? `${id}-error` : undefined}
        onChange={(event) => {
          setNote(event.target.value);
          if (event.target.value.trim() !== '') setMissing(false);
        }}
      />
      {missing && (
        <p id={`${id}-error`} className="field-error">
          {t('manager.approvals.reasonMissing')}
        </p>
      )}
      <div className="board-actions">
        <button type="submit" className="button-danger" disabled={busy}>
          {t('manager.approvals.confirmReject', { ref: item.caseRef })}
        </button>
        <button type="button" className="button-quiet" onClick={onCancel}>
          {t('manager.approvals.cancel')}
        </button>
      </div>
    </form>
  );
};

/** Compensation proposals waiting for a decision, with Approve and Reject for those who may. */
export const ApprovalsSection = ({
  board,
  now,
  levelName,
  personName,
  canDecide,
  onDecided,
}: {
  board: EarlyWarningDto;
  now: Date;
  levelName: (rank: number) => string;
  personName: (userId: string | null) => string;
  canDecide: boolean;
  onDecided: (item: ApprovalItem, decision: Decision) => void;
}) => {
  const { t } = useTranslation();
  const locale = useLocale();
  const [busy, setBusy] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, DecisionError>>({});
  const { approvals } = board;

  const decide = (item: ApprovalItem, decision: Decision, note = '') => {
    const id = item.compensationId;
    setBusy(id);
    setErrors(({ [id]: _dropped, ...rest }) => rest);
    const request = decision === 'approved' ? managerApi.approve(id) : managerApi.reject(id, note);
    request.then(
      () => {
        setBusy(null);
        setRejecting(null);
        onDecided(item, decision);
      },
      (error: unknown) => {
        setBusy(null);
        setErrors((previous) => ({ ...previous, [id]: describeDecisionError(error) }));
      },
    );
  };

  return (
    <section className="board-section" aria-labelledby="board-approvals">
      <SectionHeading id="board-approvals" count={approvals.total}>
        {t('manager.approvals.title')}
      </SectionHeading>
      <WaitingByLevel
        byRank={approvals.byRank}
        now={now}
        levelName={levelName}
        label={t('manager.approvals.byLevel')}
      />
      {approvals.items.length === 0 ? (
        <p className="muted">{t('manager.approvals.none')}</p>
      ) : (
        <ul className="board-cards">
          {approvals.items.map((item) => {
            const error = errors[item.compensationId];
            const money = formatMoney(item.amount, item.currency, locale);
            return (
              <li key={item.compensationId} className="board-card">
                <p className="board-card-head">
                  <CaseLink caseId={item.caseId} caseRef={item.caseRef} />
                  <span>{isKind(item.kind) ? t(`manager.remedyKinds.${item.kind}`) : item.kind}</span>
                  <strong className="board-amount">{money ?? t('manager.approvals.noAmount')}</strong>
                </p>
                <dl className="board-facts">
                  <dt>{t('manager.approvals.proposedBy')}</dt>
                  <dd>{personName(item.proposedBy)}</dd>
                  <dt>{t('manager.approvals.needs')}</dt>
                  <dd>{levelName(item.requiredRank)}</dd>
                  <dt>{t('manager.columns.waiting')}</dt>
                  <dd>
                    <Waited since={item.waitingSince} now={now} />
                  </dd>
                </dl>
                {canDecide && rejecting !== item.compensationId && (
                  <div className="board-actions">
                    <button
                      type="button"
                      className="button-approve"
                      aria-label={t('manager.approvals.approveCase', { ref: item.caseRef })}
                      disabled={busy === item.compensationId}
                      onClick={() => decide(item, 'approved')}
                    >
                      {t('manager.approvals.approve')}
                    </button>
                    <button
                      type="button"
                      className="button-quiet"
                      aria-label={t('manager.approvals.rejectCase', { ref: item.caseRef })}
                      disabled={busy === item.compensationId}
                      onClick={() => setRejecting(item.compensationId)}
                    >
                      {t('manager.approvals.reject')}
                    </button>
                  </div>
                )}
                {canDecide && rejecting === item.compensationId && (
                  <RejectForm
                    item={item}
                    busy={busy === item.compensationId}
                    onReject={(note) => decide(item, 'rejected', note)}
                    onCancel={() => setRejecting(null)}
                  />
                )}
                {error && (
                  <p className="board-error" role="alert">
                    {t(error.key, error.values)}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <ShownOf shown={approvals.items.length} total={approvals.total} />
    </section>
  );
};
