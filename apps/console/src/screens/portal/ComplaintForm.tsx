import type {
  ExpectedRemedy,
  PortalCategoryDto,
  PortalComplaintBody,
  PortalComplaintReceiptDto,
  PortalConfigDto,
} from '@redress/contract';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../api.ts';
import { describeError, type ErrorMessage } from '../../errors.ts';
import type { Locale } from '../../i18n/i18n.ts';
import { useFormatDate, useLocale } from '../../preferences-context.tsx';
import { portalApi } from './portal-api.ts';
import {
  FieldError,
  FileChooser,
  fileProblem,
  fileRefusal,
  FormProblems,
  guardImeEnter,
  looksLikeEmail,
  type SummaryItem,
} from './portal-ui.tsx';

type TextField =
  | 'name'
  | 'email'
  | 'phone'
  | 'categoryId'
  | 'subject'
  | 'whatHappened'
  | 'whatYouExpect'
  | 'expectedRemedy'
  | 'orderRef';
type Field = TextField | 'consent' | 'files';
type Values = Record<TextField, string>;

const EMPTY: Values = {
  name: '',
  email: '',
  phone: '',
  categoryId: '',
  subject: '',
  whatHappened: '',
  whatYouExpect: '',
  expectedRemedy: '',
  orderRef: '',
};

/** Fields in the order they appear, so the summary lists them top to bottom. */
const ORDER: readonly Field[] = [
  'name',
  'email',
  'phone',
  'categoryId',
  'subject',
  'whatHappened',
  'whatYouExpect',
  'expectedRemedy',
  'orderRef',
  'files',
  'consent',
];

type FieldErrorKey =
  | 'portal.file.errors.nameRequired'
  | 'portal.file.errors.nameInvalid'
  | 'portal.file.errors.emailRequired'
  | 'portal.file.errors.emailInvalid'
  | 'portal.file.errors.phoneInvalid'
  | 'portal.file.errors.categoryInvalid'
  | 'portal.file.errors.subjectInvalid'
  | 'portal.file.errors.whatHappenedRequired'
  | 'portal.file.errors.whatHappenedInvalid'
  | 'portal.file.errors.whatYouExpectInvalid'
  | 'portal.file.errors.expectedRemedyInvalid'
  | 'portal.file.errors.orderRefInvalid'
  | 'portal.file.errors.consentRequired'
  | 'portal.files.tooMany'
  | 'portal.files.tooLarge'
  | 'portal.files.typeNotAllowed';
type FieldErrors = Partial<Record<Field, FieldErrorKey>>;

/** What a field named by the server (`/body/complaint/email` → `email`) is said to be wrong with. */
const SERVER_FIELD_KEYS: Record<Field, FieldErrorKey> = {
  name: 'portal.file.errors.nameInvalid',
  email: 'portal.file.errors.emailInvalid',
  phone: 'portal.file.errors.phoneInvalid',
  categoryId: 'portal.file.errors.categoryInvalid',
  subject: 'portal.file.errors.subjectInvalid',
  whatHappened: 'portal.file.errors.whatHappenedInvalid',
  whatYouExpect: 'portal.file.errors.whatYouExpectInvalid',
  expectedRemedy: 'portal.file.errors.expectedRemedyInvalid',
  orderRef: 'portal.file.errors.orderRefInvalid',
  consent: 'portal.file.errors.consentRequired',
  files: 'portal.files.tooLarge',
};

const inputId = (field: Field) => `complaint-${field}`;

