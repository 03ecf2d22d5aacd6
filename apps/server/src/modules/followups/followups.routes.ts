import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CaseSurveyParams,
  ErrorResponses,
  FollowUpList,
  FollowUpSettings,
  IdParams,
  SurveyAnswerBody,
  SurveyDto,
  SurveyList,
} from '@redress/contract';
import { presentFollowUp, presentSurvey } from './followups.presenter.ts';
import type { FollowUpService } from './followups.service.ts';

const errors = ErrorResponses;
const tags = ['followups'];

/** Follow-up settings, a case's follow-ups and surveys, and an answer taken on the phone. */
export const followUpsRoutes =
  ({ followups }: { followups: FollowUpService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/settings/followups',
      {
        config: { access: 'config:read' },
        schema: {
          tags,
          summary: 'When follow-ups go out after resolution, and how long surveys stay open',
          response: { 200: FollowUpSettings, ...errors },
        },
      },
      async (request) => followups.getSettings(request.ctx),
    );
    app.put(
      '/settings/followups',
      {
        config: { access: 'config:manage' },
        schema: {
          tags,
          summary: 'Change the follow-up settings',
          body: FollowUpSettings,
          response: { 200: FollowUpSettings, ...errors },
        },
      },
      async (request) => followups.saveSettings(request.ctx, request.body),
    );
    app.get(
      '/cases/:id/followups',
      {
        config: { access: 'case:read' },
        schema: {
          tags,
          summary: "The case's follow-ups, oldest first",
          params: IdParams,
          response: { 200: FollowUpList, ...errors },
        },
      },
      async (request) => ({
        items: (await followups.listFollowUps(request.ctx, request.params.id)).map(presentFollowUp),
      }),
    );
    app.get(
      '/cases/:id/surveys',
      {
        config: { access: 'case:read' },
        schema: {
          tags,
          summary: "The case's surveys and their answers, oldest first",
          params: IdParams,
          response: { 200: SurveyList, ...errors },
        },
      },
      async (request) => ({
        items: (await followups.listSurveys(request.ctx, request.params.id)).map(presentSurvey),
      }),
    );
    app.post(
      '/cases/:id/surveys/:surveyId/answer',
      {
        config: { access: 'case:update' },
        schema: {
          tags,
          summary: 'Record the answer the customer gave on the phone; 409 when already answered',
          params: CaseSurveyParams,
          body: SurveyAnswerBody,
          response: { 200: SurveyDto, ...errors },
        },
      },
      async (request) =>
        presentSurvey(
          await followups.recordPhoneAnswer(request.ctx, request.params.id, request.params.surveyId, request.body),
        ),
    );
  };
