import { CategoryKinds, type CategoryDto, type CategoryKind } from '@redress/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../../api.ts';
import { useLocale } from '../../../preferences-context.tsx';
import { FieldError, FormProblem, NamesFields, blankNames, localName, namesForApi, useSubmit } from './rules-ui.tsx';

/**
 * Adds a category (top-level with its kind, or under `parent`, whose kind it takes) or, given
 * `category`, changes its names. Calls `onSaved` with what the server answered.
 */
export const CategoryForm = ({
  category,
  parent,
  onSaved,
  onCancel,
}: {
  category?: CategoryDto;
  parent: CategoryDto | null;
  onSaved: (saved: CategoryDto) => void;
  onCancel: () => void;
}) => {
  const { t } = useTranslation();
  const locale = useLocale();
  const [names, setNames] = useState(() => ({ ...blankNames(), ...(category?.names ?? {}) }));
  const [kind, setKind] = useState<CategoryKind | ''>('');
  const { busy, failure, submit, invalid, formRef } = useSubmit();
  const idPrefix = category ? `cat-${category.id}` : `cat-new-${parent?.id ?? 'top'}`;
  const topLevel = !category && parent === null;

  const title = category
    ? t('rules.categories.renameTitle', { name: localName(category.names, locale) })
    : parent
      ? t('rules.categories.addChildTitle', { parent: localName(parent.names, locale) })
      : t('rules.categories.addTopTitle');

  const onSubmit = async () => {
    const saved = await submit(() =>
      category
        ? apiRequest<CategoryDto>(`/api/v1/categories/${category.id}`, {
            method: 'PATCH',
            body: { names: namesForApi(names) },
          })
        : apiRequest<CategoryDto>('/api/v1/categories', {
            method: 'POST',
            body: {
              names: namesForApi(names),
              ...(parent ? { parentId: parent.id } : {}),
              ...(topLevel && kind ? { kind } : {}),
            },
          }),
    );
    if (saved) onSaved(saved);
  };

  const kindError = invalid('kind') ? t('rules.categories.kindInvalid') : undefined;
  return (
    <form
      ref={formRef}
      className="rules-form"
      aria-label={title}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    >
      <h3>{title}</h3>
      <FormProblem failure={failure} />
      <NamesFields idPrefix={idPrefix} names={names} onChange={setNames} invalid={invalid} />
      {topLevel && (
        <div className={`field${kindError ? ' field-invalid' : ''}`}>
          <label htmlFor={`${idPrefix}-kind`}>{t('rules.categories.kind')}</label>
          <FieldError id={`${idPrefix}-kind-error`} message={kindError} />
          <select
            id={`${idPrefix}-kind`}
            value={kind}
            required
            onChange={(event) => setKind(event.target.value as CategoryKind | '')}
            aria-invalid={kindError ? true : undefined}
            aria-describedby={kindError ? `${idPrefix}-kind-error` : undefined}
          >
            <option value="">{t('rules.common.choose')}</option>
            {CategoryKinds.map((value) => (
              <option key={value} value={value}>
                {t(`rules.categories.kinds.${value}`)}
              </option>
            ))}
          </select>
        </div>
      )}
      {parent && !category && (
        <p className="rules-hint">
          {t('rules.categories.inheritsKind', { kind: t(`rules.categories.kinds.${parent.kind}`) })}
        </p>
      )}
      <div className="rules-actions">
        <button type="submit" className="button-primary rules-button" disabled={busy}>
          {busy ? t('rules.common.saving') : category ? t('rules.common.saveNames') : t('rules.categories.add')}
        </button>
        <button type="button" className="button-quiet" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
};
