import type { CreateSiteBody, CreateTeamBody } from '@redress/contract';
import type { Clock } from '../../shared/clock.ts';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { actorId, scopeOf, type Context, type UnitOfWork } from '../../shared/unit-of-work.ts';
import { requirePermission, scopeCoversSite } from '../access/index.ts';
import { assertTimeZone, normalizeSiteCode, type Colleague, type Site, type Team } from './org.ts';
import type { OrgRepository } from './org.repository.ts';

export interface OrgServiceDeps {
  readonly store: UnitOfWork<OrgRepository>;
  readonly clock: Clock;
  /** Told after a user's teams or home site change, so cached scopes are dropped. */
  readonly onUserScopeChanged?: (userId: string) => void;
}

/** How many colleagues one read lists unless asked for fewer, and at most. */
const COLLEAGUE_LIMIT = 200;
const COLLEAGUE_LIMIT_MAX = 500;

const notFound = (what: string, field?: string) =>
  new AppError(ErrorCode.NotFound, `No such ${what}`, field ? [{ field, message: 'does not exist' }] : []);

/** Sites, teams and who belongs where: the scope every other list is narrowed by. */
export const createOrgService = ({ store, clock, onUserScopeChanged = () => {} }: OrgServiceDeps) => {
  const event = (
    ctx: Context,
    type: string,
    subjectType: string,
    subjectId: string,
    payload: Record<string, unknown>,
  ) => ({
    type,
    subjectType,
    subjectId,
    actorId: actorId(ctx.actor),
    requestId: ctx.requestId,
    payload,
    occurredAt: clock.now(),
  });

  const listSites = async (ctx: Context): Promise<Site[]> => {
    requirePermission(ctx.actor, 'org:read');
    return store.read.listSites();
  };

  const createSite = async (ctx: Context, input: CreateSiteBody): Promise<Site> => {
    requirePermission(ctx.actor, 'org:manage');
    assertTimeZone(input.timeZone);
    const now = clock.now();
    const site: Site = {
      id: newId('site', now),
      name: input.name.trim(),
      code: normalizeSiteCode(input.code),
      timeZone: input.timeZone,
      createdAt: now,
    };
    return store.write(async (repo) => {
      if (await repo.findSiteByCode(site.code)) {
        throw new AppError(ErrorCode.Conflict, `A site with code ${site.code} exists`, [
          { field: '/body/code', message: 'already in use' },
        ]);
      }
      await repo.insertSite(site);
      await repo.appendEvent(event(ctx, 'site.created', 'site', site.id, { code: site.code, timeZone: site.timeZone }));
      return site;
    });
  };

  const listTeams = async (
    ctx: Context,
    filter: { siteId?: string | undefined; kind?: string | undefined },
  ): Promise<Team[]> => {
    requirePermission(ctx.actor, 'org:read');
    return store.read.listTeams(filter);
  };

  const createTeam = async (ctx: Context, input: CreateTeamBody): Promise<Team> => {
    requirePermission(ctx.actor, 'org:manage');
    const now = clock.now();
    const team = {
      id: newId('team', now),
      name: input.name.trim(),
      kind: input.kind,
      siteId: input.siteId ?? null,
      createdAt: now,
    };
    return store.write(async (repo) => {
      if (team.siteId && !(await repo.findSite(team.siteId))) throw notFound('site', '/body/siteId');
      await repo.insertTeam(team);
      await repo.appendEvent(event(ctx, 'team.created', 'team', team.id, { kind: team.kind, siteId: team.siteId }));
      return { ...team, memberIds: [] };
    });
  };

  const addMember = async (ctx: Context, teamId: string, userId: string): Promise<Team> => {
    requirePermission(ctx.actor, 'org:manage');
    return store
      .write(async (repo) => {
        if (!(await repo.findTeam(teamId))) throw notFound('team');
        if (!(await repo.userExists(userId))) throw notFound('user', '/body/userId');
        if (await repo.addMember(teamId, userId, clock.now())) {
          await repo.appendEvent(event(ctx, 'team.member_added', 'team', teamId, { userId }));
        }
        const team = await repo.findTeam(teamId);
        if (!team) throw notFound('team');
        return team;
      })
      .finally(() => onUserScopeChanged(userId));
  };

  const removeMember = async (ctx: Context, teamId: string, userId: string): Promise<void> => {
    requirePermission(ctx.actor, 'org:manage');
    await store.write(async (repo) => {
      if (!(await repo.removeMember(teamId, userId))) throw notFound('membership');
      await repo.appendEvent(event(ctx, 'team.member_removed', 'team', teamId, { userId }));
    });
    onUserScopeChanged(userId);
  };

  /** Sets a user's home site (null: brand-wide). Their scope changes on their next request. */
  const setUserSite = async (ctx: Context, userId: string, siteId: string | null): Promise<void> => {
    requirePermission(ctx.actor, 'user:manage');
    await store.write(async (repo) => {
      if (!(await repo.userExists(userId))) throw notFound('user');
      if (siteId && !(await repo.findSite(siteId))) throw notFound('site', '/body/siteId');
      await repo.setUserSite(userId, siteId, clock.now());
      await repo.appendEvent(event(ctx, 'user.site_changed', 'user', userId, { siteId }));
    });
    onUserScopeChanged(userId);
  };

  /**
   * The colleague directory: active people at the caller's sites (home site or a team there), for
   * anyone who works cases — not the administrator's user list, so no e-mail addresses. Brand-wide
   * roles see everyone; a `siteId` outside the caller's scope lists nobody.
   */
  const listColleagues = async (
    ctx: Context,
    query: { siteId?: string | undefined; q?: string | undefined; limit?: number | undefined },
  ): Promise<Colleague[]> => {
    requirePermission(ctx.actor, 'case:read');
    const scope = scopeOf(ctx.actor);
    const limit = Math.min(Math.max(query.limit ?? COLLEAGUE_LIMIT, 1), COLLEAGUE_LIMIT_MAX);
    if (query.siteId !== undefined) {
      if (!scopeCoversSite(scope, query.siteId)) return [];
      return store.read.listColleagues({ allSites: false, siteIds: [query.siteId], q: query.q, limit });
    }
    return store.read.listColleagues({ allSites: scope.allSites, siteIds: scope.siteIds, q: query.q, limit });
  };

  return { listSites, createSite, listTeams, createTeam, addMember, removeMember, setUserSite, listColleagues };
};

export type OrgService = ReturnType<typeof createOrgService>;
