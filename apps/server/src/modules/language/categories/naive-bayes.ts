import { AppError, ErrorCode } from '../../../shared/errors.ts';
import { categoryFeatures } from './features.ts';

/**
 * Category suggestion as multinomial naive Bayes over a text's words and Chinese character bigrams
 * (features.ts), each counted once per text (binarised: a complaint that says "refund" five times
 * is no more about refunds than one that says it once, and template letters do not swamp the
 * counts), with additive (Laplace-style) smoothing. Pure and in memory: trained from an organisation's
 * closed cases in well under a second, updated one example at a time, saved as JSON for the CLI.
 */

/** One labelled text. `weight` (default 1) lets pseudo-examples such as category names count less. */
export interface LabelledText {
  readonly text: string;
  readonly label: string;
  readonly weight?: number;
}

export interface CategoryModelOptions {
  /** Add-alpha smoothing of feature counts (1 is Laplace's rule); default `DEFAULT_ALPHA`. */
  readonly alpha?: number;
}

/** What the model knows of one label. */
export interface LabelStats {
  /** Weighted number of examples. */
  examples: number;
  /** Weighted number of feature occurrences (each feature once per example). */
  total: number;
  readonly counts: Map<string, number>;
}

/** A trained model. Mutable only through `addExample`. */
export interface CategoryModel {
  readonly alpha: number;
  readonly labels: Map<string, LabelStats>;
  readonly vocabulary: Set<string>;
  /** Weighted number of examples over all labels. */
  examples: number;
}

/** A suggested label and how sure the model is, 0–1; a ranking's confidences sum to at most 1. */
export interface CategorySuggestion {
  readonly id: string;
  readonly confidence: number;
}

/**
 * Half a count (Jeffreys–Perks) rather than Laplace's whole one: on held-out folds of the training
 * halves of the evaluation files it ranked as well or better than 1, 0.2 or 0.05 (eval/categories.ts).
 */
export const DEFAULT_ALPHA = 0.5;

/** An empty model (no labels): suggests nothing until examples are added. */
export const emptyCategoryModel = (options: CategoryModelOptions = {}): CategoryModel => {
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  if (!(alpha > 0)) throw new AppError(ErrorCode.ValidationFailed, 'Smoothing must be positive');
  return { alpha, labels: new Map(), vocabulary: new Set(), examples: 0 };
};

/** Adds one example to `model` in place (no retraining); an empty text still counts for its label. */
export const addExample = (model: CategoryModel, example: LabelledText): void => {
  const weight = example.weight ?? 1;
  if (!(weight > 0) || example.label === '') return;
  let stats = model.labels.get(example.label);
  if (!stats) {
    stats = { examples: 0, total: 0, counts: new Map() };
    model.labels.set(example.label, stats);
  }
  stats.examples += weight;
  model.examples += weight;
  for (const feature of new Set(categoryFeatures(example.text))) {
    stats.counts.set(feature, (stats.counts.get(feature) ?? 0) + weight);
    stats.total += weight;
    model.vocabulary.add(feature);
  }
};

/** Trains a model on `examples` (see `LabelledText`). Order does not matter. */
export const trainCategoryModel = (
  examples: readonly LabelledText[],
  options: CategoryModelOptions = {},
): CategoryModel => {
  const model = emptyCategoryModel(options);
  for (const example of examples) addExample(model, example);
  return model;
};

/**
 * Naive Bayes' log-probabilities sum one term per feature as if the features were independent,
 * which they are not (a word and its bigrams, words that come together), so the raw posterior is
 * near 0 or 1 for any text of some length. Dividing the log-scores by a temperature that grows
 * with the square root of the number of features read keeps the ranking and gives confidences
 * nearer to how often the top suggestion is right (measured by the evaluation, eval/categories.ts).
 */
const temperatureFor = (features: number): number => Math.max(1, Math.sqrt(features));

/**
 * Every label of `model` with its confidence for `text`, best first (ties by label). Only words the
 * model has seen count; a text with none of them gets the labels' prior shares.
 */
