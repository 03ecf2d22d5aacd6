/**
 * The language module's public door: escalation signals and the risk score, category suggestion,
 * and text analysis. The text core it builds on (folding, language detection, segmentation) is in
 * `shared/text/`, so every module's pure code can use it.
 */
export {};
export {
  addExample,
  modelFromJson,
  modelToJson,
  scoreCategories,
  suggestCategories,
  trainCategoryModel,
  type CategoryModel,
  type CategoryModelJson,
  type CategorySuggestion,
  type LabelledText,
} from './categories/naive-bayes.ts';
export { coldStartExamples, suggestKind, type KindSuggestion, type SuggestableCategory } from './categories/cold-start.ts';
export { analyzeText, CATEGORY_LIMIT, type AnalyzeOptions } from './analyze.ts';
