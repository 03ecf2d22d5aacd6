import type { AnalyzeBody, AnalyzeResultDto } from '@redress/contract';
import type { Context } from '../../shared/unit-of-work.ts';
import { requirePermission } from '../access/index.ts';
import { analyzeText } from './analyze.ts';
import type { CategoryModel } from './categories/naive-bayes.ts';
import type { Lexicon } from './signals/lexicon.ts';

/** Where the analyze service gets its lexicon and category model from (both cached elsewhere). */
export interface AnalyzeServiceDeps {
  /** The organisation's compiled signal lexicon (cached by the lexicon service). */
  readonly lexicon: () => Promise<Lexicon>;
  /** The category model for the actor's site scope (cached by the category-model service). */
  readonly categoryModel: (ctx: Context) => Promise<CategoryModel | undefined>;
}

/**
 * `POST /analyze`: one message analysed with the organisation's compiled lexicon (built-in rules
 * and an administrator's entries) and the category model the caller's sites have trained. Nothing
 * is stored; the caller needs `case:read`, because the suggestions are learnt from its cases.
 */
export const createAnalyzeService = ({ lexicon, categoryModel }: AnalyzeServiceDeps) => ({
  /** Analyses `input.text` (language detected unless given). */
  async analyze(ctx: Context, input: AnalyzeBody): Promise<AnalyzeResultDto> {
    requirePermission(ctx.actor, 'case:read');
    const [compiled, model] = await Promise.all([lexicon(), categoryModel(ctx)]);
    return analyzeText(input.text, { language: input.language, lexicon: compiled, categoryModel: model });
  },
});

/** The analyze service, as `createAnalyzeService` builds it. */
export type AnalyzeService = ReturnType<typeof createAnalyzeService>;
