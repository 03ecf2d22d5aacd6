import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CaseEmailDto,
  CaseEmailList,
  CaseEmailParams,
  EmailPreviewDto,
  EmailTemplateDto,
  EmailTemplateList,
  EmailTemplateParams,
  ErrorResponses,
  IdParams,
  PreviewEmailTemplateBody,
  SaveEmailTemplateBody,
  SendCaseEmailBody,
} from '@redress/contract';
import { presentCaseEmail, presentPreview, presentTemplate } from './correspondence.presenter.ts';
import type { CorrespondenceService } from './correspondence.service.ts';

const errors = ErrorResponses;

/** Customer e-mail templates (administrators) and a case's e-mails (agents). */
export const correspondenceRoutes =
  ({ correspondence }: { correspondence: CorrespondenceService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const tags = ['email'];
    app.get(
      '/email-templates',
      {
        config: { access: 'config:read' },
        schema: {
          tags,
          summary: 'Every customer e-mail template, per kind and language: shipped or customised',
          response: { 200: EmailTemplateList, ...errors },
        },
      },
      async (request) => ({ items: (await correspondence.listTemplates(request.ctx)).map(presentTemplate) }),
    );
    app.put(
      '/email-templates/:kind/:language',
      {
        config: { access: 'config:manage' },
        schema: {
          tags,
          summary: 'Replace the shipped text; unknown {{placeholders}} and missing required ones are refused',
          params: EmailTemplateParams,
          body: SaveEmailTemplateBody,
          response: { 200: EmailTemplateDto, ...errors },
        },
      },
      async (request) =>
        presentTemplate(
          await correspondence.saveTemplate(request.ctx, request.params.kind, request.params.language, request.body),
        ),
    );
    app.delete(
      '/email-templates/:kind/:language',
      {
        config: { access: 'config:manage' },
        schema: {
          tags,
          summary: 'Go back to the shipped text',
          params: EmailTemplateParams,
          response: { 200: EmailTemplateDto, ...errors },
        },
      },
      async (request) =>
        presentTemplate(await correspondence.resetTemplate(request.ctx, request.params.kind, request.params.language)),
    );
    app.post(
      '/email-templates/:kind/:language/preview',
      {
        config: { access: 'config:read' },
        schema: {
          tags,
          summary: 'Render the template (or an unsaved text) with sample data',
          params: EmailTemplateParams,
          body: PreviewEmailTemplateBody,
          response: { 200: EmailPreviewDto, ...errors },
        },
      },
      async (request) =>
        presentPreview(
          await correspondence.previewTemplate(request.ctx, request.params.kind, request.params.language, request.body),
        ),
    );
    app.get(
      '/cases/:id/emails',
      {
        config: { access: 'case:read' },
        schema: {
          tags,
          summary: "The case's e-mails both ways, oldest first (addresses only with customer:read)",
          params: IdParams,
          response: { 200: CaseEmailList, ...errors },
        },
      },
      async (request) => {
        const { items, showAddresses } = await correspondence.listCaseEmails(request.ctx, request.params.id);
        return { items: items.map((e) => presentCaseEmail(e, showAddresses)) };
      },
    );
    app.post(
      '/cases/:id/emails',
      {
        config: { access: 'case:update' },
        schema: {
          tags,
          summary: "E-mail the agent's words to the customer (queued; sent by the outbox with retries)",
          params: IdParams,
          body: SendCaseEmailBody,
          response: { 202: CaseEmailDto, ...errors },
        },
      },
      async (request, reply) => {
        const { email, showAddresses } = await correspondence.sendCaseEmail(
          request.ctx,
          request.params.id,
          request.body,
        );
        return reply.status(202).send(presentCaseEmail(email, showAddresses));
      },
    );
    app.post(
      '/cases/:id/emails/:emailId/resend',
      {
        config: { access: 'case:update' },
        schema: {
          tags,
          summary:
            'Send again an e-mail that failed or was suppressed, or one left queued with no job to send it (409 otherwise)',
          params: CaseEmailParams,
          response: { 202: CaseEmailDto, ...errors },
        },
      },
      async (request, reply) => {
        const { email, showAddresses } = await correspondence.resendEmail(
          request.ctx,
          request.params.id,
          request.params.emailId,
        );
        return reply.status(202).send(presentCaseEmail(email, showAddresses));
      },
    );
  };
