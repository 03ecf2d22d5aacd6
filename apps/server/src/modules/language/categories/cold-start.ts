import type { CategoryKind } from '@redress/contract';
import type { LabelledText } from './naive-bayes.ts';

/**
 * Before an organisation has closed cases to learn from, its own category tree is the evidence:
 * each category's names in the four languages (and its ancestors' names, which say what branch it
 * belongs to) become pseudo-examples. They count for less as real examples of that category
 * accumulate, but never vanish, so a newly added category can still be suggested.
 */

/** The interface languages category names are kept in. */
export type NameLanguage = 'en' | 'zh-TW' | 'zh-CN' | 'th';

/** What the suggestion needs to know of a category. */
export interface SuggestableCategory {
  readonly id: string;
  readonly parentId: string | null;
  readonly names: Readonly<Partial<Record<NameLanguage, string>>>;
  readonly kind: CategoryKind;
}

/**
 * A text known to belong to a category without being a closed case — today only names; later the
 * knowledge base's best answers (`extra` in `coldStartExamples`) join here.
 */
export interface CategoryEvidence {
  readonly label: string;
  readonly text: string;
}

/** How many ordinary examples one name counts as while its category has no real examples. */
export const NAME_WEIGHT = 3;
/** Ancestors' names count for this share of the category's own name. */
export const ANCESTOR_SHARE = 0.5;
/** With this many real examples of a category, its names count half as much as at the start. */
export const HALF_LIFE_EXAMPLES = 20;

const LANGUAGES: readonly NameLanguage[] = ['en', 'zh-TW', 'zh-CN', 'th'];

/** How much one name (or other pseudo-example) counts when its category has `real` real examples. */
export const pseudoWeight = (real: number): number =>
  (NAME_WEIGHT * HALF_LIFE_EXAMPLES) / (HALF_LIFE_EXAMPLES + Math.max(0, real));

const namesOf = (category: SuggestableCategory): string[] => {
  const seen = new Set<string>();
  for (const language of LANGUAGES) {
    const name = category.names[language]?.trim();
    if (name) seen.add(name);
  }
  return [...seen];
};

/**
 * Pseudo-examples for every category in `categories`: its names (each language once; zh-TW and
 * zh-CN names that fold alike still count twice, like two people naming it), its ancestors' names
 * at `ANCESTOR_SHARE`, and any `extra` evidence (best answers, later), weighted by `pseudoWeight` of
 * the category's real example count in `realCounts`.
 */
export const coldStartExamples = (
  categories: readonly SuggestableCategory[],
  realCounts: ReadonlyMap<string, number>,
  extra: readonly CategoryEvidence[] = [],
): LabelledText[] => {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const examples: LabelledText[] = [];
  for (const category of categories) {
    const weight = pseudoWeight(realCounts.get(category.id) ?? 0);
    for (const name of namesOf(category)) examples.push({ label: category.id, text: name, weight });
    const seen = new Set([category.id]);
    for (let at = category.parentId; at !== null && !seen.has(at);) {
      seen.add(at);
      const ancestor = byId.get(at);
      if (!ancestor) break;
      for (const name of namesOf(ancestor)) {
        examples.push({ label: category.id, text: name, weight: weight * ANCESTOR_SHARE });
      }
      at = ancestor.parentId;
    }
  }
  for (const evidence of extra) {
    if (!byId.has(evidence.label)) continue;
    examples.push({
      label: evidence.label,
      text: evidence.text,
      weight: pseudoWeight(realCounts.get(evidence.label) ?? 0),
    });
  }
  return examples;
};

/** The suggested kind of complaint and how sure the suggestion is, 0–1. */
export interface KindSuggestion<Kind extends string = CategoryKind> {
  readonly kind: Kind;
  readonly confidence: number;
}

/**
 * The kind (product quality or service process) the ranking points to: each category's confidence
 * counts for its kind, over the whole ranking, normalised over the categories whose kind is known.
 * Null when none is. Ties go to the kind of the higher-ranked category.
 */
export const suggestKind = <Kind extends string>(
  ranking: readonly { readonly id: string; readonly confidence: number }[],
  kindOf: ReadonlyMap<string, Kind>,
): KindSuggestion<Kind> | null => {
  const totals = new Map<Kind, number>();
  let known = 0;
  for (const { id, confidence } of ranking) {
    const kind = kindOf.get(id);
    if (kind === undefined) continue;
    totals.set(kind, (totals.get(kind) ?? 0) + confidence);
    known += confidence;
  }
  let best: KindSuggestion<Kind> | null = null;
  for (const [kind, total] of totals) {
    const confidence = known > 0 ? total / known : 1 / totals.size;
    if (!best || confidence > best.confidence) best = { kind, confidence };
  }
  return best && { kind: best.kind, confidence: Math.round(best.confidence * 10_000) / 10_000 };
};
