import type { SiteDto, TeamDto } from '@redress/contract';
import type { Site, Team } from './org.ts';

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
