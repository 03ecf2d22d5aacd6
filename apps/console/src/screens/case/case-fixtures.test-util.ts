import type {
  CaseDto,
  CaseRiskDto,
  ClockDto,
  CommitmentDto,
  CompensationDto,
  EscalationDto,
  LadderLevelDto,
  TaskDto,
} from '@redress/contract';
import { buildUser } from '../../test/harness.tsx';

/** A realistic case for the case page's tests: a Taiwanese customer, a torn sofa, an angry message. */
export const CASE_ID = 'case_01A';
export const CUSTOMER_ID = 'cus_01A';
export const DESCRIPTION = '沙發送來時左邊扶手破了。你們是騙子！我要找你們經理，不然我就打12315投訴。';

const hours = (n: number) => new Date(Date.now() + n * 3_600_000).toISOString();
const span = (evidence: string) => {
  const start = DESCRIPTION.indexOf(evidence);
  return { start, end: start + evidence.length };
};

export const AGENT_PERMISSIONS = [
  'org:read',
  'customer:read',
  'customer:write',
  'case:read',
  'case:update',
  'case:assign',
  'case:transition',
  'task:create',
  'config:read',
  'commitment:write',
  'escalation:raise',
  'compensation:propose',
];

export const agent = buildUser({ id: 'usr_MEI', name: 'Lin Mei', role: 'agent' });

export const caseDto = (overrides: Partial<CaseDto> = {}): CaseDto => ({
  id: CASE_ID,
  ref: 'C-2026-000123',
  status: 'investigating',
  channel: 'phone',
  subject: 'Sofa arrived torn',
  description: DESCRIPTION,
  language: 'zh-TW',
  categoryId: 'cat_delivery',
  categoryKind: 'product_quality',
  severity: 'high',
  safety: false,
  priority: 'high',
  expectedRemedy: 'replacement',
  productRef: 'SOFA-3S',
  orderRef: 'SO-991',
  tags: [],
  siteId: 'site_TPE',
  owner: { id: 'usr_MEI', name: 'Lin Mei' },
  customer: {
    id: CUSTOMER_ID,
    name: '陳大文',
    preferredName: '陳先生',
    language: 'zh-TW',
    emails: ['tai.man@example.com'],
    phones: ['+886912345678'],
  },
  resolution: null,
  customerDecision: null,
  mergedIntoId: null,
  createdAt: '2026-03-02T03:00:00.000Z',
  updatedAt: '2026-03-02T05:00:00.000Z',
  closedAt: null,
  keyPeople: [
    {
      id: 'kp_1',
      role: 'influencer',
      userId: null,
      name: '陳小姐',
      relationship: 'relative',
      contact: null,
      consent: true,
      note: 'His daughter handles the paperwork.',
      createdAt: '2026-03-02T04:00:00.000Z',
    },
  ],
  links: [],
  timeline: [
    {
      id: 'evt_1',
      seq: 1,
      type: 'case.created',
      caseId: CASE_ID,
      actorId: 'usr_MEI',
      actorName: 'Lin Mei',
      occurredAt: '2026-03-02T03:00:00.000Z',
      data: { channel: 'phone' },
    },
    {
      id: 'evt_2',
      seq: 2,
      type: 'case.note_added',
      caseId: CASE_ID,
      actorId: 'usr_MEI',
      actorName: 'Lin Mei',
      occurredAt: '2026-03-02T04:00:00.000Z',
      data: { body: 'Asked the warehouse for the delivery photos.' },
    },
    {
      id: 'evt_3',
      seq: 3,
      type: 'sofa.teleported',
      caseId: CASE_ID,
      actorId: null,
      actorName: null,
      occurredAt: '2026-03-02T04:30:00.000Z',
      data: {},
    },
  ],
  allowedActions: ['wait_on_customer', 'wait_on_internal', 'propose_resolution', 'resolve'],
  ...overrides,
});

export const clock = (overrides: Partial<ClockDto> = {}): ClockDto => ({
  id: 'clk_1',
  key: 'resolve',
  kind: 'resolve',
  subjectId: null,
  cycle: 1,
  state: 'running',
  startedAt: '2026-03-02T03:00:00.000Z',
  dueAt: hours(26),
  breached: false,
  breachedAt: null,
  warningsSent: 0,
  warnPercents: [50, 80],
  pausedAt: null,
  settledAt: null,
  percentUsed: 40,
  ...overrides,
});

