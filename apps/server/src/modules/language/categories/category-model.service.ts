import type { CategoryKind } from '@redress/contract';
import type { Clock } from '../../../shared/clock.ts';
import { detectLanguage, type TextLanguage } from '../../../shared/text/detect-language.ts';
import { scopeOf, type Context, type UnitOfWork } from '../../../shared/unit-of-work.ts';
import { requirePermission } from '../../access/index.ts';
import type { CategoryModelRepository, TrainingScope } from './category-model.repository.ts';
import {
  coldStartExamples,
  suggestKind,
  type CategoryEvidence,
  type KindSuggestion,
  type SuggestableCategory,
} from './cold-start.ts';
import {
  addExample,
  scoreCategories,
  trainCategoryModel,
  type CategoryModel,
  type LabelledText,
} from './naive-bayes.ts';

/**
 * Category suggestions from each organisation's own closed cases. A model is trained in process
 * per site scope — an agent's suggestions learn only from cases at the sites they may see, so
 * another site's complaints never show through — and cached. It is retrained when its training
 * set changed: checked at most once per `ttlMs` (a cheap event-sequence probe first, then a
 * fingerprint of the scope's closed cases), at once after `markStale()`. Every instance converges
 * by the same check, with no message between them.
 */

export interface CategoryModelServiceOptions {
  /** Newest closed cases trained on per scope; bounds training time. */
  readonly maxExamples?: number;
  /** How long a model is used before its training set is checked again, in milliseconds. */
  readonly ttlMs?: number;
  /** Models kept per process (one per distinct site scope); the least recently used goes first. */
  readonly maxModels?: number;
  /**
   * Further evidence per category beside its names — the seam for the knowledge base's best
   * answers. None yet.
   */
  readonly evidence?: (scope: TrainingScope) => Promise<readonly CategoryEvidence[]>;
}

/** What the category-model service is built from: its store, clock, the case visibility rule and tuning. */
export interface CategoryModelServiceDeps {
  readonly store: UnitOfWork<CategoryModelRepository>;
  readonly clock: Clock;
  /** Throws not-found unless the actor may read the case (the cases module's rule). */
  readonly requireVisibleCase: (ctx: Context, caseId: string) => Promise<unknown>;
  readonly options?: CategoryModelServiceOptions;
}

/** A trained model with what presenting its suggestions needs. */
export interface ScopedCategoryModel {
  readonly model: CategoryModel;
  readonly categories: ReadonlyMap<string, SuggestableCategory>;
  readonly kinds: ReadonlyMap<string, CategoryKind>;
  /** Real (closed-case) examples it learnt from. */
  readonly trainedOn: number;
  /** How long training took, in milliseconds. */
  readonly trainingMs: number;
}

/** One suggested category: its id, the model's confidence, and its name in the text's language. */
export interface SuggestedCategory {
  readonly id: string;
  readonly confidence: number;
  readonly name: string;
}

/** Suggestions for one text: categories, best first, and their kind (product or service) when one is clear. */
export interface CategorySuggestions {
  readonly categories: readonly SuggestedCategory[];
  readonly kind: KindSuggestion | null;
}

/**
 * 10,000 cases of a few hundred characters train in about half a second on one core (measured:
 * 13,333 closed cases of real tweets, call-centre lines and CFPB narratives, 20 categories, ~0.8 s;
 * 20,000, ~1.2 s), and recent cases say most about what comes in now.
 */
export const DEFAULT_MAX_EXAMPLES = 10_000;
/** Characters of each training case read: the start of a complaint names its subject. */
export const TRAINING_TEXT_CHARS = 1_000;
/** Examples trained between yields to the event loop, so requests keep flowing while a model trains. */
const TRAINING_BATCH = 500;
/** How long a trained model is served before the store is asked whether its training data changed. */
export const DEFAULT_TTL_MS = 30_000;
/** Trained models kept in memory at once (one per site scope), least recently used dropped first. */
export const DEFAULT_MAX_MODELS = 32;
/** Categories suggested when the caller does not say how many. */
export const DEFAULT_LIMIT = 3;

interface Entry {
  value: ScopedCategoryModel;
  version: string;
  seq: number;
  checkedAt: number;
}

const scopeKey = (scope: TrainingScope): string => (scope.all ? '*' : [...scope.siteIds].sort().join(','));

/**
 * Trains a scope's model from its closed cases and the category tree, yielding to the event loop
 * every `TRAINING_BATCH` examples. `trainingMs` includes those yields.
 */
