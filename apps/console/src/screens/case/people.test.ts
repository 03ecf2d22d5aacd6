import type { ColleagueDto } from '@redress/contract';
import { describe, expect, it } from 'vitest';
import { handOverCandidates } from './people.ts';

const person = (id: string, overrides: Partial<ColleagueDto> = {}): ColleagueDto => ({
  id,
  name: id,
  role: 'agent',
  siteId: 'site_TPE',
  teamIds: [],
  ...overrides,
});

const teams = [
  { id: 'team_TPE', siteId: 'site_TPE' },
  { id: 'team_HQ', siteId: null },
];

describe('who may take a case over', () => {
  const colleagues = [
    person('usr_owner'),
    person('usr_home'),
    person('usr_team', { siteId: 'site_BKK', teamIds: ['team_TPE'] }),
    person('usr_away', { siteId: 'site_BKK', teamIds: ['team_HQ'] }),
    person('usr_dept', { role: 'department_member' }),
    person('usr_analyst', { role: 'quality_analyst', siteId: null }),
    person('usr_admin', { role: 'admin', siteId: null }),
  ];

  it('offers colleagues at the case’s site, at home or through a team, never the owner or a non-owner role', () => {
    const ids = handOverCandidates(
      colleagues,
      { siteId: 'site_TPE', owner: { id: 'usr_owner', name: 'O' } },
      teams,
    ).map((p) => p.id);
    expect(ids).toEqual(['usr_home', 'usr_team']);
  });

  it('offers brand-wide colleagues for a case without a site', () => {
    const ids = handOverCandidates(colleagues, { siteId: null, owner: { id: 'usr_owner', name: 'O' } }, teams).map(
      (p) => p.id,
    );
    expect(ids).toEqual(['usr_admin']);
  });

  it('gives only names and ids to the form', () => {
    expect(
      handOverCandidates(
        [person('usr_home', { name: 'Kai' })],
        { siteId: 'site_TPE', owner: { id: 'x', name: 'X' } },
        [],
      ),
    ).toEqual([{ id: 'usr_home', name: 'Kai' }]);
  });
});
