import { ExpectedRemedies, type LogCallBody } from '@redress/contract';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCan } from '../../auth/permissions.ts';
import { describeError, type ErrorMessage } from '../../errors.ts';
import { useLoad } from '../../hooks/use-load.ts';
import { LANGUAGE_NAMES, SUPPORTED_LOCALES, isLocale } from '../../i18n/i18n.ts';
import { useFormatDate, useLocale } from '../../preferences-context.tsx';
import { guardImeEnter } from '../portal/portal-ui.tsx';
import { agentApi } from './agent-api.ts';
import { announce, ensureAnnouncer } from './announce.ts';
import { CallerCard, useCallerLookup } from './CallerLookup.tsx';
import { AboutChoices, FieldBox } from './log-call-fields.tsx';
import {
  bodyOf,
  checkValues,
  FIELDS,
  inputId,
  NEW_CASE,
  outcomeUncertain,
  serverFieldErrors,
  type Field,
  type FieldErrors,
  type Values,
} from './log-call-form.ts';
import { categoryChoices, useCaseVocabulary } from './vocabulary.ts';
import './agent.css';

/** A request sent without a clear answer: sent again unchanged, under the same key, it is logged once. */
interface Uncertain {
  signature: string;
  body: LogCallBody;
  key: string;
}

const signatureOf = ({ durationSeconds: _, ...rest }: LogCallBody) => JSON.stringify(rest);

/**
 * "Log a call", for an agent on the phone: the number first (the caller is looked up while it is
 * typed), then what the caller said in their words, and how the call ended. Opens a case for a
 * new complaint or records the call on the open case chosen, then goes to that case.
 */
