import type { CaseRiskDto } from '@redress/contract';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import type { Context, UnitOfWork } from '../../shared/unit-of-work.ts';
import { requirePermission } from '../access/index.ts';
import { assessCaseRisk } from './case-risk.ts';
import type { CaseRiskStore } from './case-risk.repository.ts';
import type { Lexicon } from './signals/lexicon.ts';

export interface CaseRiskServiceDeps {
  readonly store: UnitOfWork<CaseRiskStore>;
  /** The organisation's compiled signal lexicon (cached by the lexicon service). */
  readonly lexicon: () => Promise<Lexicon>;
  /** Throws not-found unless the actor can see the case. */
  readonly requireVisibleCase: (ctx: Context, caseId: string) => Promise<unknown>;
}

/** `GET /cases/:id/risk`: the escalation signals in the customer's words on a case, and its risk. */
export const createCaseRiskService = ({ store, lexicon, requireVisibleCase }: CaseRiskServiceDeps) => ({
  /** The case's signals (each with the words behind it and where they stand) and its risk score. */
  async caseRisk(ctx: Context, caseId: string): Promise<CaseRiskDto> {
    requirePermission(ctx.actor, 'case:read');
    await requireVisibleCase(ctx, caseId);
    const [input, compiled] = await Promise.all([store.read.caseRisk.loadCaseRiskInput(caseId), lexicon()]);
    if (!input) throw new AppError(ErrorCode.NotFound, 'No such case');
    const assessed = assessCaseRisk(input, compiled);
    return {
      caseId,
      language: assessed.language,
      signals: assessed.signals.map((s) => ({ ...s })),
      facts: { inboundContacts: input.inboundContacts, reopened: input.reopened, safety: input.safety },
      risk: { score: assessed.risk.score, level: assessed.risk.level },
    };
  },
});

/** The case-risk use cases. */
export type CaseRiskService = ReturnType<typeof createCaseRiskService>;
