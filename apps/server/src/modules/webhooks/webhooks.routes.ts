import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreateWebhookBody,
  ErrorResponses,
  IdParams,
  WebhookCreatedDto,
  WebhookDeliveryDto,
  WebhookDeliveryList,
  WebhookDeliveryQuery,
  WebhookList,
} from '@redress/contract';
import { Type } from 'typebox';
import { presentDelivery, presentWebhook } from './webhooks.presenter.ts';
import type { WebhookService } from './webhooks.service.ts';

const errors = ErrorResponses;
const tags = ['webhooks'];

/** Webhook subscriptions, their delivery log and manual redelivery. */
export const webhooksRoutes =
  ({ webhooks }: { webhooks: WebhookService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/webhooks',
      {
        config: { access: 'config:read' },
        schema: {
          tags,
          summary: 'Webhook subscriptions (without their secrets)',
          response: { 200: WebhookList, ...errors },
        },
      },
      async (request) => ({ items: (await webhooks.listSubscriptions(request.ctx)).map(presentWebhook) }),
    );
    app.post(
      '/webhooks',
      {
        config: { access: 'config:manage' },
        schema: {
          tags,
          summary: 'Subscribe a URL to event types; the signing secret is in this answer only',
          body: CreateWebhookBody,
          response: { 201: WebhookCreatedDto, ...errors },
        },
      },
      async (request, reply) => {
        const created = await webhooks.createSubscription(request.ctx, request.body);
        return reply.status(201).send({ ...presentWebhook(created), secret: created.secret });
      },
    );
    app.delete(
      '/webhooks/:id',
      {
        config: { access: 'config:manage' },
        schema: {
          tags,
          summary: 'Delete a subscription (its delivery log is kept)',
          params: IdParams,
          response: { 204: Type.Null(), ...errors },
        },
      },
      async (request, reply) => {
        await webhooks.deleteSubscription(request.ctx, request.params.id);
        return reply.status(204).send(null);
      },
    );
    app.get(
      '/webhooks/:id/deliveries',
      {
        config: { access: 'config:read' },
        schema: {
          tags,
          summary: 'The delivery log of a subscription, newest first',
          params: IdParams,
          querystring: WebhookDeliveryQuery,
          response: { 200: WebhookDeliveryList, ...errors },
        },
      },
      async (request) => ({
        items: (await webhooks.listDeliveries(request.ctx, request.params.id, request.query.limit ?? 50)).map(
          presentDelivery,
        ),
      }),
    );
    app.post(
      '/webhooks/deliveries/:id/redeliver',
      {
        config: { access: 'config:manage' },
        schema: {
          tags,
          summary: 'Send a delivery again from its first attempt',
          params: IdParams,
          response: { 202: WebhookDeliveryDto, ...errors },
        },
      },
      async (request, reply) =>
        reply.status(202).send(presentDelivery(await webhooks.redeliver(request.ctx, request.params.id))),
    );
  };
