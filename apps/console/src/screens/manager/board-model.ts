import type { EarlyWarningDto, Locale, WaitingAtRankDto } from '@redress/contract';

/** Ladder level names by rank, from the board's per-rank counts (escalations and approvals). */
export const levelNamesOf = (board: EarlyWarningDto): Map<number, WaitingAtRankDto['names']> => {
  const names = new Map<number, WaitingAtRankDto['names']>();
  for (const row of [...board.escalations.byRank, ...board.approvals.byRank]) {
    if (row.names !== null || !names.has(row.rank)) names.set(row.rank, row.names);
  }
  return names;
};

/** A level's name in the reader's language, else English, else `undefined` (the caller says "level n"). */
export const pickName = (
  names: Partial<Record<Locale, string>> | null | undefined,
  locale: Locale,
): string | undefined => {
  if (!names) return undefined;
  return names[locale] ?? names.en ?? Object.values(names).find((name) => name !== undefined && name !== '');
};

const withoutOne = (byRank: WaitingAtRankDto[], rank: number): WaitingAtRankDto[] =>
  byRank
    .map((row) => (row.rank === rank ? { ...row, waiting: row.waiting - 1 } : row))
    .filter((row) => row.waiting > 0);

/** The board once an approval has been decided: the item gone and every count one less. */
export const withoutApproval = (board: EarlyWarningDto, compensationId: string): EarlyWarningDto => {
  const item = board.approvals.items.find((a) => a.compensationId === compensationId);
  if (!item) return board;
  return {
    ...board,
    approvals: {
      total: Math.max(0, board.approvals.total - 1),
      byRank: withoutOne(board.approvals.byRank, item.requiredRank),
      items: board.approvals.items.filter((a) => a !== item),
    },
    counts: { ...board.counts, approvalsWaiting: Math.max(0, board.counts.approvalsWaiting - 1) },
  };
};

/** The board once an escalation has been acknowledged: the item gone and every count one less. */
export const withoutEscalation = (board: EarlyWarningDto, escalationId: string): EarlyWarningDto => {
  const item = board.escalations.items.find((e) => e.escalationId === escalationId);
  if (!item) return board;
  return {
    ...board,
    escalations: {
      total: Math.max(0, board.escalations.total - 1),
      byRank: withoutOne(board.escalations.byRank, item.toRank),
      items: board.escalations.items.filter((e) => e !== item),
    },
    counts: { ...board.counts, escalationsWaiting: Math.max(0, board.counts.escalationsWaiting - 1) },
  };
};

/**
 * An amount in minor units (cents, satang) as money in the reader's language: the currency's own
 * number of decimals from `Intl` (two for TWD and THB, none for JPY). Without a currency the bare
 * number; `null` when there is no amount.
 */
export const formatMoney = (amount: number | null, currency: string | null, locale: Locale): string | null => {
  if (amount === null) return null;
  if (currency === null) return new Intl.NumberFormat(locale).format(amount);
  try {
    const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(amount / 10 ** digits);
  } catch {
    // An unknown currency code: the number and the code as they came.
    return `${new Intl.NumberFormat(locale).format(amount)} ${currency}`;
  }
};
