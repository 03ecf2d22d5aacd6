import type { ColleagueDto, CustomerDto, SimilarCasesDto } from '@redress/contract';
import { json } from '../../test/harness.tsx';
import {
  agent,
  AGENT_PERMISSIONS,
  CASE_ID,
  caseDto,
  clock,
  commitment,
  compensation,
  CUSTOMER_ID,
  levels,
  risk,
  task,
} from './case-fixtures.test-util.ts';

const customer: CustomerDto = {
  id: CUSTOMER_ID,
  name: '陳大文',
  preferredName: '陳先生',
  language: 'zh-TW',
  emails: ['tai.man@example.com'],
  phones: ['+886912345678'],
  externalIds: [],
  products: [],
  whatMatters: { priorities: ['time'], text: 'Works nights; call after 2 pm.' },
  consent: { contactEmail: null, contactPhone: null, marketing: null, dataProcessing: null },
  mergedFrom: [],
  createdAt: '2025-11-01T00:00:00.000Z',
  updatedAt: '2026-03-02T03:00:00.000Z',
};

const similar: SimilarCasesDto = {
  caseId: CASE_ID,
  comparable: true,
  items: [
    {
      caseId: 'case_01B',
      caseRef: 'C-2026-000119',
      subject: 'Armrest torn on delivery',
      status: 'investigating',
      siteId: 'site_TPE',
      createdAt: '2026-03-01T03:00:00.000Z',
      similarity: 0.62,
      kind: 'same_cause',
      sameCategoryAndProduct: true,
    },
  ],
  total: 1,
  windowDays: 90,
  weeks: [],
  thisWeek: 2,
  lastWeek: 0,
};

/**
 * The reader's colleagues (`GET /colleagues`): Kai works at the case's site; Nok lives in Bangkok but
 * is in the Taipei frontline team; Ann is only in Bangkok; Chen answers for the warehouse.
 */
export const colleagues: ColleagueDto[] = [
  { id: 'usr_ANN', name: 'Ann Wu', role: 'agent', siteId: 'site_BKK', teamIds: [] },
  { id: 'usr_WEI', name: 'Chen Wei', role: 'department_member', siteId: 'site_TPE', teamIds: ['team_WH'] },
  { id: 'usr_KAI', name: 'Kai Chen', role: 'agent', siteId: 'site_TPE', teamIds: [] },
  { id: 'usr_MEI', name: 'Lin Mei', role: 'agent', siteId: 'site_TPE', teamIds: ['team_FL'] },
  { id: 'usr_NOK', name: 'Nok Srisuk', role: 'agent', siteId: 'site_BKK', teamIds: ['team_FL'] },
];

/** The colleague directory request the case page makes. */
export const COLLEAGUES = 'GET /api/v1/colleagues?limit=500';

type Handler = (init: RequestInit) => Response | Promise<Response>;

/** Every request the case page makes, answered as a healthy server would; override any of them. */
export const caseServer = (overrides: Record<string, Handler> = {}): Record<string, Handler> => {
  const base = `/api/v1/cases/${CASE_ID}`;
  return {
    'GET /api/v1/auth/me': () => json(200, { user: agent, permissions: AGENT_PERMISSIONS }),
    [`GET ${base}`]: () => json(200, caseDto()),
    [`GET ${base}/clocks`]: () => json(200, { items: [clock()] }),
    [`GET ${base}/commitments`]: () => json(200, { items: [commitment()] }),
    [`GET ${base}/tasks`]: () => json(200, { items: [task()] }),
    [`GET ${base}/escalations`]: () => json(200, { items: [] }),
    [`GET ${base}/risk`]: () => json(200, risk()),
    [`GET ${base}/compensations`]: () => json(200, { items: [compensation()] }),
    [`GET ${base}/similar`]: () => json(200, similar),
    [`GET ${base}/emails`]: () => json(200, { items: [] }),
    [`GET ${base}/followups`]: () => json(200, { items: [] }),
    [`GET ${base}/surveys`]: () => json(200, { items: [] }),
    [`GET /api/v1/customers/${CUSTOMER_ID}`]: () => json(200, customer),
    [`GET /api/v1/cases?customerId=${CUSTOMER_ID}&limit=20`]: () =>
      json(200, {
        items: [
          {
            id: 'case_00Z',
            ref: 'C-2025-000042',
            status: 'closed',
            channel: 'web',
            subject: 'Late delivery',
            severity: 'low',
            safety: false,
            priority: 'normal',
            siteId: 'site_TPE',
            ownerId: 'usr_MEI',
            customerId: CUSTOMER_ID,
            categoryId: null,
            createdAt: '2025-11-01T00:00:00.000Z',
            updatedAt: '2025-11-05T00:00:00.000Z',
          },
        ],
        nextCursor: null,
      }),
    'GET /api/v1/escalation/levels': () => json(200, { levels }),
    'GET /api/v1/root-causes': () =>
      json(200, {
        items: [
          { id: 'rc_1', code: 'carrier', names: { en: 'Carrier damage' }, createdAt: '2026-01-01T00:00:00.000Z' },
        ],
      }),
    'GET /api/v1/categories': () =>
      json(200, {
        items: [
          {
            id: 'cat_delivery',
            parentId: null,
            names: { en: 'Delivery', 'zh-TW': '配送' },
            kind: 'product_quality',
            createdAt: '2026-01-01T00:00:00.000Z',
          },
        ],
      }),
    'GET /api/v1/teams': () =>
      json(200, {
        items: [
          {
            id: 'team_WH',
            name: 'Warehouse',
            kind: 'department',
            siteId: null,
            memberIds: ['usr_WEI'],
            createdAt: '2026-01-01T00:00:00.000Z',
          },
          {
            id: 'team_FL',
            name: 'Frontline Taipei',
            kind: 'frontline',
            siteId: 'site_TPE',
            memberIds: ['usr_MEI', 'usr_NOK'],
            createdAt: '2026-01-01T00:00:00.000Z',
          },
        ],
      }),
    [COLLEAGUES]: () => json(200, { items: colleagues }),
    ...overrides,
  };
};
