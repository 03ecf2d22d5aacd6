import type { CompensationKind, Locale } from '@redress/contract';

/**
 * One rung of the escalation ladder (article 004): who stands there, what they may approve, and
 * how fast they must answer an escalation. Rank 0 is the front line.
 */
export interface LadderLevel {
  readonly id: string;
  readonly rank: number;
  readonly names: Readonly<Record<Locale, string>>;
  /** Roles whose holders act at this level (e.g. `supervisor`). */
  readonly roles: readonly string[];
  /** A team that also acts at this level (e.g. PR or legal); null when none. */
  readonly teamId: string | null;
  /** Largest compensation this level may approve, in minor units of `currency`; null: no limit. */
  readonly maxCompensation: number | null;
  readonly currency: string | null;
  /** Remedies this level may approve. */
  readonly remedies: readonly CompensationKind[];
  /** Working minutes within which an escalation to this level must be acknowledged. */
  readonly responseMinutes: number;
}
