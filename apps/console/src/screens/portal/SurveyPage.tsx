import {
  LeavingReasons,
  type LeavingReason,
  type PortalSurveyAnswerBody,
  type PortalSurveyDto,
} from '@redress/contract';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api.ts';
import { describeError, type ErrorMessage } from '../../errors.ts';
import { portalApi } from './portal-api.ts';
import { PortalLoading, PortalRetry, usePortalLoad } from './portal-load.tsx';
import { FieldError, FormProblems, guardImeEnter, useCustomerLanguage, type SummaryItem } from './portal-ui.tsx';

const SCALE = [1, 2, 3, 4, 5] as const;

/** `/portal/survey#token=…`: how did it go? */
export const SurveyPage = () => {
  const { t } = useTranslation();
  const { token, load, setLoad, retry, invalidate } = usePortalLoad('survey', portalApi.viewSurvey);
  // The link the customer has just answered with: thanks, instead of the survey (now answered).
  const [answeredWith, setAnsweredWith] = useState<string | null>(null);
  useCustomerLanguage(load.state === 'ready' ? load.value.language : undefined);

  if (!token || load.state === 'invalid') {
    return (
      <Message title={t('portal.survey.invalidTitle')}>
        <p>{t('portal.survey.invalid')}</p>
        <p>
          <Link to="/portal/case">{t('portal.survey.toCase')}</Link>
        </p>
      </Message>
    );
  }
  if (load.state === 'loading') return <PortalLoading />;
  if (load.state === 'failed') {
    return (
      <Message title={t('portal.survey.title')}>
        <PortalRetry error={load.error} onRetry={retry} />
      </Message>
    );
  }
  if (answeredWith === token) {
    return (
      <Message title={t('portal.survey.thanksTitle')} focus>
        <p>{t('portal.survey.thanks')}</p>
      </Message>
    );
  }
  const survey = load.value;
  if (survey.status === 'answered') {
    return (
      <Message title={t('portal.survey.answeredTitle')}>
        <p>{t('portal.survey.answered')}</p>
      </Message>
    );
  }
  if (survey.status === 'expired') {
    return (
      <Message title={t('portal.survey.expiredTitle')}>
        <p>{t('portal.survey.expired')}</p>
      </Message>
    );
  }
  return (
    <SurveyForm
      token={token}
      survey={survey}
      onAnswered={() => setAnsweredWith(token)}
      onAlreadyAnswered={() => setLoad({ state: 'ready', value: { ...survey, status: 'answered' } })}
      onLinkInvalid={invalidate}
    />
  );
};

const Message = ({ title, focus, children }: { title: string; focus?: boolean; children: ReactNode }) => {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <section className="card portal-card" aria-labelledby="survey-message">
      <h1 id="survey-message" ref={ref} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </section>
  );
};

/** A row of radio buttons: arrow keys move within it, Tab moves past it (native behaviour). */
const RadioGroup = <T extends string | number>({
  name,
  legend,
  hint,
  options,
  value,
  onChange,
  error,
  optional,
}: {
  name: string;
  legend: string;
  hint?: string;
  options: readonly { value: T; label: string }[];
  value: T | undefined;
  onChange: (value: T) => void;
  error?: string | undefined;
  optional?: boolean;
}) => {
  const { t } = useTranslation();
  const describedBy = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ');
  return (
    <fieldset
      className={`portal-fieldset portal-radios${error ? ' field-invalid' : ''}`}
      aria-describedby={describedBy || undefined}
      aria-invalid={error ? true : undefined}
    >
      <legend>
        {legend}
        {optional && (
          <>
            {' '}
            <span className="portal-optional">{t('portal.common.optional')}</span>
          </>
        )}
      </legend>
      {hint && (
        <p id={`${name}-hint`} className="portal-hint">
          {hint}
        </p>
      )}
      <FieldError id={`${name}-error`} message={error} />
      {options.map((option, index) => (
        <div key={String(option.value)} className="portal-radio">
          <input
            id={index === 0 ? `survey-${name}` : `survey-${name}-${String(option.value)}`}
            type="radio"
            name={name}
            value={String(option.value)}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
          />
          <label htmlFor={index === 0 ? `survey-${name}` : `survey-${name}-${String(option.value)}`}>
            {option.label}
          </label>
        </div>
      ))}
    </fieldset>
  );
};

type SurveyErrorKey = 'portal.survey.scoreRequired' | 'portal.survey.solvedRequired';

