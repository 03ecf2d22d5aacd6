import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ErrorResponses,
  NotificationDto,
  NotificationList,
  NotificationListQuery,
  NotificationParams,
  NotificationSettingsBody,
  NotificationSettingsDto,
  ReadAllResult,
} from '@redress/contract';
import { presentNotification } from './notifications.presenter.ts';
import type { NotificationService } from './notifications.service.ts';

const errors = ErrorResponses;

/** The caller's own notifications and e-mail settings; nobody reads another person's. */
export const notificationsRoutes =
  ({ notifications }: { notifications: NotificationService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/notifications',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['notifications'],
          summary: 'My notifications, newest first, in my language',
          querystring: NotificationListQuery,
          response: { 200: NotificationList, ...errors },
        },
      },
      async (request) => {
        const page = await notifications.listNotifications(request.ctx, request.query);
        return {
          items: page.items.map(presentNotification),
          nextCursor: page.nextCursor,
          unreadCount: page.unreadCount,
        };
      },
    );
    app.post(
      '/notifications/:id/read',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['notifications'],
          summary: 'Mark one of my notifications read',
          params: NotificationParams,
          response: { 200: NotificationDto, ...errors },
        },
      },
      async (request) => presentNotification(await notifications.markRead(request.ctx, request.params.id)),
    );
    app.post(
      '/notifications/read-all',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['notifications'],
          summary: 'Mark all my notifications read',
          response: { 200: ReadAllResult, ...errors },
        },
      },
      async (request) => notifications.markAllRead(request.ctx),
    );
    app.get(
      '/notifications/settings',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['notifications'],
          summary: 'How I get notifications by e-mail',
          response: { 200: NotificationSettingsDto, ...errors },
        },
      },
      async (request) => notifications.getSettings(request.ctx),
    );
    app.put(
      '/notifications/settings',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['notifications'],
          summary: 'Choose e-mail now, in an hourly digest, or not at all',
          body: NotificationSettingsBody,
          response: { 200: NotificationSettingsDto, ...errors },
        },
      },
      async (request) => notifications.updateSettings(request.ctx, request.body.email),
    );
  };
