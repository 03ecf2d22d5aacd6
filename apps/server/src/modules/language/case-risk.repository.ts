import type { CaseRiskInput } from './case-risk.ts';

/** What the case-risk reading needs from storage: the customer's words and the case's facts. */
export interface CaseRiskRepository {
  /** The case's risk input (description, newest inbound messages, counts), or undefined if unknown. */
  loadCaseRiskInput(caseId: string): Promise<CaseRiskInput | undefined>;
}

export interface CaseRiskStore {
  readonly caseRisk: CaseRiskRepository;
}
