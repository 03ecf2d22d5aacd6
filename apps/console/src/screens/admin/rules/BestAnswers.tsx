import type { BestAnswerDto, CategoryDto } from '@redress/contract';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../../api.ts';
import { useCan } from '../../../auth/permissions.ts';
import { useLoad } from '../../../hooks/use-load.ts';
import { LANGUAGE_NAMES, SUPPORTED_LOCALES } from '../../../i18n/i18n.ts';
import { useFormatDate, useLocale } from '../../../preferences-context.tsx';
import { BestAnswerForm, categoryOptions } from './BestAnswerForm.tsx';
import { Announcer, ConfirmInline, FormProblem, failureOf, localName, type Failure } from './rules-ui.tsx';
import { Loaded } from '../../../components/Loaded.tsx';
import './rules.css';

type Editing = { mode: 'edit' | 'translate' | 'delete'; id: string } | { mode: 'add' } | null;

/** The first line or so of an answer, for the list. */
const preview = (body: string) => (body.length > 140 ? `${body.slice(0, 140)}…` : body);

/**
 * Best answers (pillar 6): replies that worked, per category and language, offered in the
 * composer. Filtered by category (which also brings its parents' and the general answers, as the
 * composer sees them) and language; administrators add, edit, translate and delete them.
 */
