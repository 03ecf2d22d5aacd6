import type { EscalationDto, LadderLevelDto } from '@redress/contract';

/** A configured item's name in `locale`, else English, else the first name it has. */
export const localName = (names: Record<string, string | undefined>, locale: string): string =>
  names[locale] ?? names.en ?? Object.values(names).find((name) => name !== undefined) ?? '';

/** The rank a case stands at now: where its latest escalation or de-escalation left it (0 if none). */
export const currentRank = (escalations: readonly EscalationDto[]): number => {
  const latest = [...escalations].sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1);
  return latest?.toRank ?? 0;
};

/** The ladder level of `rank` in the reader's language, or `null` when the ladder does not name it. */
export const levelName = (levels: readonly LadderLevelDto[], rank: number, locale: string): string | null => {
  const level = levels.find((candidate) => candidate.rank === rank);
  return level ? localName(level.names, locale) : null;
};
