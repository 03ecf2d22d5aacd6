import type { CategoryDto } from '@redress/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../../api.ts';
import { useCan } from '../../../auth/permissions.ts';
import { useLoad } from '../../../hooks/use-load.ts';
import { LANGUAGE_NAMES, SUPPORTED_LOCALES, type Locale } from '../../../i18n/i18n.ts';
import { useLocale } from '../../../preferences-context.tsx';
import { CategoryForm } from './CategoryForm.tsx';
import { Announcer, localName } from './rules-ui.tsx';
import { Loaded } from '../../../components/Loaded.tsx';
import './rules.css';

type Editing = { mode: 'rename'; id: string } | { mode: 'add'; parentId: string | null } | null;

/** Children of each parent id (`null` for the top level), in the reader's alphabetical order. */
const childrenByParent = (items: readonly CategoryDto[], locale: Locale): Map<string | null, CategoryDto[]> => {
  const ids = new Set(items.map((item) => item.id));
  const out = new Map<string | null, CategoryDto[]>();
  for (const item of items) {
    const key = item.parentId !== null && ids.has(item.parentId) ? item.parentId : null;
    out.set(key, [...(out.get(key) ?? []), item]);
  }
  const collator = new Intl.Collator(locale);
  for (const list of out.values())
    list.sort((a, b) => collator.compare(localName(a.names, locale), localName(b.names, locale)));
  return out;
};

/** Moves the focus to an element once React has drawn it. */
const focusLater = (id: string) => setTimeout(() => document.getElementById(id)?.focus());

/**
 * The category tree as nested lists: each category in the reader's language with its kind, its
 * names in the other languages shown on editing. Administrators add categories at any level and
 * rename them; the tree's shape and kinds are kept by the server.
 */
export const Categories = () => {
  const { t } = useTranslation();
  const locale = useLocale();
  const canManage = useCan()('config:manage');
  const { load, reload } = useLoad(
    (signal) => apiRequest<{ items: CategoryDto[] }>('/api/v1/categories', { signal }),
    'categories',
  );
  const [editing, setEditing] = useState<Editing>(null);
  const listOf = (parts: string[]) => new Intl.ListFormat(locale, { type: 'conjunction' }).format(parts);
  const [announcement, setAnnouncement] = useState('');

  const saved = (category: CategoryDto, added: boolean) => {
    setEditing(null);
    setAnnouncement(
      t(added ? 'rules.categories.added' : 'rules.categories.renamed', { name: localName(category.names, locale) }),
    );
    reload();
    focusLater(`cat-${category.id}-name`);
  };

  return (
    <div className="rules">
      <h2>{t('rules.categories.title')}</h2>
      <p className="muted">{t('rules.categories.intro')}</p>
      <Announcer message={announcement} />
      <Loaded load={load} retry={reload}>
        {({ items }) => {
          const tree = childrenByParent(items, locale);
          const byId = new Map(items.map((item) => [item.id, item]));
          const renderLevel = (parentId: string | null, depth: number) => (
            <ul className="rules-tree" aria-label={depth === 0 ? t('rules.categories.treeLabel') : undefined}>
              {(tree.get(parentId) ?? []).map((category) => {
                const name = localName(category.names, locale);
                const missing = SUPPORTED_LOCALES.filter((code) => !category.names[code]?.trim());
                return (
                  <li key={category.id}>
                    <div className="rules-tree-item">
                      <span id={`cat-${category.id}-name`} className="rules-tree-name" tabIndex={-1}>
                        {name}
                      </span>
                      <span className="rules-tag">{t(`rules.categories.kinds.${category.kind}`)}</span>
                      {missing.length > 0 && (
                        <span className="rules-hint">
                          {t('rules.names.missing', { languages: listOf(missing.map((code) => LANGUAGE_NAMES[code])) })}
                        </span>
                      )}
                      {canManage && (
                        <span className="rules-row-actions">
                          <button
                            type="button"
                            className="button-quiet"
                            onClick={() => setEditing({ mode: 'rename', id: category.id })}
                          >
                            {t('rules.categories.rename')} <span className="visually-hidden">{name}</span>
                          </button>
                          <button
                            type="button"
                            className="button-quiet"
                            onClick={() => setEditing({ mode: 'add', parentId: category.id })}
                          >
                            {t('rules.categories.addChild')} <span className="visually-hidden">{name}</span>
                          </button>
                        </span>
                      )}
                    </div>
                    {editing?.mode === 'rename' && editing.id === category.id && (
                      <CategoryForm
                        category={category}
                        parent={category.parentId ? (byId.get(category.parentId) ?? null) : null}
                        onSaved={(c) => saved(c, false)}
                        onCancel={() => setEditing(null)}
                      />
                    )}
                    {editing?.mode === 'add' && editing.parentId === category.id && (
                      <CategoryForm
                        parent={category}
                        onSaved={(c) => saved(c, true)}
                        onCancel={() => setEditing(null)}
                      />
                    )}
                    {tree.has(category.id) && renderLevel(category.id, depth + 1)}
                  </li>
                );
              })}
            </ul>
          );
          return (
            <>
              {items.length === 0 ? <p>{t('rules.categories.empty')}</p> : renderLevel(null, 0)}
              {canManage &&
                (editing?.mode === 'add' && editing.parentId === null ? (
                  <CategoryForm parent={null} onSaved={(c) => saved(c, true)} onCancel={() => setEditing(null)} />
                ) : (
                  <button
                    type="button"
                    className="button-quiet"
                    onClick={() => setEditing({ mode: 'add', parentId: null })}
                  >
                    {t('rules.categories.addTop')}
                  </button>
                ))}
            </>
          );
        }}
      </Loaded>
    </div>
  );
};
