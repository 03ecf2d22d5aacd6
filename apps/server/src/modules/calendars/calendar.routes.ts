import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  CalendarDayDto,
  CalendarDayParams,
  CalendarDetailDto,
  CalendarDto,
  CalendarList,
  CalendarQuery,
  CreateCalendarBody,
  DuePreviewDto,
  DuePreviewQuery,
  ErrorResponses,
  IcalImportResult,
  IdParams,
  ImportIcalBody,
  PutCalendarDayBody,
  UpdateCalendarBody,
} from '@redress/contract';
import { presentCalendar, presentCalendarDay } from './calendar.presenter.ts';
import type { CalendarService, CalendarWithDays } from './calendar.service.ts';

const errors = { ...ErrorResponses, 413: ErrorResponses[400] };
const tags = ['configuration'];

/** An iCal feed travels as JSON text (`{ ics }`); escaping can double its size, hence the limit. */
const ICAL_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

const presentDetail = ({ calendar, days, notes }: CalendarWithDays) => ({
  ...presentCalendar(calendar),
  days: days.map(presentCalendarDay),
  ...(notes ? { notes: [...notes] } : {}),
});

/** Business calendars: working hours, holidays and make-up days that due times are counted in. */
export const calendarsRoutes =
  ({ calendars }: { calendars: CalendarService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/calendars',
      {
        config: { access: 'config:read' },
        schema: {
          tags,
          summary: 'Business calendars (without their days)',
          response: { 200: CalendarList, ...errors },
        },
      },
      async (request) => ({ items: (await calendars.listCalendars(request.ctx)).map(presentCalendar) }),
    );
    app.get(
      '/calendars/:id',
      {
        config: { access: 'config:read' },
        schema: {
          tags,
          summary: 'A calendar with its holidays and working days, optionally of one year',
          params: IdParams,
          querystring: CalendarQuery,
          response: { 200: CalendarDetailDto, ...errors },
        },
      },
      async (request) => presentDetail(await calendars.getCalendar(request.ctx, request.params.id, request.query.year)),
    );
    app.post(
      '/calendars',
      {
        config: { access: 'config:manage', idempotent: true },
        schema: {
          tags,
          summary: 'Create a calendar from a country preset ({ preset, years }) or by hand ({ name, timeZone, week })',
          body: CreateCalendarBody,
          response: { 201: CalendarDetailDto, ...errors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(presentDetail(await calendars.createCalendar(request.ctx, request.body))),
    );
    app.patch(
      '/calendars/:id',
      {
        config: { access: 'config:manage' },
        schema: {
          tags,
          summary: "Rename a calendar or change its week's hours",
          params: IdParams,
          body: UpdateCalendarBody,
          response: { 200: CalendarDto, ...errors },
        },
      },
      async (request) => presentCalendar(await calendars.updateCalendar(request.ctx, request.params.id, request.body)),
    );
    app.put(
      '/calendars/:id/days/:day',
      {
        config: { access: 'config:manage' },
        schema: {
          tags,
          summary: 'Set one date by hand: a holiday or a (make-up) working day',
          params: CalendarDayParams,
          body: PutCalendarDayBody,
          response: { 200: CalendarDayDto, ...errors },
        },
      },
      async (request) =>
        presentCalendarDay(await calendars.putDay(request.ctx, request.params.id, request.params.day, request.body)),
    );
    app.delete(
      '/calendars/:id/days/:day',
      {
        config: { access: 'config:manage' },
        schema: {
          tags,
          summary: "Remove a date's override: the usual weekday hours apply again",
          params: CalendarDayParams,
          response: { 204: Type.Null(), ...errors },
        },
      },
      async (request, reply) => {
        await calendars.deleteDay(request.ctx, request.params.id, request.params.day);
        return reply.status(204).send(null);
      },
    );
    app.post(
      '/calendars/:id/ical',
      {
        config: { access: 'config:manage' },
        bodyLimit: ICAL_BODY_LIMIT_BYTES,
        schema: {
          tags,
          summary: 'Import the all-day events of an iCalendar holiday feed as holidays (JSON { ics })',
          params: IdParams,
          body: ImportIcalBody,
          response: { 200: IcalImportResult, ...errors },
        },
      },
      async (request) => {
        const report = await calendars.importIcal(request.ctx, request.params.id, request.body);
        return { imported: report.imported, keptManual: report.keptManual, skipped: [...report.skipped] };
      },
    );
    app.get(
      '/calendars/:id/due',
      {
        config: { access: 'config:read' },
        schema: {
          tags,
          summary: 'Preview the due time of a start plus working minutes, working days or calendar days',
          params: IdParams,
          querystring: DuePreviewQuery,
          response: { 200: DuePreviewDto, ...errors },
        },
      },
      async (request) => {
        const preview = await calendars.previewDue(request.ctx, request.params.id, request.query);
        return {
          start: preview.start.toISOString(),
          unit: preview.unit,
          amount: preview.amount,
          dueAt: preview.dueAt.toISOString(),
          dueAtLocal: preview.dueAtLocal,
          startIsWorking: preview.startIsWorking,
          workingMinutes: preview.workingMinutes,
        };
      },
    );
  };
