import type { EarlyWarningDto, WorkloadDto } from '@redress/contract';
import { buildUser, json } from '../../test/harness.tsx';

const HOUR = 3_600_000;
/** An instant `hours` from now (negative: in the past), as the API writes it. */
export const at = (hours: number): string => new Date(Date.now() + hours * HOUR).toISOString();

const SUPERVISOR_PERMISSIONS = ['session:self', 'case:read', 'user:read', 'org:read', 'escalation:raise'];

/** `/auth/me` for a manager who may decide remedies (or, with `approve: false`, only look). */
export const signedInManager = ({ approve = true, locale = 'en' as const } = {}) =>
  json(200, {
    user: buildUser({ id: 'usr_mgr', name: 'Chen Wei', role: 'manager', locale }),
    permissions: [...SUPERVISOR_PERMISSIONS, 'oversight:read', ...(approve ? ['compensation:approve'] : [])],
  });

const site = { siteId: 'site_tpe', ownerId: 'usr_agent1' };
const levelNames = {
  2: { en: 'Team lead', 'zh-TW': '組長', 'zh-CN': '组长', th: 'หัวหน้าทีม' },
  3: { en: 'Store manager', 'zh-TW': '店長', 'zh-CN': '店长', th: 'ผู้จัดการสาขา' },
};

/** A board as the server sends it: one item in each list, counts that say more exist. */
export const buildBoard = (overrides: Partial<EarlyWarningDto> = {}): EarlyWarningDto => ({
  generatedAt: at(0),
  hours: 24,
  horizon: at(24),
  clocks: {
    dueSoon: {
      total: 3,
      items: [
        {
          clockId: 'clk_1',
          caseId: 'case_A1',
          caseRef: 'C-2026-000101',
          ...site,
          key: 'resolve',
          kind: 'resolve',
          dueAt: at(2),
          breachedAt: null,
        },
      ],
    },
    breached: {
      total: 1,
      items: [
        {
          clockId: 'clk_2',
          caseId: 'case_A2',
          caseRef: 'C-2026-000102',
          ...site,
          key: 'first_response',
          kind: 'first_response',
          dueAt: at(-5.1),
          breachedAt: at(-5.1),
        },
      ],
    },
  },
  commitments: {
    dueSoon: {
      total: 1,
      items: [
        {
          commitmentId: 'cmt_1',
          caseId: 'case_A3',
          caseRef: 'C-2026-000103',
          ...site,
          text: 'Send the inspection report by Friday',
          madeBy: 'usr_agent1',
          dueAt: at(6),
          atRiskAt: null,
        },
      ],
    },
    overdue: {
      total: 1,
      items: [
        {
          commitmentId: 'cmt_2',
          caseId: 'case_A4',
          caseRef: 'C-2026-000104',
          ...site,
          text: 'Call back with the courier’s answer',
          madeBy: 'usr_gone',
          dueAt: at(-30.5),
          atRiskAt: at(-40),
        },
      ],
    },
  },
  escalations: {
    total: 1,
    byRank: [{ rank: 2, names: levelNames[2], waiting: 1, oldestSince: at(-26.5) }],
    items: [
      {
        escalationId: 'esc_1',
        caseId: 'case_A5',
        caseRef: 'C-2026-000105',
        ...site,
        toRank: 2,
        trigger: 'signal',
        waitingSince: at(-26.5),
      },
    ],
  },
  approvals: {
    total: 2,
    byRank: [{ rank: 3, names: levelNames[3], waiting: 2, oldestSince: at(-3) }],
    items: [
      {
        compensationId: 'cmp_1',
        caseId: 'case_A6',
        caseRef: 'C-2026-000012',
        ...site,
        requiredRank: 3,
        kind: 'refund',
        amount: 1_250_000,
        currency: 'TWD',
        proposedBy: 'usr_agent1',
        waitingSince: at(-3),
      },
      {
        compensationId: 'cmp_2',
        caseId: 'case_A7',
        caseRef: 'C-2026-000013',
        ...site,
        requiredRank: 3,
        kind: 'voucher',
        amount: 50_000,
        currency: 'JPY',
        proposedBy: null,
        waitingSince: at(-1),
      },
    ],
  },
  spikes: {
    total: 1,
    items: [
      {
        spikeId: 'spk_1',
        caseId: 'case_A8',
        caseRef: 'C-2026-000108',
        subject: 'Sofa legs snapped',
        periodStart: at(-168),
        periodEnd: at(0),
        currentCount: 14,
        baselineAverage: 2.5,
        atMySites: 4,
        detectedAt: at(-2),
      },
    ],
  },
  counts: {
    clocksDueSoon: 3,
    clocksBreached: 1,
    commitmentsDueSoon: 1,
    commitmentsOverdue: 1,
    escalationsWaiting: 1,
    approvalsWaiting: 2,
    spikes: 1,
  },
  ...overrides,
});

export const buildWorkload = (): WorkloadDto => ({
  generatedAt: at(0),
  items: [
    {
      userId: 'usr_agent1',
      name: 'Lin Mei',
      role: 'agent',
      openCases: 12,
      breachedClocks: 2,
      openCommitments: 5,
      overdueCommitments: 1,
      openTasks: 3,
    },
    {
      userId: 'usr_agent2',
      name: 'Somchai P.',
      role: 'supervisor',
      openCases: 1234,
      breachedClocks: 0,
      openCommitments: 0,
      overdueCommitments: 0,
      openTasks: 0,
    },
  ],
});