export const BestAnswers = () => {
  const { t } = useTranslation();
  const locale = useLocale();
  const formatDate = useFormatDate();
  const canManage = useCan()('config:manage');
  const [categoryId, setCategoryId] = useState('');
  const [language, setLanguage] = useState('');
  const categoriesLoad = useLoad(
    (signal) => apiRequest<{ items: CategoryDto[] }>('/api/v1/categories', { signal }),
    'categories',
  );
  const query = new URLSearchParams({
    ...(categoryId ? { categoryId } : {}),
    ...(language ? { language } : {}),
    limit: '200',
  }).toString();
  const { load, reload } = useLoad(
    (signal) => apiRequest<{ items: BestAnswerDto[] }>(`/api/v1/best-answers?${query}`, { signal }),
    query,
  );
  const [editing, setEditing] = useState<Editing>(null);
  const [announcement, setAnnouncement] = useState('');
  const [deleteBusy, setDeleteBusy] = useState(false);
  const [deleteFailure, setDeleteFailure] = useState<Failure | null>(null);
  const categories = categoriesLoad.load.state === 'ready' ? categoriesLoad.load.value.items : [];
  const categoryName = (id: string | null) => {
    if (id === null) return t('rules.bestAnswers.general');
    const category = categories.find((c) => c.id === id);
    return category ? localName(category.names, locale) : id;
  };

  const saved = (answer: BestAnswerDto, added: boolean) => {
    setEditing(null);
    setAnnouncement(t(added ? 'rules.bestAnswers.added' : 'rules.bestAnswers.saved', { title: answer.title }));
    reload();
  };

  const remove = async (answer: BestAnswerDto) => {
    setDeleteBusy(true);
    setDeleteFailure(null);
    try {
      await apiRequest(`/api/v1/best-answers/${answer.id}`, { method: 'DELETE' });
      setEditing(null);
      setAnnouncement(t('rules.bestAnswers.deleted', { title: answer.title }));
      reload();
    } catch (error) {
      setDeleteFailure(failureOf(error));
    } finally {
      setDeleteBusy(false);
    }
  };

  return (
    <div className="rules">
      <h2>{t('rules.bestAnswers.title')}</h2>
      <p className="muted">{t('rules.bestAnswers.intro')}</p>
      <div className="rules-filters" role="search" aria-label={t('rules.bestAnswers.filters')}>
        <div className="field">
          <label htmlFor="ans-filter-category">{t('rules.bestAnswers.category')}</label>
          <select id="ans-filter-category" value={categoryId} onChange={(event) => setCategoryId(event.target.value)}>
            <option value="">{t('rules.bestAnswers.allCategories')}</option>
            {categoryOptions(categories, locale).map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="ans-filter-language">{t('rules.bestAnswers.language')}</label>
          <select id="ans-filter-language" value={language} onChange={(event) => setLanguage(event.target.value)}>
            <option value="">{t('rules.bestAnswers.allLanguages')}</option>
            {SUPPORTED_LOCALES.map((code) => (
              <option key={code} value={code} lang={code}>
                {LANGUAGE_NAMES[code]}
              </option>
            ))}
          </select>
        </div>
      </div>
      {categoryId && <p className="rules-hint">{t('rules.bestAnswers.inherited')}</p>}
      <Announcer message={announcement} />
      <FormProblem failure={deleteFailure} />
      <Loaded load={load} retry={reload}>
        {({ items }) =>
          items.length === 0 ? (
            <p>{t('rules.bestAnswers.empty')}</p>
          ) : (
            <div className="rules-table-wrap">
              <table className="rules-table">
                <caption className="visually-hidden">{t('rules.bestAnswers.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('rules.bestAnswers.titleLabel')}</th>
                    <th scope="col">{t('rules.bestAnswers.language')}</th>
                    <th scope="col">{t('rules.bestAnswers.category')}</th>
                    <th scope="col">{t('rules.bestAnswers.updated')}</th>
                    {canManage && <th scope="col">{t('rules.common.actions')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {items.map((answer) => {
                    const open =
                      editing !== null && editing.mode !== 'add' && editing.id === answer.id ? editing.mode : null;
                    return (
                      <Fragment key={answer.id}>
                        <tr>
                          <th scope="row" lang={answer.language}>
                            {answer.title}
                            <p className="rules-answer-body">{preview(answer.body)}</p>
                          </th>
                          <td lang={answer.language}>{LANGUAGE_NAMES[answer.language]}</td>
                          <td>{categoryName(answer.categoryId)}</td>
                          <td>
                            {answer.updatedBy
                              ? t('rules.bestAnswers.updatedBy', {
                                  date: formatDate(answer.updatedAt),
                                  name: answer.updatedBy,
                                })
                              : formatDate(answer.updatedAt)}
                          </td>
                          {canManage && (
                            <td>
                              <span className="rules-row-actions">
                                <button
                                  type="button"
                                  className="button-quiet"
                                  onClick={() => setEditing({ mode: 'edit', id: answer.id })}
                                >
                                  {t('rules.bestAnswers.edit')} <span className="visually-hidden">{answer.title}</span>
                                </button>
                                <button
                                  type="button"
                                  className="button-quiet"
                                  onClick={() => setEditing({ mode: 'translate', id: answer.id })}
                                >
                                  {t('rules.bestAnswers.translate')}{' '}
                                  <span className="visually-hidden">{answer.title}</span>
                                </button>
                                <button
                                  type="button"
                                  className="button-quiet"
                                  onClick={() => setEditing({ mode: 'delete', id: answer.id })}
                                >
                                  {t('rules.bestAnswers.delete')}{' '}
                                  <span className="visually-hidden">{answer.title}</span>
                                </button>
                              </span>
                            </td>
                          )}
                        </tr>
                        {open && (
                          <tr>
                            <td colSpan={5}>
                              {open === 'delete' ? (
                                <ConfirmInline
                                  question={t('rules.bestAnswers.deleteQuestion', { title: answer.title })}
                                  confirmLabel={t('rules.bestAnswers.deleteConfirm')}
                                  busy={deleteBusy}
                                  onConfirm={() => void remove(answer)}
                                  onCancel={() => setEditing(null)}
                                />
                              ) : (
                                <BestAnswerForm
                                  {...(open === 'edit' ? { answer } : { source: answer })}
                                  categories={categories}
                                  onSaved={saved}
                                  onCancel={() => setEditing(null)}
                                />
                              )}
                            </td>
                          </tr>
                        )}
                      </Fragment>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
      {canManage &&
        (editing?.mode === 'add' ? (
          <BestAnswerForm categories={categories} onSaved={saved} onCancel={() => setEditing(null)} />
        ) : (
          <button type="button" className="button-quiet" onClick={() => setEditing({ mode: 'add' })}>
            {t('rules.bestAnswers.addTitle')}
          </button>
        ))}
    </div>
  );
};
