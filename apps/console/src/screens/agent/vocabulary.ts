import type { CaseChannel, CasePriority, CaseStatus, CategoryDto, ExpectedRemedy, Severity } from '@redress/contract';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../i18n/i18n.ts';

/** Words for a case's coded fields in the reader's language, from `agent.vocab.*`. */
export interface CaseVocabulary {
  status: (status: CaseStatus) => string;
  channel: (channel: CaseChannel) => string;
  severity: (severity: Severity) => string;
  priority: (priority: CasePriority) => string;
  remedy: (remedy: ExpectedRemedy) => string;
  /** "Level 2", or "Not escalated" for rank 0. */
  escalation: (rank: number) => string;
  /** "Safety risk": someone was hurt or could be. */
  safety: () => string;
}

/**
 * Case statuses, channels, severities, priorities, expected remedies and escalation ranks in words,
 * for any screen that shows cases (the queues, the case page, the board). Re-translates when the
 * language changes.
 */
export const useCaseVocabulary = (): CaseVocabulary => {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      status: (status) => t(`agent.vocab.status.${status}`),
      channel: (channel) => t(`agent.vocab.channel.${channel}`),
      severity: (severity) => t(`agent.vocab.severity.${severity}`),
      priority: (priority) => t(`agent.vocab.priority.${priority}`),
      remedy: (remedy) => t(`agent.vocab.remedy.${remedy}`),
      escalation: (rank) => (rank > 0 ? t('agent.vocab.escalationLevel', { rank }) : t('agent.vocab.notEscalated')),
      safety: () => t('agent.vocab.safety'),
    }),
    [t],
  );
};

/** A category's name in `locale`, else in English, else in whichever language it has one. */
export const categoryName = (category: Pick<CategoryDto, 'names' | 'id'>, locale: Locale): string =>
  category.names[locale] ?? category.names.en ?? Object.values(category.names)[0] ?? category.id;

/**
 * Each category with its path from the top ("Delivery › Late delivery"), sorted by that path in
 * the reader's language, for pickers that show the tree flat.
 */
export const categoryChoices = (
  categories: readonly CategoryDto[],
  locale: Locale,
): { id: string; label: string }[] => {
  const byId = new Map(categories.map((category) => [category.id, category]));
  const pathOf = (category: CategoryDto): string[] => {
    const names: string[] = [];
    const seen = new Set<string>();
    for (let at: CategoryDto | undefined = category; at && !seen.has(at.id); at = byId.get(at.parentId ?? '')) {
      seen.add(at.id);
      names.unshift(categoryName(at, locale));
    }
    return names;
  };
  const collator = new Intl.Collator(locale);
  return categories
    .map((category) => ({ id: category.id, label: pathOf(category).join(' › ') }))
    .sort((a, b) => collator.compare(a.label, b.label));
};
