import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PortalSurveyDto } from '@redress/contract';
import { IdPrefix, newId } from '../src/shared/ids.ts';
import { describeBothBackends } from './pg-util.ts';
import { fileJson, portalToken, setUpPortal, thaiComplaint } from './portal-fixtures.ts';

describeBothBackends('portal: the survey link', (backend) => {
  test('the survey opens with its own link, takes one answer, and refuses other tokens', async (ctx) => {
    const p = await setUpPortal(backend, ctx);
    const { t } = p;
    const filed = await fileJson(p, thaiComplaint());
    const other = await fileJson(p, thaiComplaint({ email: 'other@example.com', phone: undefined }));
    const customer = await t.deps.db.read
      .selectFrom('cases')
      .select('customer_id')
      .where('id', '=', filed.caseId)
      .executeTakeFirstOrThrow();
    const surveyId = newId(IdPrefix.survey, t.clock.now());
    await t.deps.db.write((tx) =>
      tx
        .insertInto('surveys')
        .values({
          id: surveyId,
          case_id: filed.caseId,
          customer_id: customer.customer_id,
          followup_id: null,
          language: 'th',
          status: 'open',
          score: null,
          solved: null,
          effort: null,
          comment: null,
          leaving: null,
          leaving_reason: null,
          answered_via: null,
          answered_by: null,
          answered_at: null,
          expires_at: new Date(t.clock.now().getTime() + 14 * 86_400_000).toISOString(),
          created_at: t.clock.now().toISOString(),
        })
        .execute(),
    );
    const token = await portalToken(t, filed.caseId, { purpose: 'survey', surveyId });
    const get = (tok: string) =>
      t.app.inject({ method: 'GET', url: '/api/v1/portal/survey', headers: { 'x-portal-token': tok } });
    const answer = (tok: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/portal/survey',
        headers: { 'x-portal-token': tok },
        payload: { score: 4, solved: true, effort: 4, comment: 'ขอบคุณค่ะ' },
      });

    const opened = await get(token);
    assert.equal(opened.statusCode, 200, opened.body);
    const survey = opened.json<PortalSurveyDto>();
    assert.equal(survey.ref, filed.ref);
    assert.equal(survey.status, 'open');
    assert.equal(survey.language, 'th');
    assert.ok(survey.problem.length > 0);

    // A case link, or a survey link naming another case, does not open it.
    assert.equal((await get(await portalToken(t, filed.caseId))).statusCode, 401);
    const crossed = await portalToken(t, other.caseId, { purpose: 'survey', surveyId });
    assert.equal((await get(crossed)).statusCode, 401);
    assert.equal((await answer(crossed)).statusCode, 401);

    const answered = await answer(token);
    assert.equal(answered.statusCode, 200, answered.body);
    assert.equal(answered.json<PortalSurveyDto>().status, 'answered');
    const row = await t.deps.db.read
      .selectFrom('surveys')
      .selectAll()
      .where('id', '=', surveyId)
      .executeTakeFirstOrThrow();
    assert.equal(row.score, 4);
    assert.equal(row.answered_via, 'portal');
    const again = await answer(token);
    assert.equal(again.statusCode, 409, again.body);
  });
});
