import type { CaseDto, ColleagueDto, TeamDto } from '@redress/contract';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../auth/permissions.ts';
import type { Load } from '../../hooks/use-load.ts';
import type { Person } from './KeyPeople.tsx';
import type { CaseData } from './use-case-data.ts';

/**
 * Roles that cannot own a case: a department member answers tasks, a quality analyst reads. The
 * server refuses a hand-over to them anyway; the list just does not offer them.
 */
const NOT_OWNERS: readonly string[] = ['department_member', 'quality_analyst'];

/**
 * Who may take the case over: colleagues who can work cases at its site — their home site, or a
 * team's site (as the server checks); for a case without a site, brand-wide colleagues. Never the
 * current owner.
 */
export const handOverCandidates = (
  colleagues: readonly ColleagueDto[],
  caseDto: Pick<CaseDto, 'siteId' | 'owner'>,
  teams: readonly Pick<TeamDto, 'id' | 'siteId'>[],
): Person[] => {
  const siteOfTeam = new Map(teams.map((team) => [team.id, team.siteId]));
  const worksAtSite = (colleague: ColleagueDto) =>
    caseDto.siteId === null
      ? colleague.siteId === null
      : colleague.siteId === caseDto.siteId || colleague.teamIds.some((id) => siteOfTeam.get(id) === caseDto.siteId);
  return colleagues
    .filter((c) => c.id !== caseDto.owner.id && !NOT_OWNERS.includes(c.role) && worksAtSite(c))
    .map(({ id, name }) => ({ id, name }));
};

/** The colleague directory as a load of hand-over candidates, for the hand-over panel. */
const candidatesLoad = (
  load: Load<{ items: ColleagueDto[] }>,
  caseDto: CaseDto,
  teams: readonly TeamDto[],
): Load<Person[]> =>
  load.state === 'ready'
    ? { state: 'ready', value: handOverCandidates(load.value.items, caseDto, teams), reloading: load.reloading }
    : load;

/**
 * Names and choices of people for the case page, from the colleague directory (`GET /colleagues`).
 * While it loads, or when it cannot be read, names come from the case itself (its owner, the
 * timeline's actors, the reader) and the reader and the owner are the people to choose from.
 */
export const usePeople = (caseDto: CaseDto, data: CaseData, teams: readonly TeamDto[]) => {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const load = data.colleagues.load;
  const colleagues = load.state === 'ready' ? load.value.items : [];
  const names = new Map<string, string>();
  for (const entry of caseDto.timeline ?? [])
    if (entry.actorId && entry.actorName) names.set(entry.actorId, entry.actorName);
  if (caseDto.owner.name) names.set(caseDto.owner.id, caseDto.owner.name);
  names.set(me.id, me.name);
  for (const colleague of colleagues) names.set(colleague.id, colleague.name);
  const nameOf = (userId: string) => names.get(userId) ?? t('case.unknownPerson');
  const everyone: Person[] = colleagues.map(({ id, name }) => ({ id, name }));
  const fallback: Person[] = [
    ...new Map([
      [me.id, me.name],
      [caseDto.owner.id, nameOf(caseDto.owner.id)],
    ]),
  ].map(([id, name]) => ({ id, name }));
  return {
    nameOf,
    candidates: candidatesLoad(load, caseDto, teams),
    everyone: everyone.length > 0 ? everyone : fallback,
  };
};
