import type { CategoryKind, Locale } from '@redress/contract';
import { AppError, ErrorCode } from '../../shared/errors.ts';

/** Names per interface language; English is always there, the rest fall back to it. */
export type Names = Readonly<Partial<Record<Locale, string>>> & { readonly en: string };

/** A node of the configurable category tree; each is product quality or service process (article 003). */
export interface Category {
  readonly id: string;
  readonly parentId: string | null;
  readonly names: Names;
  readonly kind: CategoryKind;
  readonly createdAt: Date;
}

export interface CategoryNode extends Category {
  readonly children: readonly CategoryNode[];
}

/** A configurable root cause every resolution names. */
export interface RootCause {
  readonly id: string;
  readonly code: string;
  readonly names: Names;
  readonly createdAt: Date;
}

/** How deep the tree may go: enough for area → problem → detail, shallow enough to pick from. */
export const MAX_CATEGORY_DEPTH = 4;

/** The name in `locale`, falling back to English. */
export const nameIn = (names: Names, locale: Locale): string => names[locale]?.trim() || names.en;

const depthOf = (id: string | null, byId: ReadonlyMap<string, Category>): number => {
  let depth = 0;
  for (let at = id; at !== null; depth += 1) {
    const node = byId.get(at);
    if (!node || depth > MAX_CATEGORY_DEPTH) break;
    at = node.parentId;
  }
  return depth;
};

/**
 * Checks a new node against the tree: its parent exists, the tree stays shallow, and a child keeps
 * its parent's kind (a service-process branch holds only service-process problems). Returns the
 * kind to store (the parent's when none is given).
 */
export const validateNewCategory = (
  input: { readonly parentId: string | null; readonly kind: CategoryKind | undefined },
  existing: readonly Category[],
): CategoryKind => {
  const byId = new Map(existing.map((c) => [c.id, c]));
  if (input.parentId === null) {
    if (!input.kind) {
      throw new AppError(ErrorCode.ValidationFailed, 'A top-level category says whether it is product or service', [
        { field: '/body/kind', message: 'is required for a top-level category' },
      ]);
    }
    return input.kind;
  }
  const parent = byId.get(input.parentId);
  if (!parent) {
    throw new AppError(ErrorCode.ValidationFailed, 'The parent category does not exist', [
      { field: '/body/parentId', message: 'no such category' },
    ]);
  }
  if (input.kind && input.kind !== parent.kind) {
    throw new AppError(ErrorCode.RuleViolated, `A child of a ${parent.kind} category is ${parent.kind} too`, [
      { field: '/body/kind', message: `must be ${parent.kind} like its parent` },
    ]);
  }
  if (depthOf(input.parentId, byId) >= MAX_CATEGORY_DEPTH) {
    throw new AppError(ErrorCode.RuleViolated, `Categories nest at most ${MAX_CATEGORY_DEPTH} deep`, [
      { field: '/body/parentId', message: 'is too deep' },
    ]);
  }
  return parent.kind;
};

/** The flat list as a tree, children in name order; orphans (parent missing) become roots. */
export const buildCategoryTree = (flat: readonly Category[]): CategoryNode[] => {
  const ids = new Set(flat.map((c) => c.id));
  const children = new Map<string | null, Category[]>();
  for (const category of flat) {
    const key = category.parentId !== null && ids.has(category.parentId) ? category.parentId : null;
    children.set(key, [...(children.get(key) ?? []), category]);
  }
  const build = (parentId: string | null): CategoryNode[] =>
    (children.get(parentId) ?? [])
      .slice()
      .sort((a, b) => a.names.en.localeCompare(b.names.en) || a.id.localeCompare(b.id))
      .map((c) => ({ ...c, children: build(c.id) }));
  return build(null);
};
