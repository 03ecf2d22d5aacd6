/**
 * The language module's public door: escalation signals and the risk score, category suggestion,
 * and text analysis. The text core it builds on (folding, language detection, segmentation) is in
 * `shared/text/`, so every module's pure code can use it.
 */
export { detectSignals, type DetectOptions, type SignalHit } from './signals/signals.ts';
export { assessRisk, riskLevel, SIGNAL_WEIGHTS, type RiskAssessment, type RiskFacts } from './signals/risk.ts';
export {
  builtInLexicon,
  compileLexicon,
  LexiconLanguages,
  type Lexicon,
  type LexiconEntry,
  type LexiconLanguage,
} from './signals/lexicon.ts';
export { patternProblems } from './signals/pattern-safety.ts';
export type { LexiconRepository, LexiconStore, StoredLexiconEntry } from './signals/lexicon.repository.ts';
export {
  createLexiconService,
  LEXICON_TTL_MS,
  type LexiconService,
  type LexiconView,
} from './signals/lexicon.service.ts';
export { lexiconRoutes } from './signals/lexicon.routes.ts';
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
export {
  coldStartExamples,
  suggestKind,
  type CategoryEvidence,
  type KindSuggestion,
  type SuggestableCategory,
} from './categories/cold-start.ts';
export type { CategoryModelRepository, TrainingCase, TrainingScope } from './categories/category-model.repository.ts';
export {
  createCategoryModelService,
  type CategoryModelService,
  type CategoryModelServiceOptions,
  type CategorySuggestions,
  type ScopedCategoryModel,
} from './categories/category-model.service.ts';
export { categoryModelStaleJob, CATEGORY_MODEL_STALE_JOB } from './categories/category-model.jobs.ts';
export { categorySuggestionsRoutes } from './categories/category-suggestions.routes.ts';
export { analyzeText, CATEGORY_LIMIT, type AnalyzeOptions } from './analyze.ts';
export { createAnalyzeService, type AnalyzeService } from './analyze.service.ts';
export { analyzeRoutes } from './analyze.routes.ts';
export { assessCaseRisk, type CaseRisk, type CaseRiskInput, type CaseSignal, type CustomerText } from './case-risk.ts';
export type { CaseRiskRepository, CaseRiskStore } from './case-risk.repository.ts';
export { createCaseRiskService, type CaseRiskService } from './case-risk.service.ts';
export { caseRiskRoutes } from './case-risk.routes.ts';
