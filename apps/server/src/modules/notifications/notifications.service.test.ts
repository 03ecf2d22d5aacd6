import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CaseFacts, NewNotification, NotificationRepository, StaffMember } from './notifications.repository.ts';
import { createNotificationService } from './notifications.service.ts';

const NOW = new Date('2026-03-02T09:00:00.000Z');

const staff = (id: string, role: string, homeSiteId: string | null, teams: StaffMember['teams'] = []): StaffMember => ({
  id,
  role,
  email: `${id}@example.test`,
  locale: 'en',
  disabled: false,
  homeSiteId,
  teams,
});

/** Who is told of an escalation to rank 3 (admins and the brand-wide PR team) on a site-A case. */
const escalationRecipients = async (onCase: Partial<CaseFacts> = {}): Promise<string[]> => {
  const inserted: NewNotification[] = [];
  const repo = {
    findCaseFacts: async () => ({
      id: 'case_1',
      ref: 'C-2026-000001',
      subject: 'Subject',
      siteId: 'site_a',
      ownerId: 'owner',
      escalationLevel: 0,
      timeZone: 'Asia/Taipei',
      taskTeamIds: [],
      taskUserIds: [],
      ...onCase,
    }),
    listLevels: async () => [{ rank: 3, roles: ['admin'], teamId: 'team_pr', names: { en: 'Executive' } }],
    listStaff: async () => [
      staff('owner', 'agent', 'site_a'),
      staff('admin', 'admin', null),
      // A PR team with no site: a brand-wide team gives no site scope.
      staff('prNowhere', 'department_member', null, [{ id: 'team_pr', siteId: null }]),
      staff('prSiteB', 'agent', 'site_b', [{ id: 'team_pr', siteId: null }]),
      staff('prSiteA', 'agent', 'site_a', [{ id: 'team_pr', siteId: null }]),
      // A department member at site A still sees only cases their team has a task on.
      staff('prDeptA', 'department_member', 'site_a', [{ id: 'team_pr', siteId: null }]),
    ],
    emailModes: async () => new Map(),
    insertNotifications: async (rows: readonly NewNotification[]) => {
      inserted.push(...rows);
      return [...rows];
    },
    queueEmail: async () => {},
  } as unknown as NotificationRepository;
  const service = createNotificationService({
    store: { read: repo, write: (work) => work(repo) },
    clock: { now: () => NOW },
    mailer: null,
    publicUrl: 'https://redress.example',
  });
  await service.notifyForEvent({
    id: 'evt_1',
    type: 'case.escalated',
    subjectType: 'case',
    subjectId: 'case_1',
    actorId: null,
    occurredAt: NOW,
    payload: { toRank: 3 },
  });
  return inserted.map((n) => n.userId).sort();
};

test("a level's team members are told only of cases they may open", async () => {
  assert.deepEqual(await escalationRecipients(), ['admin', 'prSiteA']);
});

test('a task for their team (or them) on the case lets team members open it, so they are told', async () => {
  assert.deepEqual(await escalationRecipients({ taskTeamIds: ['team_pr'] }), [
    'admin',
    'prDeptA',
    'prNowhere',
    'prSiteA',
    'prSiteB',
  ]);
  assert.deepEqual(await escalationRecipients({ taskUserIds: ['prSiteB'] }), ['admin', 'prSiteA', 'prSiteB']);
});