export const LogCall = () => {
  const { t } = useTranslation();
  const locale = useLocale();
  const can = useCan();
  const navigate = useNavigate();
  const formatDate = useFormatDate();
  const vocab = useCaseVocabulary();
  const [startedAt] = useState(() => new Date());
  const [values, setValues] = useState<Values>({
    phone: '',
    name: '',
    language: locale,
    about: NEW_CASE,
    words: '',
    subject: '',
    categoryId: '',
    remedy: '',
    outcome: '',
  });
  const [languageChosen, setLanguageChosen] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<ErrorMessage | null>(null);
  const [pending, setPending] = useState(false);
  const composing = useRef(false);
  const uncertain = useRef<Uncertain | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const caller = useCallerLookup(values.phone, can('customer:read'));
  const categories = useLoad(agentApi.categories, 'categories');

  useEffect(() => void ensureAnnouncer(), []);

  // A known caller's own language, unless the agent has already chosen one.
  const callerLanguage = caller.phase === 'known' ? caller.customer.language : null;
  useEffect(() => {
    if (!languageChosen && isLocale(callerLanguage)) setValues((v) => ({ ...v, language: callerLanguage }));
  }, [callerLanguage, languageChosen]);

  const openCases = caller.phase === 'known' && caller.openCases !== 'failed' ? caller.openCases : [];
  // A case chosen for an earlier number is not this caller's.
  const about = openCases.some((item) => item.id === values.about) ? values.about : NEW_CASE;
  const isNew = about === NEW_CASE;
  const callerKnown = caller.phase === 'known';

  const set = (field: keyof Values) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  const fail = (errors: FieldErrors, problem: ErrorMessage | null) => {
    setFieldErrors(errors);
    setFormError(problem);
    const first = FIELDS.find((field) => errors[field]);
    if (first) document.getElementById(inputId(first))?.focus();
    else setTimeout(() => alertRef.current?.focus());
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending || composing.current) return;
    const current = { ...values, about };
    const missing = checkValues(current, caller.phase === 'unknown');
    if (Object.keys(missing).length > 0) return fail(missing, null);

    let body = bodyOf(current, { sendName: !callerKnown, startedAt, now: new Date() });
    let key: string = crypto.randomUUID();
    const retry = uncertain.current;
    if (retry && retry.signature === signatureOf(body)) ({ body, key } = retry);

    setPending(true);
    setFieldErrors({});
    setFormError(null);
    try {
      const logged = await agentApi.logCall(body, key);
      uncertain.current = null;
      let remedySaved = true;
      if (logged.created && current.remedy !== '') {
        remedySaved = await agentApi.setExpectedRemedy(logged.case.id, current.remedy).then(
          () => true,
          () => false,
        );
      }
      const ref = logged.case.ref;
      announce(
        !remedySaved
          ? t('logCall.done.remedyNotSaved', { ref })
          : logged.created
            ? t('logCall.done.created', { ref })
            : t('logCall.done.added', { ref }),
      );
      void navigate(`/cases/${logged.case.id}`, { state: { loggedCall: { created: logged.created, ref } } });
    } catch (error) {
      setPending(false);
      uncertain.current = outcomeUncertain(error) ? { signature: signatureOf(body), body, key } : null;
      const fromServer = serverFieldErrors(error);
      if (Object.keys(fromServer).length > 0) fail(fromServer, { key: 'errors.validation_failed' });
      else fail({}, describeError(error));
    }
  };

  const errorOf = (field: Field) => {
    const key = fieldErrors[field];
    return key ? t(key) : undefined;
  };
  const control = (field: Field, hint = false) => ({
    id: inputId(field),
    name: field,
    'aria-invalid': fieldErrors[field] ? true : undefined,
    'aria-describedby':
      [hint ? `${inputId(field)}-hint` : '', fieldErrors[field] ? `${inputId(field)}-error` : '']
        .filter(Boolean)
        .join(' ') || undefined,
  });
  const choices = categories.load.state === 'ready' ? categoryChoices(categories.load.value.items, locale) : [];

  return (
    <div className="log-call">
      <h1>{t('logCall.title')}</h1>
      <p className="muted">{t('logCall.startedAt', { time: formatDate(startedAt, { style: 'time' }) })}</p>
      <form
        noValidate
        aria-busy={pending}
        onSubmit={(event) => void onSubmit(event)}
        onKeyDown={guardImeEnter}
        onCompositionStart={() => (composing.current = true)}
        onCompositionEnd={() => (composing.current = false)}
      >
        {formError && (
          <div ref={alertRef} className="alert" role="alert" tabIndex={-1}>
            {t(formError.key, formError.values)}
          </div>
        )}
        <FieldBox field="phone" label={t('logCall.phone')} hint={t('logCall.phoneHint')} error={errorOf('phone')}>
          <input
            {...control('phone', true)}
            type="tel"
            inputMode="tel"
            autoComplete="off"
            value={values.phone}
            onChange={(event) => set('phone')(event.target.value)}
          />
        </FieldBox>
        <CallerCard caller={caller} />
        {!callerKnown && (
          <FieldBox field="name" label={t('logCall.name')} hint={t('logCall.nameHint')} error={errorOf('name')}>
            <input
              {...control('name', true)}
              autoComplete="off"
              value={values.name}
              onChange={(e) => set('name')(e.target.value)}
            />
          </FieldBox>
        )}
        <FieldBox
          field="language"
          label={t('logCall.language')}
          hint={t('logCall.languageHint')}
          error={errorOf('language')}
        >
          <select
            {...control('language', true)}
            value={values.language}
            onChange={(event) => {
              if (!isLocale(event.target.value)) return;
              setLanguageChosen(true);
              set('language')(event.target.value);
            }}
          >
            {SUPPORTED_LOCALES.map((code) => (
              <option key={code} value={code} lang={code}>
                {LANGUAGE_NAMES[code]}
              </option>
            ))}
          </select>
        </FieldBox>
        {openCases.length > 0 && (
          <AboutChoices openCases={openCases} value={about} onChange={set('about')} error={errorOf('about')} />
        )}
        <FieldBox
          field="words"
          label={t('logCall.words')}
          hint={isNew ? t('logCall.wordsHint') : t('logCall.wordsHintExisting')}
          optional={!isNew}
          error={errorOf('words')}
        >
          <textarea
            {...control('words', true)}
            rows={6}
            value={values.words}
            onChange={(e) => set('words')(e.target.value)}
          />
        </FieldBox>
        {isNew && (
          <>
            <FieldBox field="subject" label={t('logCall.subject')} optional error={errorOf('subject')}>
              <input
                {...control('subject')}
                maxLength={300}
                value={values.subject}
                onChange={(e) => set('subject')(e.target.value)}
              />
            </FieldBox>
            <div className="field-row">
              <FieldBox
                field="category"
                label={t('logCall.category')}
                optional
                {...(categories.load.state === 'failed' ? { hint: t('logCall.categoriesFailed') } : {})}
                error={errorOf('category')}
              >
                <select
                  {...control('category', categories.load.state === 'failed')}
                  value={values.categoryId}
                  onChange={(e) => set('categoryId')(e.target.value)}
                >
                  <option value="">{t('logCall.notChosen')}</option>
                  {choices.map((choice) => (
                    <option key={choice.id} value={choice.id}>
                      {choice.label}
                    </option>
                  ))}
                </select>
              </FieldBox>
              <FieldBox field="remedy" label={t('logCall.remedy')} optional error={errorOf('remedy')}>
                <select {...control('remedy')} value={values.remedy} onChange={(e) => set('remedy')(e.target.value)}>
                  <option value="">{t('logCall.notChosen')}</option>
                  {ExpectedRemedies.map((remedy) => (
                    <option key={remedy} value={remedy}>
                      {vocab.remedy(remedy)}
                    </option>
                  ))}
                </select>
              </FieldBox>
            </div>
          </>
        )}
        <FieldBox
          field="outcome"
          label={t('logCall.outcome')}
          hint={t('logCall.outcomeHint')}
          error={errorOf('outcome')}
        >
          <input
            {...control('outcome', true)}
            maxLength={500}
            value={values.outcome}
            onChange={(e) => set('outcome')(e.target.value)}
          />
        </FieldBox>
        <button type="submit" className="button-primary" disabled={pending}>
          {pending ? t('logCall.submitting') : t('logCall.submit')}
        </button>
      </form>
    </div>
  );
};
