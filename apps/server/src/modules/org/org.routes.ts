import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ColleagueList,
  ColleagueQuery,
  CreateSiteBody,
  CreateTeamBody,
  IdParams,
  SetUserSiteBody,
  SiteDto,
  TeamDto,
  TeamMemberBody,
  TeamMemberParams,
  TeamsQuery,
  ErrorResponses,
} from '@redress/contract';
import { Type } from 'typebox';
import { presentColleague, presentSite, presentTeam } from './org.presenter.ts';
import type { OrgService } from './org.service.ts';

const errors = ErrorResponses;

/** Sites, teams and memberships. */
export const orgRoutes =
  ({ org }: { org: OrgService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/sites',
      {
        config: { access: 'org:read' },
        schema: {
          tags: ['organisation'],
          summary: 'List sites',
          response: { 200: Type.Object({ items: Type.Array(SiteDto) }), ...errors },
        },
      },
      async (request) => ({ items: (await org.listSites(request.ctx)).map(presentSite) }),
    );
    app.post(
      '/sites',
      {
        config: { access: 'org:manage' },
        schema: {
          tags: ['organisation'],
          summary: 'Create a site (branch, dealer, franchisee)',
          body: CreateSiteBody,
          response: { 201: SiteDto, ...errors },
        },
      },
      async (request, reply) => reply.status(201).send(presentSite(await org.createSite(request.ctx, request.body))),
    );
    app.get(
      '/teams',
      {
        config: { access: 'org:read' },
        schema: {
          tags: ['organisation'],
          summary: 'List teams and departments',
          querystring: TeamsQuery,
          response: { 200: Type.Object({ items: Type.Array(TeamDto) }), ...errors },
        },
      },
      async (request) => ({ items: (await org.listTeams(request.ctx, request.query)).map(presentTeam) }),
    );
    app.post(
      '/teams',
      {
        config: { access: 'org:manage' },
        schema: {
          tags: ['organisation'],
          summary: 'Create a team or department',
          body: CreateTeamBody,
          response: { 201: TeamDto, ...errors },
        },
      },
      async (request, reply) => reply.status(201).send(presentTeam(await org.createTeam(request.ctx, request.body))),
    );
    app.post(
      '/teams/:id/members',
      {
        config: { access: 'org:manage' },
        schema: {
          tags: ['organisation'],
          summary: 'Add a member to a team',
          params: IdParams,
          body: TeamMemberBody,
          response: { 200: TeamDto, ...errors },
        },
      },
      async (request) => presentTeam(await org.addMember(request.ctx, request.params.id, request.body.userId)),
    );
    app.delete(
      '/teams/:id/members/:userId',
      {
        config: { access: 'org:manage' },
        schema: {
          tags: ['organisation'],
          summary: 'Remove a member from a team',
          params: TeamMemberParams,
          response: { 204: Type.Null(), ...errors },
        },
      },
      async (request, reply) => {
        await org.removeMember(request.ctx, request.params.id, request.params.userId);
        return reply.status(204).send(null);
      },
    );
    app.get(
      '/colleagues',
      {
        config: { access: 'case:read' },
        schema: {
          tags: ['organisation'],
          summary: 'List colleagues at your sites',
          description:
            'Active people whose home site, or one of whose teams, is at one of your sites (brand-wide roles: ' +
            'everyone), by name: whom a case can be handed to, named as a key person or asked a question. ' +
            'Names, roles, sites and teams only — never e-mail addresses.',
          querystring: ColleagueQuery,
          response: { 200: ColleagueList, ...errors },
        },
      },
      async (request) => ({ items: (await org.listColleagues(request.ctx, request.query)).map(presentColleague) }),
    );
    app.put(
      '/users/:id/site',
      {
        config: { access: 'user:manage' },
        schema: {
          tags: ['users'],
          summary: "Set a user's home site",
          params: IdParams,
          body: SetUserSiteBody,
          response: { 204: Type.Null(), ...errors },
        },
      },
      async (request, reply) => {
        await org.setUserSite(request.ctx, request.params.id, request.body.siteId);
        return reply.status(204).send(null);
      },
    );
  };
