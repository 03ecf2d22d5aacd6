import type { BestAnswerListQuery, CreateBestAnswerBody, UpdateBestAnswerBody } from '@redress/contract';
import type { Clock } from '../../shared/clock.ts';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { actorId, type Context, type UnitOfWork } from '../../shared/unit-of-work.ts';
import { requirePermission } from '../access/index.ts';
import {
  categoryChain,
  changedFields,
  cleanBody,
  cleanTitle,
  searchTextOf,
  searchWords,
  type AnswerFields,
  type BestAnswer,
} from './knowledge.ts';
import type { KnowledgeRepository } from './knowledge.repository.ts';

type Port = { knowledge: KnowledgeRepository };

/** Answers a list returns when the caller does not say. */
export const DEFAULT_ANSWER_LIMIT = 50;

const notFound = (): AppError => new AppError(ErrorCode.NotFound, 'Best answer not found');

const unknownCategory = (): AppError =>
  new AppError(ErrorCode.RuleViolated, 'No such category', [
    { field: '/body/categoryId', message: 'no such category' },
  ]);

/**
 * Best answers: listed for anyone who reads cases (the composer), kept by administrators. Every
 * change is an event in the change's own transaction.
 */
export const createKnowledgeService = ({ store, clock }: { store: UnitOfWork<Port>; clock: Clock }) => {
  /**
   * Answers for a category (its own, then its parents', then the general ones, nearest first), or
   * every answer when no category is given; narrowed by language and words, at most `limit`.
   */
  const listAnswers = async (ctx: Context, query: BestAnswerListQuery): Promise<BestAnswer[]> => {
    requirePermission(ctx.actor, 'case:read');
    const repo = store.read.knowledge;
    const chain = query.categoryId ? categoryChain(query.categoryId, await repo.categoryParents()) : null;
    return repo.listAnswers({
      chain,
      language: query.language ?? null,
      words: searchWords(query.q),
      limit: query.limit ?? DEFAULT_ANSWER_LIMIT,
    });
  };

  const createAnswer = async (ctx: Context, body: CreateBestAnswerBody): Promise<BestAnswer> => {
    requirePermission(ctx.actor, 'config:manage');
    const fields: AnswerFields = {
      categoryId: body.categoryId ?? null,
      language: body.language,
      title: cleanTitle(body.title),
      body: cleanBody(body.body),
    };
    const now = clock.now();
    const by = actorId(ctx.actor);
    const id = newId('ans', now);
    return store.write(async ({ knowledge }) => {
      if (fields.categoryId !== null && !(await knowledge.categoryExists(fields.categoryId))) throw unknownCategory();
      await knowledge.insertAnswer({
        ...fields,
        id,
        searchText: searchTextOf(fields.title, fields.body),
        createdBy: by,
        createdAt: now,
        updatedBy: by,
        updatedAt: now,
      });
      await knowledge.appendEvent({
        type: 'best_answer.created',
        subjectType: 'best_answer',
        subjectId: id,
        actorId: by,
        requestId: ctx.requestId,
        payload: { categoryId: fields.categoryId, language: fields.language, title: fields.title },
        occurredAt: now,
      });
      const created = await knowledge.findAnswer(id);
      if (!created) throw new Error(`best answer ${id} vanished in its own transaction`);
      return created;
    });
  };

  /** Changes the given fields; a patch that changes nothing writes nothing and returns the answer. */
  const updateAnswer = async (ctx: Context, id: string, patch: UpdateBestAnswerBody): Promise<BestAnswer> => {
    requirePermission(ctx.actor, 'config:manage');
    const title = patch.title === undefined ? undefined : cleanTitle(patch.title);
    const body = patch.body === undefined ? undefined : cleanBody(patch.body);
    const now = clock.now();
    const by = actorId(ctx.actor);
    return store.write(async ({ knowledge }) => {
      const current = await knowledge.findAnswer(id);
      if (!current) throw notFound();
      const next: AnswerFields = {
        categoryId: patch.categoryId === undefined ? current.categoryId : patch.categoryId,
        language: patch.language ?? current.language,
        title: title ?? current.title,
        body: body ?? current.body,
      };
      const fields = changedFields(current, next);
      if (fields.length === 0) return current;
      if (
        fields.includes('categoryId') &&
        next.categoryId !== null &&
        !(await knowledge.categoryExists(next.categoryId))
      ) {
        throw unknownCategory();
      }
      await knowledge.updateAnswer({
        ...next,
        id,
        searchText: searchTextOf(next.title, next.body),
        updatedBy: by,
        updatedAt: now,
      });
      await knowledge.appendEvent({
        type: 'best_answer.updated',
        subjectType: 'best_answer',
        subjectId: id,
        actorId: by,
        requestId: ctx.requestId,
        payload: { fields, categoryId: next.categoryId, language: next.language, title: next.title },
        occurredAt: now,
      });
      return (await knowledge.findAnswer(id)) ?? current;
    });
  };

  const deleteAnswer = async (ctx: Context, id: string): Promise<void> => {
    requirePermission(ctx.actor, 'config:manage');
    const now = clock.now();
    await store.write(async ({ knowledge }) => {
      const current = await knowledge.findAnswer(id);
      if (!current || !(await knowledge.deleteAnswer(id))) throw notFound();
      await knowledge.appendEvent({
        type: 'best_answer.deleted',
        subjectType: 'best_answer',
        subjectId: id,
        actorId: actorId(ctx.actor),
        requestId: ctx.requestId,
        payload: { categoryId: current.categoryId, language: current.language, title: current.title },
        occurredAt: now,
      });
    });
  };

  return { listAnswers, createAnswer, updateAnswer, deleteAnswer };
};

export type KnowledgeService = ReturnType<typeof createKnowledgeService>;
