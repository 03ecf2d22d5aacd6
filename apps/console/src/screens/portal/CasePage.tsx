import type { PortalAttachmentDto, PortalCaseDto, PortalMessageDto } from '@redress/contract';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api.ts';
import { describeError, type ErrorMessage } from '../../errors.ts';
import { useFormatDate, useLocale } from '../../preferences-context.tsx';
import { portalApi } from './portal-api.ts';
import { PortalLoading, PortalRetry, usePortalLoad } from './portal-load.tsx';
import { storedToken } from './portal-token.ts';
import {
  FieldError,
  FileChooser,
  fileProblem,
  fileRefusal,
  FormProblems,
  formatBytes,
  looksLikeEmail,
  guardImeEnter,
  useCustomerLanguage,
  type SummaryItem,
} from './portal-ui.tsx';

/** Used when the form's limits cannot be read: the server checks again anyway. */
const FALLBACK_LIMITS = { maxAttachmentBytes: 10 * 1024 * 1024, maxAttachments: 5 };

/** `/portal/case#token=…`: the customer's case, followed through the private link. */
export const CasePage = () => {
  const { t } = useTranslation();
  const { token, load, setLoad, retry, invalidate } = usePortalLoad('case', portalApi.viewCase);
  useCustomerLanguage(load.state === 'ready' ? load.value.language : undefined);

  if (!token || load.state === 'invalid') {
    return <RequestLink reason={token === null && load.state !== 'invalid' ? 'noLink' : 'invalid'} />;
  }
  if (load.state === 'loading') return <PortalLoading />;
  if (load.state === 'failed') {
    return (
      <section className="card portal-card">
        <h1>{t('portal.case.title')}</h1>
        <PortalRetry error={load.error} onRetry={retry} />
      </section>
    );
  }
  const view = load.value;
  return (
    <CaseView
      token={token}
      view={view}
      onReplied={(message) => setLoad({ state: 'ready', value: { ...view, messages: [...view.messages, message] } })}
      onLinkInvalid={invalidate}
    />
  );
};

