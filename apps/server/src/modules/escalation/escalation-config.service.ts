import { Roles, type PutLadderBody, type PutTriggersBody } from '@redress/contract';
import type { Clock } from '../../shared/clock.ts';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { actorId, type Context, type UnitOfWork } from '../../shared/unit-of-work.ts';
import { requirePermission } from '../access/index.ts';
import type { EscalationStore } from './escalation.repository.ts';
import { DEFAULT_LADDER, topRank, validateLadder, type LadderLevel } from './ladder.ts';
import { DEFAULT_TRIGGERS, validateTriggers, type EscalationTrigger } from './triggers.ts';

/**
 * The escalation ladder's configuration: its levels and the triggers that climb it, read with
 * `config:read`, replaced whole with `config:manage`, each saved level and trigger an event.
 * Part of the escalation service (`createEscalationService` spreads it in).
 */
/** One `<subject>.saved` event per saved ladder level or trigger, carrying what was saved. */
const recordSaved = async (
  port: EscalationStore,
  ctx: Context,
  now: Date,
  subjectType: 'escalation_level' | 'escalation_trigger',
  saved: readonly { readonly id: string }[],
): Promise<void> => {
  for (const item of saved) {
    await port.escalation.appendEvent({
      type: `${subjectType}.saved`,
      subjectType,
      subjectId: item.id,
      actorId: actorId(ctx.actor),
      requestId: ctx.requestId,
      payload: { ...item },
      occurredAt: now,
    });
  }
};

export const createEscalationConfig = ({ store, clock }: { store: UnitOfWork<EscalationStore>; clock: Clock }) => {
  /** The ladder, lowest rank first. */
  const listLevels = async (ctx: Context): Promise<LadderLevel[]> => {
    requirePermission(ctx.actor, 'config:read');
    return store.read.escalation.listLevels();
  };

  /**
   * Replaces the whole ladder. Triggers that aim above the new top are refused with it, so the
   * configuration never points at a level that does not exist.
   */
  const replaceLevels = async (ctx: Context, body: PutLadderBody): Promise<LadderLevel[]> => {
    requirePermission(ctx.actor, 'config:manage');
    validateLadder(body.levels, Roles);
    const now = clock.now();
    return store.write(async (port) => {
      for (const [i, level] of body.levels.entries()) {
        if (level.teamId && !(await port.cases.findTeam(level.teamId))) {
          throw new AppError(ErrorCode.ValidationFailed, 'No such team', [
            { field: `/body/levels/${i}/teamId`, message: 'no such team' },
          ]);
        }
      }
      const levels = [...body.levels]
        .sort((a, b) => a.rank - b.rank)
        .map((level) => ({ ...level, id: newId('lvl', now) }));
      const top = topRank(levels);
      const triggers = await port.escalation.listTriggers();
      if (triggers.some((t) => t.toRank !== null && t.toRank > top)) {
        throw new AppError(ErrorCode.RuleViolated, 'A trigger aims above the new top rank; change the triggers first', [
          { field: '/body/levels', message: `triggers aim above rank ${top}` },
        ]);
      }
      await port.escalation.replaceLevels(levels, now);
      await recordSaved(port, ctx, now, 'escalation_level', levels);
      return levels;
    });
  };

  const listTriggers = async (ctx: Context): Promise<EscalationTrigger[]> => {
    requirePermission(ctx.actor, 'config:read');
    return store.read.escalation.listTriggers();
  };

  /** Replaces every trigger at once; ids are new, like the ladder's. */
  const replaceTriggers = async (ctx: Context, body: PutTriggersBody): Promise<EscalationTrigger[]> => {
    requirePermission(ctx.actor, 'config:manage');
    const now = clock.now();
    return store.write(async (port) => {
      validateTriggers(body.triggers, topRank(await port.escalation.listLevels()));
      const triggers = body.triggers.map((trigger) => ({ ...trigger, id: newId('trg', now) }));
      await port.escalation.replaceTriggers(triggers, now);
      await recordSaved(port, ctx, now, 'escalation_trigger', triggers);
      return triggers;
    });
  };

  /**
   * Installs the default ladder and triggers when there is no ladder yet; does nothing otherwise,
   * so first run and the demo may both call it.
   */
  const ensureDefaultLadder = async (ctx: Context): Promise<boolean> => {
    const now = clock.now();
    return store.write(async (port) => {
      if ((await port.escalation.listLevels()).length > 0) return false;
      const levels = DEFAULT_LADDER.map((level) => ({ ...level, id: newId('lvl', now) }));
      await port.escalation.replaceLevels(levels, now);
      if ((await port.escalation.listTriggers()).length === 0) {
        await port.escalation.replaceTriggers(
          DEFAULT_TRIGGERS.map((trigger) => ({ ...trigger, id: newId('trg', now) })),
          now,
        );
      }
      for (const level of levels) {
        await port.escalation.appendEvent({
          type: 'escalation_level.saved',
          subjectType: 'escalation_level',
          subjectId: level.id,
          actorId: actorId(ctx.actor),
          requestId: ctx.requestId,
          payload: { ...level },
          occurredAt: now,
        });
      }
      return true;
    });
  };

  return { listLevels, replaceLevels, listTriggers, replaceTriggers, ensureDefaultLadder };
};
