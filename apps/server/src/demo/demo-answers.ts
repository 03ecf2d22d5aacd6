import type { Deps } from '../deps.ts';
import { systemContext } from '../shared/unit-of-work.ts';
import { DEMO_ANSWER_CATEGORIES, DEMO_ANSWERS } from './demo-answers-text.ts';

/**
 * Best answers for the demo categories (and general ones) in four languages. Runs once: when any
 * best answer exists, it adds nothing. Returns how many it added.
 */
export const loadDemoAnswers = async (deps: Deps): Promise<number> => {
  const ctx = systemContext('demo');
  if ((await deps.knowledge.listAnswers(ctx, { limit: 1 })).length > 0) return 0;
  const byName = new Map((await deps.cases.listCategories(ctx)).map((c) => [c.names.en, c.id]));
  let added = 0;
  for (const answer of DEMO_ANSWERS) {
    const categoryId = answer.category === null ? null : byName.get(DEMO_ANSWER_CATEGORIES[answer.category]);
    if (categoryId === undefined) continue;
    await deps.knowledge.createAnswer(ctx, {
      categoryId,
      language: answer.language,
      title: answer.title,
      body: answer.body,
    });
    added += 1;
  }
  return added;
};
