import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { CaseDto, TaskDto } from '@redress/contract';
import { buildTestApp, type TestApp } from '../../../test/factories.ts';
import {
  complaintFixtures,
  createTestOrg,
  openCaseAs,
  type OrgUser,
  type TestOrg,
} from '../../../test/factories/cases.ts';

/** The coded error body of a refused request. */
export interface ErrorJson {
  error: { code: string; details?: { field?: string; message: string }[] };
}

// The test clock stands at 2026-03-02T09:00Z (17:00 in Taipei, a Monday).
export const DUE = '2026-03-04T09:00:00.000Z';
export const LATER = '2026-03-05T09:00:00.000Z';
export const PAST = '2026-03-01T09:00:00.000Z';

/**
 * One app and organisation for a suite of commitment route tests (built before, closed after),
 * with the requests they share. Call inside `describe`; `h.t` and `h.org` are set once it starts.
 */
export const commitmentsHarness = () => {
  const h = {} as { t: TestApp; org: TestOrg };
  before(async () => {
    h.t = await buildTestApp();
    h.org = await createTestOrg(h.t);
  });
  after(() => h.t.close());

  const post = (as: OrgUser, url: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
    h.t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { ...as.headers, ...headers }, payload });
  const get = (as: OrgUser, url: string) =>
    h.t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: as.headers });
  const errorOf = (body: string) => (JSON.parse(body) as ErrorJson).error;
  const timeline = async (caseId: string) =>
    (await get(h.org.admin, `/cases/${caseId}`)).json<CaseDto>().timeline ?? [];

  /** A case owned by agent A with one recorded inbound message; returns the case and the message event id. */
  const caseWithMessage = async (fixture: keyof typeof complaintFixtures = 'mango') => {
    const c = await openCaseAs(h.t, h.org.agentA, complaintFixtures[fixture]);
    const recorded = await post(h.org.agentA, `/cases/${c.id}/messages`, {
      direction: 'outbound',
      channel: 'phone',
      body: '我們會在 3/4 前把檢驗報告寄給您',
    });
    assert.equal(recorded.statusCode, 200, recorded.body);
    const message = (await timeline(c.id)).find((e) => e.type === 'case.message_recorded');
    assert.ok(message);
    return { c, messageEventId: message.id };
  };

  const askWarehouse = async (caseId: string, dueAt: string): Promise<TaskDto> => {
    const response = await post(h.org.agentA, `/cases/${caseId}/tasks`, {
      teamId: h.org.warehouse,
      question: '檢驗報告主管審完了嗎？',
      dueAt,
    });
    assert.equal(response.statusCode, 201, response.body);
    return response.json<TaskDto>();
  };

  return { h, post, get, errorOf, timeline, caseWithMessage, askWarehouse };
};
