/** The knowledge module's public door: best answers per category and language. */
export { createKnowledgeService, DEFAULT_ANSWER_LIMIT, type KnowledgeService } from './knowledge.service.ts';
export type { AnswerFilter, KnowledgeRepository, StoredAnswer } from './knowledge.repository.ts';
export type { AnswerFields, BestAnswer } from './knowledge.ts';
export { knowledgeRoutes } from './knowledge.routes.ts';