export const commitment = (overrides: Partial<CommitmentDto> = {}): CommitmentDto => ({
  id: 'cmt_1',
  caseId: CASE_ID,
  text: 'We will send you the inspection report by Friday',
  promisedTo: '陳大文',
  keyPersonId: null,
  dueAt: hours(3),
  madeBy: 'usr_MEI',
  madeAt: '2026-03-02T04:00:00.000Z',
  messageEventId: null,
  dependsOn: ['task_1'],
  remedy: null,
  flags: ['outside_working_hours'],
  status: 'open',
  outcomeAt: null,
  keptOnTime: null,
  renegotiatedFromId: null,
  renegotiatedToId: null,
  atRiskAt: null,
  ...overrides,
});

export const task = (overrides: Partial<TaskDto> = {}): TaskDto => ({
  id: 'task_1',
  caseId: CASE_ID,
  assigneeTeamId: 'team_WH',
  assigneeUserId: null,
  question: 'Was the sofa damaged before it left the warehouse?',
  dueAt: hours(50),
  status: 'open',
  answer: null,
  answeredBy: null,
  answeredAt: null,
  createdBy: 'usr_MEI',
  createdAt: '2026-03-02T04:00:00.000Z',
  ...overrides,
});

export const risk = (): CaseRiskDto => ({
  caseId: CASE_ID,
  language: 'zh-TW',
  signals: [
    { kind: 'insult', evidence: '騙子', confidence: 0.9, source: 'description', eventId: null, ...span('騙子') },
    {
      kind: 'manager_request',
      evidence: '找你們經理',
      confidence: 0.85,
      source: 'description',
      eventId: null,
      ...span('找你們經理'),
    },
    {
      kind: 'regulator_threat',
      evidence: '12315',
      confidence: 0.95,
      source: 'description',
      eventId: null,
      ...span('12315'),
    },
  ],
  facts: { inboundContacts: 2, reopened: false, safety: false },
  risk: { score: 78, level: 'high' },
});

const level = (rank: number, names: LadderLevelDto['names'], maxCompensation: number): LadderLevelDto => ({
  id: `lvl_${rank}`,
  rank,
  names,
  roles: [],
  teamId: null,
  maxCompensation,
  currency: 'TWD',
  remedies: [],
  responseMinutes: 60,
});

export const levels: LadderLevelDto[] = [
  level(0, { en: 'Frontline', 'zh-TW': '第一線', 'zh-CN': '一线', th: 'ด่านหน้า' }, 100_000),
  level(1, { en: 'Supervisor', 'zh-TW': '主管', 'zh-CN': '主管', th: 'หัวหน้างาน' }, 500_000),
  level(2, { en: 'Store manager', 'zh-TW': '店長', 'zh-CN': '店长', th: 'ผู้จัดการร้าน' }, 2_000_000),
];

export const escalation = (overrides: Partial<EscalationDto> = {}): EscalationDto => ({
  id: 'esc_1',
  caseId: CASE_ID,
  direction: 'up',
  fromRank: 0,
  toRank: 1,
  trigger: 'manual',
  reason: 'Escalated by the case owner for support.',
  summary: {
    whatHappened: {
      ref: 'C-2026-000123',
      subject: null,
      excerpt: '',
      categoryId: null,
      channel: 'phone',
      status: 'investigating',
      severity: 'high',
      safety: false,
      openedAt: '2026-03-02T03:00:00.000Z',
    },
    customerWants: { expectedRemedy: null, signals: [] },
    promised: [],
    tried: { tasks: [], compensations: [], escalations: [], statusHistory: [] },
  },
  actorId: 'usr_MEI',
  createdAt: new Date().toISOString(),
  acknowledgedAt: null,
  acknowledgedBy: null,
  supersededAt: null,
  ...overrides,
});

export const compensation = (overrides: Partial<CompensationDto> = {}): CompensationDto => ({
  id: 'cmp_1',
  caseId: CASE_ID,
  kind: 'voucher',
  amount: 300_000,
  currency: 'TWD',
  description: 'A store voucher for the trouble',
  status: 'proposed',
  requiredRank: 2,
  proposedBy: 'usr_MEI',
  proposedAt: '2026-03-02T05:00:00.000Z',
  decidedBy: null,
  decidedAt: null,
  decisionNote: null,
  customerAccepted: null,
  customerResponseAt: null,
  deliveredAt: null,
  ...overrides,
});