const SurveyForm = ({
  token,
  survey,
  onAnswered,
  onAlreadyAnswered,
  onLinkInvalid,
}: {
  token: string;
  survey: PortalSurveyDto;
  onAnswered: (survey: PortalSurveyDto) => void;
  onAlreadyAnswered: () => void;
  onLinkInvalid: () => void;
}) => {
  const { t } = useTranslation();
  const [score, setScore] = useState<number>();
  const [solved, setSolved] = useState<'yes' | 'no'>();
  const [effort, setEffort] = useState<number>();
  const [comment, setComment] = useState('');
  const [leaving, setLeaving] = useState<'yes' | 'no'>();
  const [reason, setReason] = useState<LeavingReason>();
  const [errors, setErrors] = useState<{ score?: SurveyErrorKey; solved?: SurveyErrorKey }>({});
  const [formError, setFormError] = useState<ErrorMessage | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [pending, setPending] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const next: typeof errors = {};
    if (score === undefined) next.score = 'portal.survey.scoreRequired';
    if (solved === undefined) next.solved = 'portal.survey.solvedRequired';
    setErrors(next);
    setFormError(null);
    if (score === undefined || solved === undefined) {
      setAttempt((n) => n + 1);
      return;
    }
    const body: PortalSurveyAnswerBody = { score, solved: solved === 'yes' };
    if (effort !== undefined) body.effort = effort;
    if (comment.trim() !== '') body.comment = comment.trim();
    if (leaving !== undefined) body.leaving = leaving === 'yes';
    if (leaving === 'yes' && reason !== undefined) body.leavingReason = reason;
    setPending(true);
    try {
      onAnswered(await portalApi.answerSurvey(token, body));
    } catch (error) {
      setPending(false);
      if (error instanceof ApiError && error.code === 'conflict') onAlreadyAnswered();
      else if (error instanceof ApiError && error.code === 'link_invalid') onLinkInvalid();
      else {
        setFormError(describeError(error));
        setAttempt((n) => n + 1);
      }
    }
  };

  const summary: SummaryItem[] = [
    ...(errors.score ? [{ target: 'survey-score', message: t(errors.score) }] : []),
    ...(errors.solved ? [{ target: 'survey-solved', message: t(errors.solved) }] : []),
  ];
  const scale = (kind: 'score' | 'effort') =>
    SCALE.map((n) => ({ value: n, label: t(`portal.survey.${kind}Options.${n}`) }));
  const yesNo = [
    { value: 'yes' as const, label: t('portal.survey.yes') },
    { value: 'no' as const, label: t('portal.survey.no') },
  ];

  return (
    <section className="card portal-card" aria-labelledby="survey-title">
      <h1 id="survey-title">{t('portal.survey.title')}</h1>
      <p>{t('portal.survey.intro', { ref: survey.ref })}</p>
      <blockquote className="portal-problem">{survey.problem}</blockquote>
      <form noValidate onSubmit={(event) => void onSubmit(event)} onKeyDown={guardImeEnter} aria-busy={pending}>
        <FormProblems items={summary} problem={formError} attempt={attempt} />
        <RadioGroup
          name="score"
          legend={t('portal.survey.score')}
          options={scale('score')}
          value={score}
          onChange={setScore}
          error={errors.score ? t(errors.score) : undefined}
        />
        <RadioGroup
          name="solved"
          legend={t('portal.survey.solved')}
          options={yesNo}
          value={solved}
          onChange={setSolved}
          error={errors.solved ? t(errors.solved) : undefined}
        />
        <RadioGroup
          name="effort"
          legend={t('portal.survey.effort')}
          options={scale('effort')}
          value={effort}
          onChange={setEffort}
          optional
        />
        <div className="field">
          <label htmlFor="survey-comment">
            {t('portal.survey.comment')} <span className="portal-optional">{t('portal.common.optional')}</span>
          </label>
          <textarea id="survey-comment" rows={4} value={comment} onChange={(event) => setComment(event.target.value)} />
        </div>
        <RadioGroup
          name="leaving"
          legend={t('portal.survey.leaving')}
          options={yesNo}
          value={leaving}
          onChange={setLeaving}
          optional
        />
        {leaving === 'yes' && (
          <RadioGroup
            name="reason"
            legend={t('portal.survey.reason')}
            options={LeavingReasons.map((value) => ({ value, label: t(`portal.survey.reasons.${value}`) }))}
            value={reason}
            onChange={setReason}
            optional
          />
        )}
        <button type="submit" className="button-primary" disabled={pending}>
          {pending ? t('portal.survey.sending') : t('portal.survey.send')}
        </button>
      </form>
    </section>
  );
};
