import type { PortalComplaintBody } from '@redress/contract';
import { signLink } from '../src/shared/signed-token.ts';
import { newId } from '../src/shared/ids.ts';
import { serverKeyLoader } from '../src/storage/repositories/server-keys.ts';
import { buildTestApp, type TestApp } from './factories.ts';
import { createTestOrg, type TestOrg } from './factories/cases.ts';
import type { Backend, Cleanup } from './pg-util.ts';

/** The app on one backend, an organisation, a portal channel at site A owned by agent A, and a policy. */
export interface PortalTest {
  readonly t: TestApp;
  readonly org: TestOrg;
  readonly channelId: string;
}

/** Inserts an intake channel row as an administrator would have saved it. */
export const insertPortalChannel = async (
  t: TestApp,
  values: { siteId: string | null; ownerId: string; enabled?: boolean; createdAt?: string },
): Promise<string> => {
  const id = newId('chn', t.clock.now());
  const at = values.createdAt ?? t.clock.now().toISOString();
  await t.deps.db.write((tx) =>
    tx
      .insertInto('intake_channels')
      .values({
        id,
        kind: 'portal',
        name: 'Website form',
        address: null,
        site_id: values.siteId,
        owner_id: values.ownerId,
        language: null,
        imap_host: null,
        imap_port: null,
        imap_secure: null,
        imap_user: null,
        imap_password: null,
        imap_mailbox: null,
        imap_uidvalidity: null,
        imap_last_uid: null,
        last_polled_at: null,
        last_error: null,
        enabled: values.enabled ?? true,
        created_by: null,
        created_at: at,
        updated_at: at,
      })
      .execute(),
  );
  return id;
};

/**
 * A policy every case matches, on wall time (no calendar): acknowledge within an hour, first
 * response within four hours, an update every two days, resolution in ten days.
 */
export const createPortalPolicy = async (t: TestApp, org: TestOrg): Promise<void> => {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/policies',
    headers: org.admin.headers,
    payload: {
      name: 'Standard',
      calendarId: null,
      targets: {
        acknowledge: { unit: 'working_minutes', amount: 60 },
        firstResponse: { unit: 'working_minutes', amount: 240 },
        keepInLoop: { unit: 'calendar_days', amount: 2 },
        resolve: { unit: 'calendar_days', amount: 10 },
      },
    },
  });
  if (response.statusCode !== 201) throw new Error(`policy: ${response.statusCode} ${response.body}`);
};

export const setUpPortal = async (backend: Backend, ctx: Cleanup): Promise<PortalTest> => {
  const t = await buildTestApp({ db: await backend.open(ctx) });
  // The backend closes the database itself.
  ctx.after(() => t.app.close());
  const org = await createTestOrg(t);
  const channelId = await insertPortalChannel(t, { siteId: org.siteA, ownerId: org.agentA.id });
  await createPortalPolicy(t, org);
  return { t, org, channelId };
};

/** A Thai customer's complaint as the form sends it. */
export const thaiComplaint = (overrides: Partial<PortalComplaintBody> = {}): PortalComplaintBody => ({
  language: 'th',
  name: 'สมหญิง รักดี',
  email: 'somying@example.co.th',
  phone: '+66 81 555 0101',
  subject: 'ทุเรียนเน่า',
  whatHappened: 'ซื้อทุเรียนเมื่อวานแต่ข้างในเน่าหมด',
  whatYouExpect: 'ขอเงินคืนเต็มจำนวน',
  expectedRemedy: 'refund',
  orderRef: 'ORD-7781',
  consent: true,
  ...overrides,
});

/** A signed portal link token for `caseId` (case link) or its survey, valid for `days` from the test clock. */
export const portalToken = async (
  t: TestApp,
  caseId: string,
  options: { purpose?: 'case' | 'survey'; surveyId?: string; days?: number } = {},
): Promise<string> => {
  const key = await serverKeyLoader(t.deps.db, 'links')();
  const expiresAt = Math.floor(t.clock.now().getTime() / 1000) + (options.days ?? 30) * 86_400;
  return signLink(key, {
    purpose: options.purpose ?? 'case',
    caseId,
    expiresAt,
    ...(options.surveyId ? { surveyId: options.surveyId } : {}),
  });
};

/** Files a complaint over HTTP as JSON and returns the new case's id (looked up by its reference). */
export const fileJson = async (p: PortalTest, body: PortalComplaintBody): Promise<{ ref: string; caseId: string }> => {
  const response = await p.t.app.inject({
    method: 'POST',
    url: '/api/v1/portal/complaints',
    payload: { channelId: p.channelId, ...body },
  });
  if (response.statusCode !== 201) throw new Error(`file: ${response.statusCode} ${response.body}`);
  const { ref } = response.json<{ ref: string }>();
  return { ref, caseId: await caseIdOf(p.t, ref) };
};

export const caseIdOf = async (t: TestApp, ref: string): Promise<string> => {
  const row = await t.deps.db.read.selectFrom('cases').select('id').where('ref', '=', ref).executeTakeFirstOrThrow();
  return row.id;
};

export const countCases = async (t: TestApp): Promise<number> =>
  (await t.deps.db.read.selectFrom('cases').select('id').execute()).length;
