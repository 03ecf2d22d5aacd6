import type { CategoryKind } from '@redress/contract';
import type { Clock } from '../../shared/clock.ts';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { actorId, type Context, type UnitOfWork } from '../../shared/unit-of-work.ts';
import { validateNewCategory, type Category, type Names, type RootCause } from './category.ts';
import type { CaseStore } from './case.repository.ts';
import { requirePermission } from './case-support.service.ts';

const cleanNames = (names: Names): Names => {
  const out: Record<string, string> = {};
  for (const [locale, name] of Object.entries(names)) {
    const trimmed = typeof name === 'string' ? name.trim() : '';
    if (trimmed) out[locale] = trimmed;
  }
  if (!out.en) {
    throw new AppError(ErrorCode.ValidationFailed, 'An English name is required', [
      { field: '/body/names/en', message: 'must not be blank' },
    ]);
  }
  return out as Names;
};

/** The configurable category tree and root-cause list: read by case readers, changed by administrators. */
export const caseConfiguration = ({ store, clock }: { store: UnitOfWork<CaseStore>; clock: Clock }) => {
  const listCategories = async (ctx: Context): Promise<Category[]> => {
    requirePermission(ctx.actor, 'case:read');
    return store.read.cases.listCategories();
  };

  const createCategory = async (
    ctx: Context,
    input: { names: Names; kind?: CategoryKind | undefined; parentId?: string | undefined },
  ): Promise<Category> => {
    requirePermission(ctx.actor, 'config:manage');
    const names = cleanNames(input.names);
    const now = clock.now();
    return store.write(async ({ cases }) => {
      const kind = validateNewCategory(
        { parentId: input.parentId ?? null, kind: input.kind },
        await cases.listCategories(),
      );
      const category: Category = {
        id: newId('cat', now),
        parentId: input.parentId ?? null,
        names,
        kind,
        createdAt: now,
      };
      await cases.insertCategory(category);
      await cases.appendEvent({
        type: 'category.created',
        subjectType: 'category',
        subjectId: category.id,
        actorId: actorId(ctx.actor),
        requestId: ctx.requestId,
        payload: { parentId: category.parentId, kind, names },
        occurredAt: now,
      });
      return category;
    });
  };

  /** Replaces a category's names (its place in the tree and its kind stay); `not_found` when it is gone. */
  const renameCategory = async (ctx: Context, id: string, input: { names: Names }): Promise<Category> => {
    requirePermission(ctx.actor, 'config:manage');
    const names = cleanNames(input.names);
    const now = clock.now();
    return store.write(async ({ cases }) => {
      const existing = await cases.findCategory(id);
      if (!existing || !(await cases.renameCategory(id, names))) {
        throw new AppError(ErrorCode.NotFound, 'No such category');
      }
      await cases.appendEvent({
        type: 'category.renamed',
        subjectType: 'category',
        subjectId: id,
        actorId: actorId(ctx.actor),
        requestId: ctx.requestId,
        payload: { from: existing.names, names },
        occurredAt: now,
      });
      return { ...existing, names };
    });
  };

  const listRootCauses = async (ctx: Context): Promise<RootCause[]> => {
    requirePermission(ctx.actor, 'case:read');
    return store.read.cases.listRootCauses();
  };

  const createRootCause = async (ctx: Context, input: { code: string; names: Names }): Promise<RootCause> => {
    requirePermission(ctx.actor, 'config:manage');
    const names = cleanNames(input.names);
    const now = clock.now();
    return store.write(async ({ cases }) => {
      if (await cases.findRootCauseByCode(input.code)) {
        throw new AppError(ErrorCode.Conflict, 'A root cause with this code exists', [
          { field: '/body/code', message: 'is already in use' },
        ]);
      }
      const rootCause: RootCause = { id: newId('rc', now), code: input.code, names, createdAt: now };
      await cases.insertRootCause(rootCause);
      await cases.appendEvent({
        type: 'root_cause.created',
        subjectType: 'root_cause',
        subjectId: rootCause.id,
        actorId: actorId(ctx.actor),
        requestId: ctx.requestId,
        payload: { code: input.code, names },
        occurredAt: now,
      });
      return rootCause;
    });
  };

  /** Replaces a root cause's names; its code stays, since reports and exports refer to it. */
  const renameRootCause = async (ctx: Context, id: string, input: { names: Names }): Promise<RootCause> => {
    requirePermission(ctx.actor, 'config:manage');
    const names = cleanNames(input.names);
    const now = clock.now();
    return store.write(async ({ cases }) => {
      const existing = await cases.findRootCause(id);
      if (!existing || !(await cases.renameRootCause(id, names))) {
        throw new AppError(ErrorCode.NotFound, 'No such root cause');
      }
      await cases.appendEvent({
        type: 'root_cause.renamed',
        subjectType: 'root_cause',
        subjectId: id,
        actorId: actorId(ctx.actor),
        requestId: ctx.requestId,
        payload: { code: existing.code, from: existing.names, names },
        occurredAt: now,
      });
      return { ...existing, names };
    });
  };

  return { listCategories, createCategory, renameCategory, listRootCauses, createRootCause, renameRootCause };
};
