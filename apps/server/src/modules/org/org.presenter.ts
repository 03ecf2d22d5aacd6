import type { ColleagueDto, SiteDto, TeamDto } from '@redress/contract';
import type { Colleague, Site, Team } from './org.ts';

export const presentSite = (site: Site): SiteDto => ({
  id: site.id,
  name: site.name,
  code: site.code,
  timeZone: site.timeZone,
  createdAt: site.createdAt.toISOString(),
});

export const presentTeam = (team: Team): TeamDto => ({
  id: team.id,
  name: team.name,
  kind: team.kind,
  siteId: team.siteId,
  memberIds: [...team.memberIds],
  createdAt: team.createdAt.toISOString(),
});

/** Name, role and where they work: never the e-mail address or anything else about them. */
export const presentColleague = (colleague: Colleague): ColleagueDto => ({
  id: colleague.id,
  name: colleague.name,
  role: colleague.role,
  siteId: colleague.siteId,
  teamIds: [...colleague.teamIds],
});