export const scoreCategories = (model: CategoryModel, text: string): CategorySuggestion[] => {
  if (model.labels.size === 0) return [];
  const features = [...new Set(categoryFeatures(text))].filter((f) => model.vocabulary.has(f));
  const vocabulary = model.vocabulary.size;
  const priorDenominator = Math.log(model.examples + model.labels.size);
  const scored: { id: string; score: number }[] = [];
  for (const [id, stats] of model.labels) {
    let score = Math.log(stats.examples + 1) - priorDenominator;
    const denominator = Math.log(stats.total + model.alpha * vocabulary);
    for (const feature of features) score += Math.log((stats.counts.get(feature) ?? 0) + model.alpha) - denominator;
    scored.push({ id, score });
  }
  const temperature = temperatureFor(features.length);
  const top = Math.max(...scored.map((s) => s.score));
  const weights = scored.map((s) => Math.exp((s.score - top) / temperature));
  const sum = weights.reduce((a, b) => a + b, 0);
  return scored
    .map((s, i) => ({ id: s.id, confidence: (weights[i] ?? 0) / sum }))
    .sort((a, b) => b.confidence - a.confidence || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
};

/** The `limit` most likely labels for `text`, confidences rounded to 4 decimals. */
export const suggestCategories = (model: CategoryModel, text: string, limit = 3): CategorySuggestion[] =>
  scoreCategories(model, text)
    .slice(0, Math.max(0, limit))
    .map((s) => ({ id: s.id, confidence: Math.round(s.confidence * 10_000) / 10_000 }));

/** The saved form of a model (`modelToJson`): plain JSON, stable across processes. */
export interface CategoryModelJson {
  readonly format: typeof MODEL_FORMAT;
  readonly version: 1;
  readonly alpha: number;
  readonly labels: readonly {
    readonly id: string;
    readonly examples: number;
    readonly total: number;
    /** `[feature, weighted count]`, in the order first seen. */
    readonly counts: readonly (readonly [string, number])[];
  }[];
}

const MODEL_FORMAT = 'redress.category-model';

/** The model as JSON-ready data (e.g. for `npx redress analyze --model file`). */
export const modelToJson = (model: CategoryModel): CategoryModelJson => ({
  format: MODEL_FORMAT,
  version: 1,
  alpha: model.alpha,
  labels: [...model.labels].map(([id, stats]) => ({
    id,
    examples: stats.examples,
    total: stats.total,
    counts: [...stats.counts],
  })),
});

const invalidModel = (message: string): AppError =>
  new AppError(ErrorCode.ValidationFailed, `Not a category model: ${message}`);

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/**
 * A model from its saved form (a parsed object or the JSON text). Throws `validation_failed`
 * naming what is wrong rather than loading half a model.
 */
export const modelFromJson = (input: unknown): CategoryModel => {
  const data: unknown = typeof input === 'string' ? parseJson(input) : input;
  if (typeof data !== 'object' || data === null) throw invalidModel('expected an object');
  const saved = data as Partial<Record<keyof CategoryModelJson, unknown>>;
  if (saved.format !== MODEL_FORMAT || saved.version !== 1) throw invalidModel(`expected ${MODEL_FORMAT} version 1`);
  if (!isCount(saved.alpha) || saved.alpha === 0) throw invalidModel('alpha must be a positive number');
  if (!Array.isArray(saved.labels)) throw invalidModel('labels must be a list');
  const model = emptyCategoryModel({ alpha: saved.alpha });
  for (const entry of saved.labels as unknown[]) {
    const label = (entry ?? {}) as Record<string, unknown>;
    if (typeof label.id !== 'string' || label.id === '' || model.labels.has(label.id)) {
      throw invalidModel('each label needs a distinct id');
    }
    if (!isCount(label.examples) || !isCount(label.total) || !Array.isArray(label.counts)) {
      throw invalidModel(`label ${label.id} needs examples, total and counts`);
    }
    const counts = new Map<string, number>();
    for (const pair of label.counts as unknown[]) {
      if (!Array.isArray(pair) || typeof pair[0] !== 'string' || !isCount(pair[1])) {
        throw invalidModel(`label ${label.id} has a count that is not [feature, number]`);
      }
      counts.set(pair[0], pair[1]);
      model.vocabulary.add(pair[0]);
    }
    model.labels.set(label.id, { examples: label.examples, total: label.total, counts });
    model.examples += label.examples;
  }
  return model;
};

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidModel('the file is not JSON');
  }
};