/** The category tree flattened depth first, children indented under their parent. */
const categoryOptions = (categories: readonly PortalCategoryDto[], locale: Locale) => {
  const ids = new Set(categories.map((c) => c.id));
  const children = new Map<string | null, PortalCategoryDto[]>();
  for (const category of categories) {
    const parent = category.parentId !== null && ids.has(category.parentId) ? category.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), category]);
  }
  const nameOf = (c: PortalCategoryDto) => c.names[locale] ?? c.names.en;
  const out: { id: string; label: string }[] = [];
  const visit = (parent: string | null, depth: number) => {
    const level = [...(children.get(parent) ?? [])].sort((a, b) => nameOf(a).localeCompare(nameOf(b), locale));
    for (const category of level) {
      out.push({ id: category.id, label: `${'\u00a0\u00a0\u00a0'.repeat(depth)}${nameOf(category)}` });
      if (depth < 6) visit(category.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
};

/** Client-side checks: the same rules as the contract, said kindly before anything is sent. */
const check = (values: Values, consent: boolean, files: readonly File[], config: PortalConfigDto): FieldErrors => {
  const errors: FieldErrors = {};
  if (values.name.trim() === '') errors.name = 'portal.file.errors.nameRequired';
  const email = values.email.trim();
  if (email === '') errors.email = 'portal.file.errors.emailRequired';
  else if (!looksLikeEmail(email)) errors.email = 'portal.file.errors.emailInvalid';
  const phone = values.phone.trim();
  if (phone !== '' && phone.length < 3) errors.phone = 'portal.file.errors.phoneInvalid';
  if (values.whatHappened.trim() === '') errors.whatHappened = 'portal.file.errors.whatHappenedRequired';
  const files_ = fileProblem(files, config.maxAttachmentBytes, config.maxAttachments);
  if (files_) errors.files = files_;
  if (!consent) errors.consent = 'portal.file.errors.consentRequired';
  return errors;
};

/** The complaint body: trimmed, empty optional fields left out (the contract refuses empty strings). */
const bodyOf = (
  values: Values,
  consent: boolean,
  website: string,
  locale: Locale,
  config: PortalConfigDto,
  submissionId: string,
): PortalComplaintBody => {
  const optional = (value: string) => {
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  };
  const body: PortalComplaintBody = {
    channelId: config.channelId,
    language: locale,
    name: values.name.trim(),
    email: values.email.trim(),
    whatHappened: values.whatHappened.trim(),
    consent: consent as true,
    submissionId,
  };
  const phone = optional(values.phone);
  if (phone) body.phone = phone;
  if (values.categoryId) body.categoryId = values.categoryId;
  const subject = optional(values.subject);
  if (subject) body.subject = subject;
  const expect = optional(values.whatYouExpect);
  if (expect) body.whatYouExpect = expect;
  if (values.expectedRemedy) body.expectedRemedy = values.expectedRemedy as ExpectedRemedy;
  const orderRef = optional(values.orderRef);
  if (orderRef) body.orderRef = orderRef;
  if (website !== '') body.website = website;
  return body;
};

/** Reads which fields a refused complaint names, and how to say it. */
const serverErrors = (error: unknown): FieldErrors => {
  if (!(error instanceof ApiError)) return {};
  const refusal = fileRefusal(error);
  if (refusal) return { files: refusal };
  if (error.code !== 'validation_failed') return {};
  const out: FieldErrors = {};
  for (const field of ORDER) {
    if (error.detailsFor(field).length > 0) out[field] = SERVER_FIELD_KEYS[field];
  }
  return out;
};

type FormProblem = ErrorMessage | { key: 'portal.file.errors.formClosed' };

/** `/portal`: the complaint form, then the receipt. */
export const ComplaintPage = () => {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const channel = params.get('channel') ?? undefined;
  const [config, setConfig] = useState<PortalConfigDto | null>(null);
  const [loadError, setLoadError] = useState<FormProblem | null>(null);
  const [receipt, setReceipt] = useState<PortalComplaintReceiptDto | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoadError(null);
    portalApi.config(channel, controller.signal).then(setConfig, (error: unknown) => {
      if (controller.signal.aborted) return;
      setLoadError(
        error instanceof ApiError && error.code === 'not_found'
          ? { key: 'portal.file.errors.formClosed' }
          : describeError(error),
      );
    });
    return () => controller.abort();
  }, [channel, reload]);

  if (receipt) return <Receipt receipt={receipt} />;
  if (loadError) {
    return (
      <section className="card portal-card">
        <h1>{t('portal.file.title')}</h1>
        <p className="alert" role="alert">
          {t(loadError.key, 'values' in loadError ? loadError.values : undefined)}
        </p>
        {loadError.key !== 'portal.file.errors.formClosed' && (
          <button type="button" className="button-quiet" onClick={() => setReload((n) => n + 1)}>
            {t('portal.common.tryAgain')}
          </button>
        )}
      </section>
    );
  }
  if (!config) {
    return (
      <p className="loading" role="status">
        {t('app.loading')}
      </p>
    );
  }
  return <ComplaintForm config={config} onFiled={setReceipt} />;
};

