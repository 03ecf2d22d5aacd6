import type { CompensationKind, Locale } from '@redress/contract';
import { AppError, ErrorCode, type ErrorDetail } from '../../shared/errors.ts';

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

/**
 * A remedy as authority sees it: `amount` in minor units of `currency`. For money remedies it is
 * the money; for a replacement or a repair it is the estimated value. Proposals always carry one
 * (see `checkRemedy` in compensation); a null amount only reaches `authorityCovers` from older
 * records or a promise that names no amount, and is then covered by an unlimited level alone.
 */
export interface Remedy {
  readonly kind: CompensationKind;
  readonly amount: number | null;
  readonly currency: string | null;
}

const byRank = (levels: readonly LadderLevel[]): LadderLevel[] => [...levels].sort((a, b) => a.rank - b.rank);

/**
 * The highest level whose roles include `role`; undefined when the role stands on no level
 * (a department member, a quality analyst).
 */
export const levelForRole = (levels: readonly LadderLevel[], role: string): LadderLevel | undefined =>
  byRank(levels)
    .reverse()
    .find((level) => level.roles.includes(role));

/** The level of a user acting through `role` or one of `teamIds` (a PR or legal team): the highest. */
export const levelForActor = (
  levels: readonly LadderLevel[],
  role: string,
  teamIds: readonly string[],
): LadderLevel | undefined =>
  byRank(levels)
    .reverse()
    .find((level) => level.roles.includes(role) || (level.teamId !== null && teamIds.includes(level.teamId)));

/**
 * True when `level` may approve `remedy`: its kind is among the level's remedies and the amount is
 * within the level's maximum in the SAME currency (no exchange rates here: a remedy in another
 * currency is not covered). A null maximum means no limit. A remedy WITHOUT an amount is covered
 * only by a level with no maximum: an unpriced "goodwill" could otherwise carry any sum past a
 * limited level.
 */
export const authorityCovers = (level: LadderLevel, remedy: Remedy): boolean => {
  if (!level.remedies.includes(remedy.kind)) return false;
  if (level.maxCompensation === null) return true;
  if (remedy.amount === null) return false;
  return remedy.currency !== null && remedy.currency === level.currency && remedy.amount <= level.maxCompensation;
};

/** Someone's authority over one remedy: the level it comes from, and whether that level covers it. */
export interface RemedyAuthority {
  /** The ladder level of the person's role; undefined when the role stands on no level. */
  readonly level: LadderLevel | undefined;
  readonly covers: boolean;
}

/**
 * THE rule for who may decide a remedy themselves, used everywhere it matters: approving a
 * proposal as it is made (rank 0 included: an agent's goodwill within the front line's limit),
 * approving or rejecting someone else's proposal, and the over-promise guard of commitments.
 *
 * Authority over money follows the ROLE only (`levelForRole`). Membership of a team that stands
 * on a level (PR, legal) makes someone acknowledge and hear of escalations at that level, but
 * confers no compensation authority on any path. A person whose role is on no level has none.
 * The caller still checks the permission for the action (`compensation:propose` to propose,
 * `compensation:approve` to decide another's proposal).
 */
export const remedyAuthority = (levels: readonly LadderLevel[], role: string, remedy: Remedy): RemedyAuthority => {
  const level = levelForRole(levels, role);
  return { level, covers: level !== undefined && authorityCovers(level, remedy) };
};

/** The lowest rank whose authority covers `remedy`; undefined when no level may approve it. */
export const requiredRankFor = (levels: readonly LadderLevel[], remedy: Remedy): number | undefined =>
  byRank(levels).find((level) => authorityCovers(level, remedy))?.rank;

/** The level at `rank`, if the ladder has one. */
export const levelAt = (levels: readonly LadderLevel[], rank: number): LadderLevel | undefined =>
  levels.find((level) => level.rank === rank);

/** The top rank of the ladder (0 for an empty ladder). */
export const topRank = (levels: readonly LadderLevel[]): number =>
  levels.reduce((top, level) => Math.max(top, level.rank), 0);

/** A level without its id, as configured (ids are given when the ladder is stored). */
export type LadderLevelInput = Omit<LadderLevel, 'id'>;

/**
 * The ladder installed on first run: front line → supervisor → manager → executive, PR and legal.
 * Amounts are minor units of TWD (the demo's home market); an administrator edits them. Response
 * times are working minutes and shrink as the case climbs: the higher it goes, the sooner.
 */
export const DEFAULT_LADDER: readonly LadderLevelInput[] = [
  {
    rank: 0,
    names: { en: 'Front line', 'zh-TW': '第一線客服', 'zh-CN': '一线客服', th: 'พนักงานด่านหน้า' },
    roles: ['agent'],
    teamId: null,
    maxCompensation: 100_000,
    currency: 'TWD',
    remedies: ['goodwill', 'voucher'],
    responseMinutes: 240,
  },
  {
    rank: 1,
    names: { en: 'Supervisor', 'zh-TW': '主管', 'zh-CN': '主管', th: 'หัวหน้างาน' },
    roles: ['supervisor'],
    teamId: null,
    maxCompensation: 500_000,
    currency: 'TWD',
    remedies: ['goodwill', 'voucher', 'repair', 'replacement', 'refund'],
    responseMinutes: 240,
  },
  {
    rank: 2,
    names: { en: 'Manager', 'zh-TW': '經理', 'zh-CN': '经理', th: 'ผู้จัดการ' },
    roles: ['manager'],
    teamId: null,
    maxCompensation: 5_000_000,
    currency: 'TWD',
    remedies: ['goodwill', 'voucher', 'repair', 'replacement', 'refund', 'money'],
    responseMinutes: 120,
  },
  {
    rank: 3,
    names: {
      en: 'Executive, PR and legal',
      'zh-TW': '高層、公關與法務',
      'zh-CN': '高层、公关与法务',
      th: 'ผู้บริหาร ประชาสัมพันธ์ และฝ่ายกฎหมาย',
    },
    roles: ['admin'],
    teamId: null,
    maxCompensation: null,
    currency: null,
    remedies: ['goodwill', 'voucher', 'repair', 'replacement', 'refund', 'money'],
    responseMinutes: 60,
  },
];

/**
 * Checks a whole ladder before it replaces the stored one: ranks 0..n without gaps or repeats,
 * known roles, a currency wherever there is a maximum. (Shapes, currencies and positive response
 * times are the schema's.) Field paths point into `PUT /escalation/levels`.
 */
export const validateLadder = (levels: readonly LadderLevelInput[], knownRoles: readonly string[]): void => {
  const details: ErrorDetail[] = [];
  const ranks = levels.map((level) => level.rank).sort((a, b) => a - b);
  if (ranks.some((rank, i) => rank !== i)) {
    details.push({ field: '/body/levels', message: 'ranks must run 0, 1, 2 … without gaps or repeats' });
  }
  levels.forEach((level, i) => {
    level.roles.forEach((role, j) => {
      if (!knownRoles.includes(role)) details.push({ field: `/body/levels/${i}/roles/${j}`, message: 'no such role' });
    });
    if (level.maxCompensation !== null && level.currency === null) {
      details.push({ field: `/body/levels/${i}/currency`, message: 'is required with a maximum' });
    }
    if (level.roles.length === 0 && level.teamId === null) {
      details.push({ field: `/body/levels/${i}/roles`, message: 'a level needs a role or a team' });
    }
  });
  if (details.length > 0) throw new AppError(ErrorCode.ValidationFailed, 'Invalid ladder', details);
};