export const buildScopedModel = async (
  categories: readonly SuggestableCategory[],
  cases: readonly { readonly categoryId: string; readonly text: string }[],
  evidence: readonly CategoryEvidence[],
  now: () => number,
): Promise<ScopedCategoryModel> => {
  const started = now();
  const known = new Map(categories.map((c) => [c.id, c]));
  // Cases filed under a category since archived teach nothing that can be suggested.
  const real: LabelledText[] = cases
    .filter((c) => known.has(c.categoryId))
    .map((c) => ({ text: c.text.slice(0, TRAINING_TEXT_CHARS), label: c.categoryId }));
  const counts = new Map<string, number>();
  for (const example of real) counts.set(example.label, (counts.get(example.label) ?? 0) + 1);
  const model = trainCategoryModel(coldStartExamples(categories, counts, evidence));
  for (let from = 0; from < real.length; from += TRAINING_BATCH) {
    for (const example of real.slice(from, from + TRAINING_BATCH)) addExample(model, example);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return {
    model,
    categories: known,
    kinds: new Map(categories.map((c) => [c.id, c.kind])),
    trainedOn: real.length,
    trainingMs: now() - started,
  };
};

const nameIn = (category: SuggestableCategory | undefined, language: TextLanguage): string =>
  category?.names[language]?.trim() || category?.names.en?.trim() || '';

/**
 * Category suggestions learnt per site scope: trains a naive Bayes model on the scope's resolved
 * and closed cases plus pseudo-examples from the category names (which weigh less as real cases
 * accumulate), caches it, and suggests categories for a case or a free text.
 */
export const createCategoryModelService = ({
  store,
  clock,
  requireVisibleCase,
  options = {},
}: CategoryModelServiceDeps) => {
  const maxExamples = options.maxExamples ?? DEFAULT_MAX_EXAMPLES;
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  const maxModels = options.maxModels ?? DEFAULT_MAX_MODELS;
  const cache = new Map<string, Entry>();
  const building = new Map<string, Promise<Entry>>();
  const repo = store.read;
  const nowMs = () => clock.now().getTime();

  const train = async (scope: TrainingScope, seq: number): Promise<Entry> => {
    const version = await repo.trainingVersion(scope);
    const [categories, cases, evidence] = await Promise.all([
      repo.listCategories(),
      repo.listTrainingCases(scope, maxExamples),
      options.evidence ? options.evidence(scope) : Promise.resolve([]),
    ]);
    return {
      value: await buildScopedModel(categories, cases, evidence, () => performance.now()),
      version,
      seq,
      checkedAt: nowMs(),
    };
  };

  /** The current entry for `scope`: cached, re-checked after the TTL, retrained when changed. */
  const refresh = async (scope: TrainingScope, key: string): Promise<Entry> => {
    const cached = cache.get(key);
    if (cached && nowMs() - cached.checkedAt < ttlMs) return cached;
    const seq = await repo.lastRelevantEventSeq();
    if (cached && cached.seq === seq) {
      cached.checkedAt = nowMs();
      return cached;
    }
    if (cached && (await repo.trainingVersion(scope)) === cached.version) {
      Object.assign(cached, { seq, checkedAt: nowMs() });
      return cached;
    }
    return train(scope, seq);
  };

  /** The model for the actor's site scope (every site for brand roles and the system). */
  const modelFor = async (ctx: Context): Promise<ScopedCategoryModel> => {
    const { allSites, siteIds } = scopeOf(ctx.actor);
    const scope: TrainingScope = { all: allSites, siteIds };
    const key = scopeKey(scope);
    let pending = building.get(key);
    if (!pending) {
      // Concurrent requests for one scope share one check and one training run.
      pending = refresh(scope, key).finally(() => building.delete(key));
      building.set(key, pending);
    }
    const entry = await pending;
    cache.delete(key);
    cache.set(key, entry);
    while (cache.size > maxModels) cache.delete(cache.keys().next().value ?? key);
    return entry.value;
  };

  const suggest = (scoped: ScopedCategoryModel, text: string, language: TextLanguage, limit: number) => {
    const ranking = scoreCategories(scoped.model, text);
    return {
      categories: ranking.slice(0, limit).map((s) => ({
        id: s.id,
        confidence: Math.round(s.confidence * 10_000) / 10_000,
        name: nameIn(scoped.categories.get(s.id), language),
      })),
      kind: suggestKind(ranking, scoped.kinds),
    };
  };

  return {
    modelFor,

    /** Suggestions for a free text (e.g. a complaint being typed in); `language` names the categories. */
    async suggestForText(
      ctx: Context,
      input: { readonly text: string; readonly language?: TextLanguage | undefined },
      limit = DEFAULT_LIMIT,
    ): Promise<CategorySuggestions> {
      requirePermission(ctx.actor, 'case:read');
      const scoped = await modelFor(ctx);
      return suggest(scoped, input.text, input.language ?? detectLanguage(input.text), limit);
    },

    /** Suggestions for a case the actor may read: its subject, description and first inbound message. */
    async suggestForCase(ctx: Context, caseId: string, limit = DEFAULT_LIMIT): Promise<CategorySuggestions> {
      requirePermission(ctx.actor, 'case:read');
      await requireVisibleCase(ctx, caseId);
      const found = await repo.caseText(caseId);
      const scoped = await modelFor(ctx);
      const text = found?.text ?? '';
      return suggest(scoped, text, detectLanguage(text, found?.language), limit);
    },

    /** Makes every cached model check its training set on next use (e.g. when a case closes). */
    markStale(): void {
      for (const entry of cache.values()) entry.checkedAt = Number.NEGATIVE_INFINITY;
    },
  };
};

/** The category-model service, as `createCategoryModelService` builds it. */
export type CategoryModelService = ReturnType<typeof createCategoryModelService>;
