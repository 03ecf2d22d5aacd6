import {
  EmailStatuses,
  type CaseEmailList,
  type EmailStatus,
  type FollowUpList,
  type SurveyList,
} from '@redress/contract';
import { useTranslation } from 'react-i18next';
import type { Load } from '../../hooks/use-load.ts';
import { useFormatDate } from '../../preferences-context.tsx';
import { LoadView, Panel } from './case-ui.tsx';

const isEmailStatus = (value: string): value is EmailStatus => (EmailStatuses as readonly string[]).includes(value);

/** E-mails to and from the customer on this case, newest first, with how each one fared. */
export const EmailsPanel = ({ load, onRetry }: { load: Load<CaseEmailList>; onRetry: () => void }) => {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  return (
    <Panel id="case-emails" title={t('case.emails.title')}>
      <LoadView load={load} onRetry={onRetry}>
        {({ items }) =>
          items.length === 0 ? (
            <p className="muted">{t('case.emails.none')}</p>
          ) : (
            <ul className="case-list">
              {[...items]
                .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
                .map((email) => (
                  <li key={email.id}>
                    <strong>{email.subject ?? t('case.emails.noSubject')}</strong>
                    <span className="muted">
                      {' · '}
                      {email.direction === 'inbound' ? t('case.emails.inbound') : t('case.emails.outbound')}
                      {' · '}
                      {isEmailStatus(email.status) ? t(`case.emails.status.${email.status}`) : email.status}
                      {' · '}
                      <time dateTime={email.sentAt ?? email.createdAt}>
                        {formatDate(email.sentAt ?? email.createdAt, { style: 'dateTime' })}
                      </time>
                    </span>
                    {email.text && (
                      <details>
                        <summary>{t('case.emails.read')}</summary>
                        <p className="case-event-body">{email.text}</p>
                      </details>
                    )}
                  </li>
                ))}
            </ul>
          )
        }
      </LoadView>
    </Panel>
  );
};

/** The follow-up after resolution and the customer's survey answers (article 001). */
export const FollowupsPanel = ({
  followups,
  surveys,
  onRetryFollowups,
  onRetrySurveys,
}: {
  followups: Load<FollowUpList>;
  surveys: Load<SurveyList>;
  onRetryFollowups: () => void;
  onRetrySurveys: () => void;
}) => {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  return (
    <Panel id="case-followups" title={t('case.followups.title')}>
      <LoadView load={followups} onRetry={onRetryFollowups}>
        {({ items }) =>
          items.length === 0 ? (
            <p className="muted">{t('case.followups.none')}</p>
          ) : (
            <ul className="case-list">
              {items.map((item) => (
                <li key={item.id}>
                  {t(`case.followups.status.${item.status}`)}
                  {' · '}
                  {t(`case.followups.plan.${item.plan}`)}
                  {item.status === 'scheduled' && item.dueAt && (
                    <> · {t('case.followups.goesOut', { when: formatDate(item.dueAt, { style: 'dateTime' }) })}</>
                  )}
                  {item.sentAt && (
                    <> · {t('case.followups.sentOn', { when: formatDate(item.sentAt, { style: 'dateTime' }) })}</>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </LoadView>
      <h3>{t('case.surveys.title')}</h3>
      <LoadView load={surveys} onRetry={onRetrySurveys}>
        {({ items }) =>
          items.length === 0 ? (
            <p className="muted">{t('case.surveys.none')}</p>
          ) : (
            <ul className="case-list">
              {items.map((survey) => (
                <li key={survey.id}>
                  {t(`case.surveys.status.${survey.status}`)}
                  {survey.score !== null && <> · {t('case.surveys.score', { score: survey.score })}</>}
                  {survey.solved !== null && (
                    <> · {survey.solved ? t('case.surveys.solved') : t('case.surveys.notSolved')}</>
                  )}
                  {survey.leaving && <strong className="case-warning"> · {t('case.surveys.leaving')}</strong>}
                  {survey.comment && <p className="case-note">{survey.comment}</p>}
                </li>
              ))}
            </ul>
          )
        }
      </LoadView>
    </Panel>
  );
};
