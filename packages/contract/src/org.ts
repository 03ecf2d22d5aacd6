import { Type, type Static } from 'typebox';
import { RoleSchema } from './users.ts';

export const TeamKinds = ['frontline', 'department'] as const;
export type TeamKind = (typeof TeamKinds)[number];

export const SiteDto = Type.Object({
  id: Type.String({ description: 'Prefixed id, `site_…`.' }),
  name: Type.String(),
  code: Type.String({ description: 'Short code people use, e.g. `TPE-01`.' }),
  timeZone: Type.String({ description: 'IANA time zone, e.g. `Asia/Taipei`.' }),
  createdAt: Type.String({ format: 'date-time' }),
});
export type SiteDto = Static<typeof SiteDto>;

export const CreateSiteBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    code: Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9][A-Za-z0-9_-]*$' }),
    timeZone: Type.String({ minLength: 1, maxLength: 64 }),
  },
  { additionalProperties: false },
);
export type CreateSiteBody = Static<typeof CreateSiteBody>;

export const TeamDto = Type.Object({
  id: Type.String({ description: 'Prefixed id, `team_…`.' }),
  name: Type.String(),
  kind: Type.Enum(TeamKinds, { description: '`frontline` handles customers; `department` answers internal tasks.' }),
  siteId: Type.Union([Type.String(), Type.Null()], { description: 'Null for a brand-wide department.' }),
  memberIds: Type.Array(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
});
export type TeamDto = Static<typeof TeamDto>;

export const CreateTeamBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    kind: Type.Enum(TeamKinds),
    siteId: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 64 })])),
  },
  { additionalProperties: false },
);
export type CreateTeamBody = Static<typeof CreateTeamBody>;

export const TeamMemberBody = Type.Object(
  { userId: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
export type TeamMemberBody = Static<typeof TeamMemberBody>;

export const TeamMemberParams = Type.Object({
  id: Type.String({ minLength: 3, maxLength: 64, pattern: '^[a-z]+_[0-9A-Z]+$' }),
  userId: Type.String({ minLength: 3, maxLength: 64, pattern: '^[a-z]+_[0-9A-Z]+$' }),
});
export type TeamMemberParams = Static<typeof TeamMemberParams>;

export const SetUserSiteBody = Type.Object(
  {
    siteId: Type.Union([Type.String({ maxLength: 64 }), Type.Null()], {
      description: 'Home site; null for brand-wide.',
    }),
  },
  { additionalProperties: false },
);
export type SetUserSiteBody = Static<typeof SetUserSiteBody>;

export const TeamsQuery = Type.Object(
  { siteId: Type.Optional(Type.String({ maxLength: 64 })), kind: Type.Optional(Type.Enum(TeamKinds)) },
  { additionalProperties: false },
);
export type TeamsQuery = Static<typeof TeamsQuery>;

/**
 * `GET /colleagues`: a colleague as the case page sees them — someone to hand a case over to, name
 * as a key person or ask a question. Never an e-mail address or anything else about the person.
 */
export const ColleagueDto = Type.Object({
  id: Type.String({ description: 'Prefixed id, `usr_…`.' }),
  name: Type.String(),
  role: RoleSchema,
  siteId: Type.Union([Type.String(), Type.Null()], { description: 'Home site; null for brand-wide users.' }),
  teamIds: Type.Array(Type.String(), { description: 'The teams and departments they belong to.' }),
});
export type ColleagueDto = Static<typeof ColleagueDto>;

export const ColleagueList = Type.Object({ items: Type.Array(ColleagueDto) });
export type ColleagueList = Static<typeof ColleagueList>;

export const ColleagueQuery = Type.Object(
  {
    siteId: Type.Optional(
      Type.String({
        minLength: 3,
        maxLength: 64,
        pattern: '^[a-z]+_[0-9A-Za-z]+$',
        description:
          'Only colleagues at this site (home site or a team there); a site outside your scope lists nobody.',
      }),
    ),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Part of the name, in any case.' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })),
  },
  { additionalProperties: false },
);
export type ColleagueQuery = Static<typeof ColleagueQuery>;
