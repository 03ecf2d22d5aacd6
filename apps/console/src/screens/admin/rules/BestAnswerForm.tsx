import type { BestAnswerDto, CategoryDto } from '@redress/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../../api.ts';
import { LANGUAGE_NAMES, SUPPORTED_LOCALES, isLocale, type Locale } from '../../../i18n/i18n.ts';
import { useLocale } from '../../../preferences-context.tsx';
import { FieldError, FormProblem, TextField, localName, useSubmit } from './rules-ui.tsx';

/** Category options in tree order, children indented under their parents. */
export const categoryOptions = (categories: readonly CategoryDto[], locale: Locale) => {
  const collator = new Intl.Collator(locale);
  const children = new Map<string | null, CategoryDto[]>();
  for (const category of categories)
    children.set(category.parentId, [...(children.get(category.parentId) ?? []), category]);
  const out: { value: string; label: string }[] = [];
  const walk = (parentId: string | null, depth: number) => {
    const list = (children.get(parentId) ?? []).sort((a, b) =>
      collator.compare(localName(a.names, locale), localName(b.names, locale)),
    );
    for (const category of list) {
      out.push({ value: category.id, label: `${'\u00a0\u00a0'.repeat(depth)}${localName(category.names, locale)}` });
      walk(category.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
};

/**
 * Adds a best answer or, given `answer`, changes it: its category (or none, a general answer),
 * language, title and text. `source` is an answer being translated: shown to work from, its
 * category taken over.
 */
export const BestAnswerForm = ({
  answer,
  source,
  categories,
  onSaved,
  onCancel,
}: {
  answer?: BestAnswerDto;
  source?: BestAnswerDto;
  categories: readonly CategoryDto[];
  onSaved: (saved: BestAnswerDto, added: boolean) => void;
  onCancel: () => void;
}) => {
  const { t } = useTranslation();
  const locale = useLocale();
  const { busy, failure, submit, invalid, formRef } = useSubmit();
  const from = answer ?? source;
  const [categoryId, setCategoryId] = useState(from?.categoryId ?? '');
  const [language, setLanguage] = useState<Locale>(() =>
    answer ? answer.language : (SUPPORTED_LOCALES.find((code) => code !== source?.language) ?? locale),
  );
  const [title, setTitle] = useState(answer?.title ?? '');
  const [body, setBody] = useState(answer?.body ?? '');
  const idPrefix = answer ? `ans-${answer.id}` : 'ans-new';
  const formTitle = answer
    ? t('rules.bestAnswers.editTitle', { title: answer.title })
    : source
      ? t('rules.bestAnswers.translateTitle', { title: source.title })
      : t('rules.bestAnswers.addTitle');
  const bodyError = invalid('body') ? t('rules.bestAnswers.bodyInvalid') : undefined;
  const categoryError = invalid('categoryId') ? t('rules.bestAnswers.categoryInvalid') : undefined;

  const onSubmit = async () => {
    const fields = { categoryId: categoryId || null, language, title: title.trim(), body: body.trim() };
    const saved = await submit(() =>
      answer
        ? apiRequest<BestAnswerDto>(`/api/v1/best-answers/${answer.id}`, { method: 'PATCH', body: fields })
        : apiRequest<BestAnswerDto>('/api/v1/best-answers', { method: 'POST', body: fields }),
    );
    if (saved) onSaved(saved, !answer);
  };

  return (
    <form
      ref={formRef}
      className="rules-form"
      aria-label={formTitle}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    >
      <h3>{formTitle}</h3>
      <FormProblem failure={failure} />
      {source && (
        <div className="rules-card" lang={source.language}>
          <p className="rules-hint" lang={locale}>
            {t('rules.bestAnswers.original', { language: LANGUAGE_NAMES[source.language] })}
          </p>
          <p>
            <strong>{source.title}</strong>
          </p>
          <p className="rules-answer-body">{source.body}</p>
        </div>
      )}
      <div className="rules-inline">
        <div className={`field${categoryError ? ' field-invalid' : ''}`}>
          <label htmlFor={`${idPrefix}-category`}>{t('rules.bestAnswers.category')}</label>
          <FieldError id={`${idPrefix}-category-error`} message={categoryError} />
          <select
            id={`${idPrefix}-category`}
            value={categoryId}
            onChange={(event) => setCategoryId(event.target.value)}
            aria-invalid={categoryError ? true : undefined}
            aria-describedby={categoryError ? `${idPrefix}-category-error` : undefined}
          >
            <option value="">{t('rules.bestAnswers.general')}</option>
            {categoryOptions(categories, locale).map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${idPrefix}-language`}>{t('rules.bestAnswers.language')}</label>
          <select
            id={`${idPrefix}-language`}
            value={language}
            onChange={(event) => {
              if (isLocale(event.target.value)) setLanguage(event.target.value);
            }}
          >
            {SUPPORTED_LOCALES.map((code) => (
              <option key={code} value={code} lang={code}>
                {LANGUAGE_NAMES[code]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <TextField
        id={`${idPrefix}-title`}
        label={t('rules.bestAnswers.titleLabel')}
        value={title}
        onChange={setTitle}
        lang={language}
        required
        maxLength={200}
        error={invalid('title') ? t('rules.bestAnswers.titleInvalid') : undefined}
      />
      <div className={`field${bodyError ? ' field-invalid' : ''}`}>
        <label htmlFor={`${idPrefix}-body`}>{t('rules.bestAnswers.body')}</label>
        <p id={`${idPrefix}-body-hint`} className="rules-hint">
          {t('rules.bestAnswers.bodyHint', { name: '{{customerName}}', ref: '{{caseRef}}' })}
        </p>
        <FieldError id={`${idPrefix}-body-error`} message={bodyError} />
        <textarea
          id={`${idPrefix}-body`}
          value={body}
          lang={language}
          rows={8}
          maxLength={10_000}
          required
          onChange={(event) => setBody(event.target.value)}
          aria-invalid={bodyError ? true : undefined}
          aria-describedby={bodyError ? `${idPrefix}-body-hint ${idPrefix}-body-error` : `${idPrefix}-body-hint`}
        />
      </div>
      <div className="rules-actions">
        <button type="submit" className="button-primary rules-button" disabled={busy}>
          {busy ? t('rules.common.saving') : answer ? t('rules.bestAnswers.save') : t('rules.bestAnswers.add')}
        </button>
        <button type="button" className="button-quiet" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
};