const ComplaintForm = ({
  config,
  onFiled,
}: {
  config: PortalConfigDto;
  onFiled: (receipt: PortalComplaintReceiptDto) => void;
}) => {
  const { t } = useTranslation();
  const locale = useLocale();
  const [values, setValues] = useState<Values>(EMPTY);
  const [consent, setConsent] = useState(false);
  const [website, setWebsite] = useState('');
  // One id per complaint, sent with every attempt: a double tap or a retry after a lost answer files it once.
  const [submissionId] = useState(() => crypto.randomUUID());
  const [files, setFiles] = useState<File[]>([]);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<FormProblem | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [pending, setPending] = useState(false);
  const composing = useRef(false);

  const set = (field: TextField) => (value: string) => setValues((current) => ({ ...current, [field]: value }));

  const fail = (errors: FieldErrors, problem: FormProblem | null) => {
    setFieldErrors(errors);
    setFormError(problem);
    setAttempt((n) => n + 1);
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending || composing.current) return;
    const errors = check(values, consent, files, config);
    if (Object.keys(errors).length > 0) {
      fail(errors, null);
      return;
    }
    setPending(true);
    try {
      onFiled(await portalApi.fileComplaint(bodyOf(values, consent, website, locale, config, submissionId), files));
    } catch (error) {
      setPending(false);
      const fromServer = serverErrors(error);
      if (Object.keys(fromServer).length > 0) fail(fromServer, null);
      else if (error instanceof ApiError && error.code === 'not_found')
        fail({}, { key: 'portal.file.errors.formClosed' });
      else fail({}, describeError(error));
    }
  };

  const summary: SummaryItem[] = ORDER.flatMap((field) => {
    const key = fieldErrors[field];
    return key ? [{ target: inputId(field), message: t(key) }] : [];
  });
  const errorOf = (field: Field) => {
    const key = fieldErrors[field];
    return key ? t(key) : undefined;
  };
  const describedBy = (field: Field, hint?: boolean) =>
    [hint ? `${inputId(field)}-hint` : '', fieldErrors[field] ? `${inputId(field)}-error` : '']
      .filter(Boolean)
      .join(' ') || undefined;

  const textInput = (
    field: TextField,
    label: string,
    options: {
      required?: boolean;
      type?: string;
      autoComplete?: string;
      inputMode?: 'email' | 'tel' | 'text';
      hint?: string;
    } = {},
  ) => (
    <div className={`field${fieldErrors[field] ? ' field-invalid' : ''}`}>
      <label htmlFor={inputId(field)}>
        {label}
        {!options.required && (
          <>
            {' '}
            <span className="portal-optional">{t('portal.common.optional')}</span>
          </>
        )}
      </label>
      {options.hint && (
        <p id={`${inputId(field)}-hint`} className="portal-hint">
          {options.hint}
        </p>
      )}
      <FieldError id={`${inputId(field)}-error`} message={errorOf(field)} />
      <input
        id={inputId(field)}
        name={field}
        type={options.type ?? 'text'}
        {...(options.autoComplete ? { autoComplete: options.autoComplete } : {})}
        {...(options.inputMode ? { inputMode: options.inputMode } : {})}
        {...(options.type === 'email' ? { autoCapitalize: 'none', spellCheck: false } : {})}
        required={options.required}
        value={values[field]}
        onChange={(event) => set(field)(event.target.value)}
        aria-invalid={fieldErrors[field] ? true : undefined}
        aria-describedby={describedBy(field, Boolean(options.hint))}
      />
    </div>
  );

  const textArea = (field: TextField, label: string, hint: string, required: boolean) => (
    <div className={`field${fieldErrors[field] ? ' field-invalid' : ''}`}>
      <label htmlFor={inputId(field)}>
        {label}
        {!required && (
          <>
            {' '}
            <span className="portal-optional">{t('portal.common.optional')}</span>
          </>
        )}
      </label>
      <p id={`${inputId(field)}-hint`} className="portal-hint">
        {hint}
      </p>
      <FieldError id={`${inputId(field)}-error`} message={errorOf(field)} />
      <textarea
        id={inputId(field)}
        name={field}
        rows={6}
        required={required}
        value={values[field]}
        onChange={(event) => set(field)(event.target.value)}
        aria-invalid={fieldErrors[field] ? true : undefined}
        aria-describedby={describedBy(field, true)}
      />
    </div>
  );

  const select = (field: TextField, label: string, options: readonly { id: string; label: string }[]) => (
    <div className={`field${fieldErrors[field] ? ' field-invalid' : ''}`}>
      <label htmlFor={inputId(field)}>
        {label} <span className="portal-optional">{t('portal.common.optional')}</span>
      </label>
      <FieldError id={`${inputId(field)}-error`} message={errorOf(field)} />
      <select
        id={inputId(field)}
        name={field}
        value={values[field]}
        onChange={(event) => set(field)(event.target.value)}
        aria-invalid={fieldErrors[field] ? true : undefined}
        aria-describedby={describedBy(field)}
      >
        <option value="">{t('portal.common.choose')}</option>
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );

  const section = (title: string, children: ReactNode) => (
    <fieldset className="portal-fieldset">
      <legend>{title}</legend>
      {children}
    </fieldset>
  );

  return (
    <section className="card portal-card" aria-labelledby="complaint-title">
      <h1 id="complaint-title">{t('portal.file.title')}</h1>
      <p>{t('portal.file.intro', { organisation: config.organisationName })}</p>
      <form
        noValidate
        onSubmit={(event) => void onSubmit(event)}
        onKeyDown={guardImeEnter}
        onCompositionStart={() => (composing.current = true)}
        onCompositionEnd={() => (composing.current = false)}
        aria-busy={pending}
      >
        <FormProblems items={summary} problem={formError} attempt={attempt} />
        {section(
          t('portal.file.aboutYou'),
          <>
            {textInput('name', t('portal.file.name'), { required: true, autoComplete: 'name' })}
            {textInput('email', t('portal.file.email'), {
              required: true,
              type: 'email',
              inputMode: 'email',
              autoComplete: 'email',
              hint: t('portal.file.emailHint'),
            })}
            {textInput('phone', t('portal.file.phone'), { type: 'tel', inputMode: 'tel', autoComplete: 'tel' })}
          </>,
        )}
        {section(
          t('portal.file.aboutProblem'),
          <>
            {config.categories.length > 0 &&
              select('categoryId', t('portal.file.category'), categoryOptions(config.categories, locale))}
            {textInput('subject', t('portal.file.subject'), { hint: t('portal.file.subjectHint') })}
            {textArea('whatHappened', t('portal.file.whatHappened'), t('portal.file.whatHappenedHint'), true)}
            {textArea('whatYouExpect', t('portal.file.whatYouExpect'), t('portal.file.whatYouExpectHint'), false)}
            {config.expectedRemedies.length > 0 &&
              select(
                'expectedRemedy',
                t('portal.file.expectedRemedy'),
                config.expectedRemedies.map((remedy) => ({ id: remedy, label: t(`portal.remedies.${remedy}`) })),
              )}
            {textInput('orderRef', t('portal.file.orderRef'), { hint: t('portal.file.orderRefHint') })}
            <FileChooser
              id={inputId('files')}
              files={files}
              onChange={setFiles}
              maxBytes={config.maxAttachmentBytes}
              maxFiles={config.maxAttachments}
              error={errorOf('files')}
            />
          </>,
        )}
        <div className="portal-honeypot" aria-hidden="true">
          <label htmlFor="complaint-website">{t('portal.file.website')}</label>
          <input
            id="complaint-website"
            name="website"
            type="text"
            tabIndex={-1}
            autoComplete="off"
            value={website}
            onChange={(event) => setWebsite(event.target.value)}
          />
        </div>
        <div className={`field portal-check${fieldErrors.consent ? ' field-invalid' : ''}`}>
          <FieldError id={`${inputId('consent')}-error`} message={errorOf('consent')} />
          <div className="portal-check-row">
            <input
              id={inputId('consent')}
              name="consent"
              type="checkbox"
              required
              checked={consent}
              onChange={(event) => setConsent(event.target.checked)}
              aria-invalid={fieldErrors.consent ? true : undefined}
              aria-describedby={describedBy('consent')}
            />
            <label htmlFor={inputId('consent')}>
              {t('portal.file.consent', { organisation: config.organisationName })}
            </label>
          </div>
        </div>
        <button type="submit" className="button-primary" disabled={pending}>
          {pending ? t('portal.file.submitting') : t('portal.file.submit')}
        </button>
      </form>
    </section>
  );
};

/** The confirmation: the reference, when we will be back, where the private link went. */
const Receipt = ({ receipt }: { receipt: PortalComplaintReceiptDto }) => {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="card portal-card" aria-labelledby="receipt-title">
      <h1 id="receipt-title" ref={heading} tabIndex={-1}>
        {t('portal.receipt.title')}
      </h1>
      <p className="portal-ref">
        {t('portal.receipt.reference')} <strong>{receipt.ref}</strong>
      </p>
      <p>
        {receipt.hearBackBy
          ? t('portal.receipt.hearBackBy', { date: formatDate(receipt.hearBackBy, { style: 'dateTime' }) })
          : t('portal.receipt.hearBackSoon')}
      </p>
      <p>{t('portal.receipt.linkSent', { email: receipt.emailSentTo })}</p>
      <p className="muted">{t('portal.receipt.keepEmail')}</p>
    </section>
  );
};
