import type { CaseDto, CreateCaseBody } from '@redress/contract';
import { systemContext } from '../../src/shared/unit-of-work.ts';
import { bearerFor, createUser, type TestApp } from '../factories.ts';

/**
 * Complaints in four languages, as intake would take them. The customers' own words are kept
 * exactly as given.
 */
export const complaintFixtures = {
  mango: {
    customer: { name: '陳美玲', phone: '0912-345-678', email: 'chen.meiling@example.tw', language: 'zh-TW' },
    channel: 'phone',
    subject: '芒果爛了',
    description: '我三天前買的芒果全部爛了，你們是騙子',
    expectedRemedy: 'refund',
    severity: 'medium',
    tags: ['mango', 'cold-chain'],
  },
  parcel: {
    customer: { name: 'สมชาย ใจดี', phone: '+66 81 234 5678', language: 'th' },
    channel: 'phone',
    description: 'สั่งของไปแล้วยังไม่ได้รับเลย โทรไปหลายรอบแล้ว',
    expectedRemedy: 'explanation',
  },
  refund: {
    customer: { name: '王磊', email: 'wanglei@example.cn', language: 'zh-CN' },
    channel: 'email',
    subject: '退款',
    description: '退款还没到账',
    expectedRemedy: 'refund',
  },
  window: {
    customer: { name: 'Sarah Mitchell', email: 'sarah.mitchell@example.com', language: 'en' },
    channel: 'web',
    subject: 'Window regulator failed <script>alert(1)</script>',
    description: 'The left front window will not go up. It is freezing and I was told to drive back anyway.',
    expectedRemedy: 'repair',
    safety: true,
  },
} as const satisfies Record<string, CreateCaseBody>;

export interface OrgUser {
  readonly id: string;
  readonly headers: Record<string, string>;
}

/** Two sites, a frontline team and a warehouse department at site A, and users of every role. */
export interface TestOrg {
  readonly siteA: string;
  readonly siteB: string;
  readonly frontlineA: string;
  readonly warehouse: string;
  readonly billing: string;
  readonly agentA: OrgUser;
  readonly agentA2: OrgUser;
  readonly agentB: OrgUser;
  readonly supervisorA: OrgUser;
  /** A department member of the warehouse team. */
  readonly warehouseMember: OrgUser;
  /** A department member of billing (no tasks unless given one). */
  readonly billingMember: OrgUser;
  readonly analyst: OrgUser;
  readonly admin: OrgUser;
}

/** Builds the organisation through the org service as the system, and an API token per user. */
export const createTestOrg = async (t: TestApp): Promise<TestOrg> => {
  const sys = systemContext('test');
  const { org } = t.deps;
  const siteA = await org.createSite(sys, { name: 'Taipei Xinyi', code: 'TPE-01', timeZone: 'Asia/Taipei' });
  const siteB = await org.createSite(sys, { name: 'Bangkok Silom', code: 'BKK-01', timeZone: 'Asia/Bangkok' });
  const frontlineA = await org.createTeam(sys, { name: 'Frontline TPE', kind: 'frontline', siteId: siteA.id });
  const warehouse = await org.createTeam(sys, { name: 'Warehouse', kind: 'department', siteId: siteA.id });
  const billing = await org.createTeam(sys, { name: 'Billing', kind: 'department', siteId: null });

  const user = async (role: string, email: string, siteId: string | null, teamId?: string): Promise<OrgUser> => {
    const created = await createUser(t.deps, role, email);
    if (siteId) await org.setUserSite(sys, created.id, siteId);
    if (teamId) await org.addMember(sys, teamId, created.id);
    return { id: created.id, headers: await bearerFor(t.deps, created.id) };
  };
  return {
    siteA: siteA.id,
    siteB: siteB.id,
    frontlineA: frontlineA.id,
    warehouse: warehouse.id,
    billing: billing.id,
    agentA: await user('agent', 'agent.a@example.test', siteA.id, frontlineA.id),
    agentA2: await user('agent', 'agent.a2@example.test', siteA.id),
    agentB: await user('agent', 'agent.b@example.test', siteB.id),
    supervisorA: await user('supervisor', 'supervisor.a@example.test', siteA.id),
    warehouseMember: await user('department_member', 'warehouse@example.test', siteA.id, warehouse.id),
    billingMember: await user('department_member', 'billing@example.test', null, billing.id),
    analyst: await user('quality_analyst', 'analyst@example.test', null),
    admin: await user('admin', 'admin.org@example.test', null),
  };
};

/** Opens a case over HTTP and returns the created case (throws on a non-201). */
export const openCaseAs = async (t: TestApp, as: OrgUser, body: CreateCaseBody): Promise<CaseDto> => {
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: as.headers, payload: body });
  if (response.statusCode !== 201) throw new Error(`open case failed: ${response.statusCode} ${response.body}`);
  return response.json<CaseDto>();
};

/** A root cause and a two-level category tree, created over HTTP as the administrator. */
export const createConfig = async (
  t: TestApp,
  admin: OrgUser,
): Promise<{ rootCause: string; quality: string; spoiled: string; service: string }> => {
  const post = async (url: string, payload: Record<string, unknown>): Promise<string> => {
    const response = await t.app.inject({ method: 'POST', url, headers: admin.headers, payload });
    if (response.statusCode !== 201) throw new Error(`${url} failed: ${response.statusCode} ${response.body}`);
    return response.json<{ id: string }>().id;
  };
  const rootCause = await post('/api/v1/root-causes', {
    code: 'cold_chain_break',
    names: { en: 'Cold chain break', 'zh-TW': '冷鏈中斷', 'zh-CN': '冷链中断', th: 'ห่วงโซ่ความเย็นขาด' },
  });
  const quality = await post('/api/v1/categories', {
    names: { en: 'Product quality', 'zh-TW': '產品品質' },
    kind: 'product_quality',
  });
  const spoiled = await post('/api/v1/categories', {
    names: { en: 'Spoiled goods', 'zh-TW': '商品腐壞' },
    parentId: quality,
  });
  const service = await post('/api/v1/categories', {
    names: { en: 'Service process', th: 'กระบวนการบริการ' },
    kind: 'service_process',
  });
  return { rootCause, quality, spoiled, service };
};
