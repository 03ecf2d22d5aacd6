export { createOrgService, type OrgService } from './org.service.ts';
export type { OrgRepository } from './org.repository.ts';
export type { Colleague, ColleagueFilter, Site, Team } from './org.ts';
export { isTimeZone } from './org.ts';
export { orgRoutes } from './org.routes.ts';
