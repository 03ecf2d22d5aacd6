import type { CaseDto, CaseList, CustomerDto } from '@redress/contract';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Load } from '../../hooks/use-load.ts';
import { isLocale, LANGUAGE_NAMES } from '../../i18n/i18n.ts';
import { useFormatDate } from '../../preferences-context.tsx';
import { useCaseVocabulary } from '../agent/vocabulary.ts';
import { LoadView, Panel } from './case-ui.tsx';

const languageName = (language: string | null) =>
  language && isLocale(language) ? LANGUAGE_NAMES[language] : language;

/** Contact details: only those the API returned (it sends them only to readers of customers). */
const Contacts = ({ emails, phones }: { emails: readonly string[]; phones: readonly string[] }) => {
  const { t } = useTranslation();
  if (emails.length === 0 && phones.length === 0) return null;
  return (
    <div>
      <dt>{t('case.customer.contacts')}</dt>
      {emails.map((email) => (
        <dd key={email}>
          <a href={`mailto:${email}`}>{email}</a>
        </dd>
      ))}
      {phones.map((phone) => (
        <dd key={phone}>
          <a href={`tel:${phone}`}>{phone}</a>
        </dd>
      ))}
    </div>
  );
};

/** What matters to them (article 003) and what we know they bought. */
const CustomerRecord = ({ customer }: { customer: CustomerDto }) => {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const { priorities, text } = customer.whatMatters;
  return (
    <>
      <h3>{t('case.customer.whatMatters')}</h3>
      {priorities.length === 0 && !text ? (
        <p className="muted">{t('case.customer.whatMattersUnknown')}</p>
      ) : (
        <>
          {priorities.length > 0 && (
            <ul className="case-chips">
              {priorities.map((priority) => (
                <li key={priority}>{t(`case.customer.priority.${priority}`)}</li>
              ))}
            </ul>
          )}
          {text && <p className="case-note">{text}</p>}
        </>
      )}
      {customer.products.length > 0 && (
        <>
          <h3>{t('case.customer.products')}</h3>
          <ul className="case-list">
            {customer.products.map((product) => (
              <li key={product.id}>
                <strong>{product.product}</strong>
                {product.orderRef && <> · {product.orderRef}</>}
                {product.purchasedAt && <> · {formatDate(product.purchasedAt)}</>}
                {product.notes && <p className="case-note">{product.notes}</p>}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
};

/** The customer's earlier (and other open) cases, so nobody asks what happened last time. */
const History = ({ caseId, list }: { caseId: string; list: CaseList }) => {
  const { t } = useTranslation();
  const vocab = useCaseVocabulary();
  const formatDate = useFormatDate();
  const others = list.items.filter((item) => item.id !== caseId);
  if (others.length === 0) return <p className="muted">{t('case.customer.firstCase')}</p>;
  return (
    <ul className="case-list">
      {others.map((item) => (
        <li key={item.id}>
          <Link to={`/cases/${encodeURIComponent(item.id)}`}>{item.ref}</Link> {item.subject ?? t('case.noSubject')}
          <span className="muted">
            {' · '}
            {vocab.status(item.status)} · {formatDate(item.createdAt)}
          </span>
        </li>
      ))}
    </ul>
  );
};

interface CustomerCardProps {
  caseDto: CaseDto;
  /** The full record, `null` when the reader may not see it. */
  customer: Load<CustomerDto | null>;
  history: Load<CaseList>;
  onRetryCustomer: () => void;
  onRetryHistory: () => void;
}

/** Who the customer is, how to reach them, what matters to them and their history with us. */
export const CustomerCard = ({ caseDto, customer, history, onRetryCustomer, onRetryHistory }: CustomerCardProps) => {
  const { t } = useTranslation();
  const full = customer.state === 'ready' ? customer.value : null;
  const name = full?.name ?? caseDto.customer.name;
  const preferred = full ? full.preferredName : caseDto.customer.preferredName;
  const language = full ? full.language : caseDto.customer.language;
  return (
    <Panel id="case-customer" title={t('case.customer.title')}>
      <dl className="case-customer-facts">
        <div>
          <dt>{t('case.customer.name')}</dt>
          <dd className="case-customer-name">{name}</dd>
        </div>
        {preferred && preferred !== name && (
          <div>
            <dt>{t('case.customer.preferredName')}</dt>
            <dd>{preferred}</dd>
          </div>
        )}
        {language && (
          <div>
            <dt>{t('case.customer.language')}</dt>
            <dd>{languageName(language)}</dd>
          </div>
        )}
        <Contacts
          emails={full?.emails ?? caseDto.customer.emails ?? []}
          phones={full?.phones ?? caseDto.customer.phones ?? []}
        />
      </dl>
      {customer.state !== 'ready' || full ? (
        <LoadView load={customer} onRetry={onRetryCustomer}>
          {(record) => record && <CustomerRecord customer={record} />}
        </LoadView>
      ) : null}
      <h3>{t('case.customer.history')}</h3>
      <LoadView load={history} onRetry={onRetryHistory}>
        {(list) => <History caseId={caseDto.id} list={list} />}
      </LoadView>
    </Panel>
  );
};
