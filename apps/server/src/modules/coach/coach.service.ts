import type { CheckReplyBody } from '@redress/contract';
import type { Clock } from '../../shared/clock.ts';
import { asTextLanguage } from '../../shared/text/detect-language.ts';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import type { Context, UnitOfWork } from '../../shared/unit-of-work.ts';
import { requirePermission } from '../access/index.ts';
import { loadVisibleCase } from '../cases/index.ts';
import type { CoachStore } from './coach.repository.ts';
import { checkReply as check, type CoachResult } from './reply-coach.ts';
import { zoneOrUtc } from './time-expressions.ts';

/** What the coach service is built from: the store it reads case facts through, and the clock. */
export interface CoachServiceDeps {
  readonly store: UnitOfWork<CoachStore>;
  readonly clock: Clock;
}

/** The reply coach as a use case: a draft checked against what the case knows. Nothing is saved. */
export const createCoachService = ({ store, clock }: CoachServiceDeps) => {
  /**
   * Checks `draft` for the case `caseId`, which the caller must be able to see (else not-found,
   * whether it exists or not) and work on (`case:update`). Relative times in the draft are read in
   * the case site's zone (UTC for a case without a site).
   */
  const checkReply = async (ctx: Context, input: CheckReplyBody): Promise<CoachResult> => {
    requirePermission(ctx.actor, 'case:update');
    const now = clock.now();
    const port = store.read;
    await loadVisibleCase(port.cases, ctx, input.caseId);
    const facts = await port.coach.replyFacts(input.caseId);
    if (!facts) throw new AppError(ErrorCode.NotFound, 'No such case');
    return check(
      input.draft,
      {
        language: asTextLanguage(facts.language),
        customerName: facts.customerName,
        nameForms: facts.preferredName ? [facts.preferredName] : [],
        customerWords: facts.customerWords,
        openCommitments: facts.openCommitments,
        timeZone: zoneOrUtc(facts.timeZone),
      },
      now,
    );
  };

  return { checkReply };
};

/** The reply coach service, as `createCoachService` builds it. */
export type CoachService = ReturnType<typeof createCoachService>;