const Attachments = ({ token, attachments }: { token: string; attachments: readonly PortalAttachmentDto[] }) => {
  const { t } = useTranslation();
  const locale = useLocale();
  const [error, setError] = useState<ErrorMessage | null>(null);
  if (attachments.length === 0) return null;
  return (
    <>
      <ul className="portal-attachments" aria-label={t('portal.case.attachments')}>
        {attachments.map((attachment) => (
          <li key={attachment.id}>
            <button
              type="button"
              className="button-quiet portal-attachment"
              onClick={() => {
                setError(null);
                portalApi
                  .downloadAttachment(token, attachment.id, attachment.filename)
                  .catch((failure: unknown) => setError(describeError(failure)));
              }}
            >
              {t('portal.case.download', { name: attachment.filename })}{' '}
              <span className="muted">({formatBytes(attachment.size, locale)})</span>
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p className="field-error" role="alert">
          {t(error.key, error.values)}
        </p>
      )}
    </>
  );
};

const CaseView = ({
  token,
  view,
  onReplied,
  onLinkInvalid,
}: {
  token: string;
  view: PortalCaseDto;
  onReplied: (message: PortalMessageDto) => void;
  onLinkInvalid: () => void;
}) => {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const closed = view.status === 'closed';
  const surveyToken = storedToken('survey');
  return (
    <div className="portal-stack">
      <section className="card portal-card" aria-labelledby="case-title">
        <h1 id="case-title">{t('portal.case.heading', { ref: view.ref })}</h1>
        {view.mergedFromRef && (
          <p className="muted">{t('portal.case.merged', { own: view.mergedFromRef, ref: view.ref })}</p>
        )}
        <dl className="portal-facts">
          <div>
            <dt>{t('portal.case.status')}</dt>
            <dd>
              <strong>{t(`portal.caseStatus.${view.status}`)}</strong>
            </dd>
          </div>
          <div>
            <dt>{t('portal.case.nextUpdate')}</dt>
            <dd>
              {view.nextUpdateBy
                ? formatDate(view.nextUpdateBy, { style: 'dateTime' })
                : closed || view.status === 'resolved'
                  ? t('portal.case.noUpdateDue')
                  : t('portal.case.nextUpdateSoon')}
            </dd>
          </div>
          <div>
            <dt>{t('portal.case.filedOn')}</dt>
            <dd>{formatDate(view.createdAt)}</dd>
          </div>
          {view.categoryName && (
            <div>
              <dt>{t('portal.case.category')}</dt>
              <dd>{view.categoryName}</dd>
            </div>
          )}
        </dl>
        <p className="portal-hint">{t(`portal.caseStatusExplained.${view.status}`)}</p>
      </section>

      {view.survey?.status === 'open' && (
        <section className="card portal-card portal-notice" aria-labelledby="case-survey">
          <h2 id="case-survey">{t('portal.case.surveyTitle')}</h2>
          {surveyToken ? (
            <p>
              <Link to="/portal/survey">{t('portal.case.surveyLink')}</Link>
            </p>
          ) : (
            <p>{t('portal.case.surveyByEmail')}</p>
          )}
        </section>
      )}

      <section className="card portal-card" aria-labelledby="case-told">
        <h2 id="case-told">{t('portal.case.yourWords')}</h2>
        {view.subject && (
          <p>
            <strong>{view.subject}</strong>
          </p>
        )}
        <p className="portal-text">{view.description}</p>
        <Attachments token={token} attachments={view.attachments} />
      </section>

      <section className="card portal-card" aria-labelledby="case-messages">
        <h2 id="case-messages">{t('portal.case.conversation')}</h2>
        {view.messages.length === 0 ? (
          <p className="muted">{t('portal.case.noMessages')}</p>
        ) : (
          <ol className="portal-conversation">
            {view.messages.map((message) => {
              const fromCustomer = message.direction === 'inbound';
              return (
                <li key={message.id} className={fromCustomer ? 'portal-message portal-message-own' : 'portal-message'}>
                  <p className="portal-message-meta">
                    <strong>
                      {fromCustomer
                        ? t('portal.case.fromYou')
                        : message.authorName
                          ? t('portal.case.fromAgent', { name: message.authorName })
                          : t('portal.case.fromUs')}
                    </strong>{' '}
                    <span className="muted">
                      <time dateTime={message.at}>{formatDate(message.at, { style: 'dateTime' })}</time>
                    </span>
                  </p>
                  <p className="portal-text">{message.body}</p>
                  <Attachments token={token} attachments={message.attachments} />
                </li>
              );
            })}
          </ol>
        )}
        {closed ? (
          <p className="muted">{t('portal.case.closedNoReplies')}</p>
        ) : (
          <ReplyForm token={token} onReplied={onReplied} onLinkInvalid={onLinkInvalid} />
        )}
      </section>

      {view.policies.length > 0 && (
        <section className="card portal-card" aria-labelledby="case-policies">
          <h2 id="case-policies">{t('portal.case.policies')}</h2>
          {view.policies.map((policy) => (
            <div key={policy.name} className="portal-policy">
              <h3>{policy.name}</h3>
              <ul>
                {policy.promises.map((promise) => (
                  <li key={promise}>{promise}</li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      )}

      <p className="muted portal-card">{t('portal.case.linkUntil', { date: formatDate(view.linkExpiresAt) })}</p>
    </div>
  );
};

type ReplyFieldKey =
  | 'portal.case.replyRequired'
  | 'portal.case.replyInvalid'
  | 'portal.files.tooMany'
  | 'portal.files.tooLarge'
  | 'portal.files.typeNotAllowed';

const ReplyForm = ({
  token,
  onReplied,
  onLinkInvalid,
}: {
  token: string;
  onReplied: (message: PortalMessageDto) => void;
  onLinkInvalid: () => void;
}) => {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [limits, setLimits] = useState(FALLBACK_LIMITS);
  const [errors, setErrors] = useState<{ body?: ReplyFieldKey; files?: ReplyFieldKey }>({});
  const [formError, setFormError] = useState<ErrorMessage | { key: 'portal.case.closedNoReplies' } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [pending, setPending] = useState(false);
  const [sent, setSent] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    portalApi.config(undefined, controller.signal).then(
      (config) => setLimits({ maxAttachmentBytes: config.maxAttachmentBytes, maxAttachments: config.maxAttachments }),
      () => undefined, // Keep the fallback; the server has the last word on sizes.
    );
    return () => controller.abort();
  }, []);

  const fail = (next: typeof errors, problem: typeof formError) => {
    setErrors(next);
    setFormError(problem);
    setAttempt((n) => n + 1);
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    setSent(false);
    const next: typeof errors = {};
    if (body.trim() === '') next.body = 'portal.case.replyRequired';
    const problem = fileProblem(files, limits.maxAttachmentBytes, limits.maxAttachments);
    if (problem) next.files = problem;
    if (next.body || next.files) {
      fail(next, null);
      return;
    }
    setPending(true);
    try {
      const message = await portalApi.reply(token, body.trim(), files);
      setBody('');
      setFiles([]);
      setErrors({});
      setFormError(null);
      setSent(true);
      onReplied(message);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'link_invalid') {
        onLinkInvalid();
        return;
      }
      const refusal = fileRefusal(error);
      if (refusal) fail({ files: refusal }, null);
      else if (error instanceof ApiError && error.code === 'validation_failed' && error.detailsFor('body').length > 0) {
        fail({ body: 'portal.case.replyInvalid' }, null);
      } else if (error instanceof ApiError && error.code === 'rule_violated') {
        fail({}, { key: 'portal.case.closedNoReplies' });
      } else fail({}, describeError(error));
    } finally {
      setPending(false);
    }
  };

  const summary: SummaryItem[] = [
    ...(errors.body ? [{ target: 'reply-body', message: t(errors.body) }] : []),
    ...(errors.files ? [{ target: 'reply-files', message: t(errors.files) }] : []),
  ];

  return (
    <form
      className="portal-reply"
      noValidate
      onSubmit={(event) => void onSubmit(event)}
      onKeyDown={guardImeEnter}
      aria-busy={pending}
      aria-labelledby="reply-title"
    >
      <h3 id="reply-title">{t('portal.case.replyTitle')}</h3>
      <FormProblems items={summary} problem={formError} attempt={attempt} />
      <div className={`field${errors.body ? ' field-invalid' : ''}`}>
        <label htmlFor="reply-body">{t('portal.case.replyLabel')}</label>
        <FieldError id="reply-body-error" message={errors.body ? t(errors.body) : undefined} />
        <textarea
          id="reply-body"
          rows={5}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          aria-invalid={errors.body ? true : undefined}
          aria-describedby={errors.body ? 'reply-body-error' : undefined}
        />
      </div>
      <FileChooser
        id="reply-files"
        files={files}
        onChange={setFiles}
        maxBytes={limits.maxAttachmentBytes}
        maxFiles={limits.maxAttachments}
        error={errors.files ? t(errors.files) : undefined}
      />
      <button type="submit" className="button-primary" disabled={pending}>
        {pending ? t('portal.case.replySending') : t('portal.case.replySend')}
      </button>
      <p role="status" className="portal-sent">
        {sent ? t('portal.case.replySent') : ''}
      </p>
    </form>
  );
};

/**
 * Shown when the page has no valid link: ask for a fresh one by reference and e-mail. The answer
 * is the same whether or not they matched, so nobody can learn whose case a reference is.
 */
const RequestLink = ({ reason }: { reason: 'noLink' | 'invalid' }) => {
  const { t } = useTranslation();
  const locale = useLocale();
  const [ref, setRef] = useState('');
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<{ ref?: string; email?: string }>({});
  const [formError, setFormError] = useState<ErrorMessage | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState(false);
  const composing = useRef(false);
  const doneRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending || composing.current) return;
    const next: typeof errors = {};
    if (ref.trim().length < 3) next.ref = t('portal.link.refRequired');
    const trimmed = email.trim();
    if (trimmed === '') next.email = t('portal.file.errors.emailRequired');
    else if (!looksLikeEmail(trimmed)) next.email = t('portal.file.errors.emailInvalid');
    setErrors(next);
    setFormError(null);
    if (next.ref || next.email) {
      setAttempt((n) => n + 1);
      return;
    }
    setPending(true);
    try {
      await portalApi.requestLink({ ref: ref.trim(), email: trimmed, language: locale });
      setDone(true);
    } catch (error) {
      setFormError(describeError(error));
      setAttempt((n) => n + 1);
    } finally {
      setPending(false);
    }
  };

  if (done) {
    return (
      <section className="card portal-card" aria-labelledby="link-done">
        <h1 id="link-done" ref={doneRef} tabIndex={-1}>
          {t('portal.link.doneTitle')}
        </h1>
        <p>{t('portal.link.done')}</p>
      </section>
    );
  }

  const summary: SummaryItem[] = [
    ...(errors.ref ? [{ target: 'link-ref', message: errors.ref }] : []),
    ...(errors.email ? [{ target: 'link-email', message: errors.email }] : []),
  ];

  return (
    <section className="card portal-card" aria-labelledby="link-title">
      <h1 id="link-title">{reason === 'invalid' ? t('portal.link.invalidTitle') : t('portal.link.title')}</h1>
      <p>{reason === 'invalid' ? t('portal.link.invalid') : t('portal.link.noLink')}</p>
      <form
        noValidate
        onSubmit={(event) => void onSubmit(event)}
        onKeyDown={guardImeEnter}
        onCompositionStart={() => (composing.current = true)}
        onCompositionEnd={() => (composing.current = false)}
        aria-busy={pending}
      >
        <FormProblems items={summary} problem={formError} attempt={attempt} />
        <div className={`field${errors.ref ? ' field-invalid' : ''}`}>
          <label htmlFor="link-ref">{t('portal.link.ref')}</label>
          <p id="link-ref-hint" className="portal-hint">
            {t('portal.link.refHint')}
          </p>
          <FieldError id="link-ref-error" message={errors.ref} />
          <input
            id="link-ref"
            type="text"
            autoCapitalize="characters"
            spellCheck={false}
            value={ref}
            onChange={(event) => setRef(event.target.value)}
            aria-invalid={errors.ref ? true : undefined}
            aria-describedby={errors.ref ? 'link-ref-hint link-ref-error' : 'link-ref-hint'}
          />
        </div>
        <div className={`field${errors.email ? ' field-invalid' : ''}`}>
          <label htmlFor="link-email">{t('portal.file.email')}</label>
          <FieldError id="link-email-error" message={errors.email} />
          <input
            id="link-email"
            type="email"
            inputMode="email"
            autoComplete="email"
            autoCapitalize="none"
            spellCheck={false}
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={errors.email ? 'link-email-error' : undefined}
          />
        </div>
        <button type="submit" className="button-primary" disabled={pending}>
          {pending ? t('portal.link.sending') : t('portal.link.send')}
        </button>
      </form>
      <p className="portal-aside">
        <Link to="/portal">{t('portal.link.newComplaint')}</Link>
      </p>
    </section>
  );
};
