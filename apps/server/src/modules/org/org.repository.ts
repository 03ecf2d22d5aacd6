import type { NewEvent } from '../../shared/unit-of-work.ts';
import type { Colleague, ColleagueFilter, Site, Team } from './org.ts';

/** The organisation module's port onto storage. */
export interface OrgRepository {
  listSites(): Promise<Site[]>;
  findSite(id: string): Promise<Site | undefined>;
  findSiteByCode(code: string): Promise<Site | undefined>;
  insertSite(site: Site): Promise<void>;

  listTeams(filter: { siteId?: string | undefined; kind?: string | undefined }): Promise<Team[]>;
  findTeam(id: string): Promise<Team | undefined>;
  insertTeam(team: Omit<Team, 'memberIds'>): Promise<void>;
  /** False when the user was already a member. */
  addMember(teamId: string, userId: string, at: Date): Promise<boolean>;
  /** False when the user was not a member. */
  removeMember(teamId: string, userId: string): Promise<boolean>;

  userExists(userId: string): Promise<boolean>;
  setUserSite(userId: string, siteId: string | null, at: Date): Promise<void>;
  /**
   * Active (not disabled) users whose home site, or one of whose teams' sites, is among the
   * filter's sites; by name, then id.
   */
  listColleagues(filter: ColleagueFilter): Promise<Colleague[]>;

  appendEvent(event: NewEvent): Promise<void>;
}
