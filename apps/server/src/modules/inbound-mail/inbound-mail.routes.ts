import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreateIntakeChannelBody,
  ErrorResponses,
  IdParams,
  InboundMailDto,
  InboundMailList,
  InboundMailQuery,
  IntakeChannelDto,
  IntakeChannelList,
  UpdateIntakeChannelBody,
} from '@redress/contract';
import { presentInboundEmail, presentIntakeChannel } from './inbound-mail.presenter.ts';
import type { InboundMailService } from './inbound-mail.service.ts';
import type { IntakeChannelService } from './intake-channels.service.ts';

const errors = ErrorResponses;

/** Intake channels (where complaints arrive) and the inbound mail log with reprocessing. */
export const inboundMailRoutes =
  ({
    intakeChannels,
    inboundMail,
  }: {
    intakeChannels: IntakeChannelService;
    inboundMail: InboundMailService;
  }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/intake-channels',
      {
        config: { access: 'config:read' },
        schema: {
          tags: ['intake'],
          summary: 'Intake channels: SMTP addresses, IMAP mailboxes and portal entries (no passwords)',
          response: { 200: IntakeChannelList, ...errors },
        },
      },
      async (request) => ({
        items: (await intakeChannels.listChannels(request.ctx)).map(presentIntakeChannel),
      }),
    );
    app.post(
      '/intake-channels',
      {
        config: { access: 'config:manage' },
        schema: {
          tags: ['intake'],
          summary: 'Add an intake channel; its cases go to its site and owner',
          body: CreateIntakeChannelBody,
          response: { 201: IntakeChannelDto, ...errors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(presentIntakeChannel(await intakeChannels.createChannel(request.ctx, request.body))),
    );
    app.patch(
      '/intake-channels/:id',
      {
        config: { access: 'config:manage' },
        schema: {
          tags: ['intake'],
          summary: 'Change an intake channel (an IMAP password left out is kept)',
          params: IdParams,
          body: UpdateIntakeChannelBody,
          response: { 200: IntakeChannelDto, ...errors },
        },
      },
      async (request) =>
        presentIntakeChannel(await intakeChannels.updateChannel(request.ctx, request.params.id, request.body)),
    );
    app.get(
      '/inbound-mail',
      {
        config: { access: 'config:read' },
        schema: {
          tags: ['intake'],
          summary: 'Inbound e-mail, newest first: status, reason and case (metadata only)',
          querystring: InboundMailQuery,
          response: { 200: InboundMailList, ...errors },
        },
      },
      async (request) => {
        const page = await inboundMail.listEmails(request.ctx, request.query);
        return { items: page.items.map(presentInboundEmail), nextCursor: page.nextCursor };
      },
    );
    app.post(
      '/inbound-mail/:id/reprocess',
      {
        config: { access: 'config:manage' },
        schema: {
          tags: ['intake'],
          summary: 'Process an ignored or unparsed e-mail again from its stored raw message',
          params: IdParams,
          response: { 202: InboundMailDto, ...errors },
        },
      },
      async (request, reply) =>
        reply.status(202).send(presentInboundEmail(await inboundMail.reprocess(request.ctx, request.params.id))),
    );
  };
