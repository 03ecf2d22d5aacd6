import {
  TargetMaxAmounts,
  type CreateCalendarBody,
  type DuePreviewQuery,
  type ImportIcalBody,
  type PutCalendarDayBody,
  type TargetUnit,
  type UpdateCalendarBody,
} from '@redress/contract';
import type { Clock } from '../../shared/clock.ts';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { actorId, type Context, type UnitOfWork } from '../../shared/unit-of-work.ts';
import { requirePermission } from '../access/index.ts';
import {
  assertValidCalendar,
  dueFor,
  formatInZone,
  isWorkingInstant,
  parseLocalDate,
  workingMinutesBetween,
} from './business-time.ts';
import type { BusinessCalendar, DayOverride, WorkingInterval } from './calendar.ts';
import { buildPresetCalendar } from './calendar-presets.ts';
import type { CalendarDay, CalendarRepository, StoredCalendar } from './calendar.repository.ts';
import { parseHolidayFeed, type SkippedEvent } from './ical-import.ts';

/** The most day overrides one iCal import may write (ten years of generous holidays). */
const MAX_IMPORTED_DAYS = 3_660;
/** How many years of yearly rules an iCal import expands at most. */
const MAX_IMPORT_YEARS = 10;

export interface CalendarWithDays {
  readonly calendar: StoredCalendar;
  readonly days: readonly CalendarDay[];
  readonly notes?: readonly string[];
}

export interface DuePreview {
  readonly start: Date;
  readonly unit: TargetUnit;
  readonly amount: number;
  readonly dueAt: Date;
  readonly dueAtLocal: string;
  readonly startIsWorking: boolean;
  readonly workingMinutes: number;
}

export interface IcalImportReport {
  readonly imported: number;
  readonly keptManual: number;
  readonly skipped: readonly SkippedEvent[];
}

const notFound = (): AppError => new AppError(ErrorCode.NotFound, 'Calendar not found');

const toBusinessCalendar = (calendar: StoredCalendar, days: readonly CalendarDay[]): BusinessCalendar => ({
  id: calendar.id,
  name: calendar.name,
  timeZone: calendar.timeZone,
  week: calendar.week,
  days: new Map(days.map((d) => [d.day, d.override])),
});

const missing = (field: string, message: string): AppError =>
  new AppError(ErrorCode.ValidationFailed, message, [{ field, message }]);

/**
 * Business calendars: reading them needs `config:read`, changing them `config:manage`. Every
 * change appends a `calendar.*` event with the calendar as subject and calls `onChanged` after
 * the commit, so caches of calendars (the clocks' configuration cache) drop their copy. Open
 * cases' clocks are not recomputed here: they pick up the new calendar on their next change.
 */
export const createCalendarService = ({
  store,
  clock,
  onChanged = () => undefined,
}: {
  store: UnitOfWork<{ calendars: CalendarRepository }>;
  clock: Clock;
  onChanged?: () => void;
}) => {
  const loadOrThrow = async (port: { calendars: CalendarRepository }, id: string): Promise<StoredCalendar> => {
    const calendar = await port.calendars.findCalendar(id);
    if (!calendar) throw notFound();
    return calendar;
  };

  const changed = <T>(result: T): T => {
    onChanged();
    return result;
  };

  const listCalendars = async (ctx: Context): Promise<StoredCalendar[]> => {
    requirePermission(ctx.actor, 'config:read');
    return store.read.calendars.listCalendars();
  };

  const getCalendar = async (ctx: Context, id: string, year?: number): Promise<CalendarWithDays> => {
    requirePermission(ctx.actor, 'config:read');
    const calendar = await loadOrThrow(store.read, id);
    return { calendar, days: await store.read.calendars.listDays(id, year) };
  };

  const createCalendar = async (ctx: Context, input: CreateCalendarBody): Promise<CalendarWithDays> => {
    requirePermission(ctx.actor, 'config:manage');
    const now = clock.now();
    let name = input.name?.trim();
    let timeZone = input.timeZone;
    let week: readonly (readonly WorkingInterval[])[] | undefined = input.week as WorkingInterval[][] | undefined;
    let days: CalendarDay[] = [];
    let notes: readonly string[] = [];
    if (input.preset) {
      if (!input.years) throw missing('/body/years', 'A preset needs the years to generate, e.g. [2026, 2027].');
      const preset = buildPresetCalendar(input.preset, input.years);
      name = name || preset.name;
      timeZone = timeZone ?? preset.timeZone;
      week = week ?? preset.week;
      days = [...preset.days].map(([day, override]) => ({ day, override, source: 'preset' }));
      notes = preset.notes;
    } else if (input.years) {
      throw missing('/body/preset', 'Years are only used with a preset.');
    }
    if (!name) throw missing('/body/name', 'A calendar needs a name (or a preset).');
    if (!timeZone) throw missing('/body/timeZone', 'A calendar needs an IANA time zone (or a preset).');
    if (!week) throw missing('/body/week', 'A calendar needs its week hours (or a preset).');
    assertValidCalendar({ timeZone, week, days: new Map(days.map((d) => [d.day, d.override])) });
    const calendar: StoredCalendar = {
      id: newId('cal', now),
      name,
      timeZone,
      week,
      preset: input.preset ?? null,
      createdAt: now,
      updatedAt: now,
    };
    await store.write(async ({ calendars }) => {
      await calendars.insertCalendar(calendar);
      await calendars.putDays(calendar.id, days);
      await calendars.appendEvent({
        type: 'calendar.created',
        subjectType: 'calendar',
        subjectId: calendar.id,
        actorId: actorId(ctx.actor),
        requestId: ctx.requestId,
        payload: { name, timeZone, preset: calendar.preset, years: input.years ?? null, days: days.length },
        occurredAt: now,
      });
    });
    return changed({ calendar, days, notes });
  };

  const updateCalendar = async (ctx: Context, id: string, input: UpdateCalendarBody): Promise<StoredCalendar> => {
    requirePermission(ctx.actor, 'config:manage');
    const now = clock.now();
    const name = input.name?.trim();
    if (input.name !== undefined && !name) throw missing('/body/name', 'must not be blank');
    const result = await store.write(async (port) => {
      const current = await loadOrThrow(port, id);
      const week = (input.week as WorkingInterval[][] | undefined) ?? current.week;
      assertValidCalendar({ timeZone: current.timeZone, week, days: new Map() });
      await port.calendars.updateCalendar(id, { name, week: input.week ? week : undefined, updatedAt: now });
      await port.calendars.appendEvent({
        type: 'calendar.updated',
        subjectType: 'calendar',
        subjectId: id,
        actorId: actorId(ctx.actor),
        requestId: ctx.requestId,
        payload: { changes: { ...(name ? { name } : {}), ...(input.week ? { week } : {}) } },
        occurredAt: now,
      });
      return { ...current, name: name ?? current.name, week, updatedAt: now };
    });
    return changed(result);
  };

  const requireDay = (day: string): string => {
    if (!parseLocalDate(day)) throw missing('/params/day', 'A day must be a real YYYY-MM-DD date.');
    return day;
  };

  /** Sets one date by hand: a holiday, or a working day (its own hours, or the usual weekday hours). */
  const putDay = async (ctx: Context, id: string, dayText: string, input: PutCalendarDayBody): Promise<CalendarDay> => {
    requirePermission(ctx.actor, 'config:manage');
    const day = requireDay(dayText);
    const name = input.name.trim();
    if (!name) throw missing('/body/name', 'must not be blank');
    const override: DayOverride =
      input.kind === 'holiday'
        ? { kind: 'holiday', name }
        : { kind: 'working', name, hours: (input.hours as WorkingInterval[] | null | undefined) ?? null };
    if (input.kind === 'holiday' && input.hours) throw missing('/body/hours', 'A holiday has no working hours.');
    const now = clock.now();
    const entry: CalendarDay = { day, override, source: 'manual' };
    await store.write(async (port) => {
      const current = await loadOrThrow(port, id);
      assertValidCalendar({ timeZone: current.timeZone, week: current.week, days: new Map([[day, override]]) });
      await port.calendars.putDays(id, [entry]);
      await port.calendars.updateCalendar(id, { updatedAt: now });
      await port.calendars.appendEvent({
        type: 'calendar.updated',
        subjectType: 'calendar',
        subjectId: id,
        actorId: actorId(ctx.actor),
        requestId: ctx.requestId,
        payload: { day, kind: override.kind, name, hours: override.kind === 'working' ? override.hours : null },
        occurredAt: now,
      });
    });
    return changed(entry);
  };

  const deleteDay = async (ctx: Context, id: string, dayText: string): Promise<void> => {
    requirePermission(ctx.actor, 'config:manage');
    const day = requireDay(dayText);
    const now = clock.now();
    await store.write(async (port) => {
      await loadOrThrow(port, id);
      if (!(await port.calendars.deleteDay(id, day))) {
        throw new AppError(ErrorCode.NotFound, 'That day has no override in this calendar');
      }
      await port.calendars.updateCalendar(id, { updatedAt: now });
      await port.calendars.appendEvent({
        type: 'calendar.updated',
        subjectType: 'calendar',
        subjectId: id,
        actorId: actorId(ctx.actor),
        requestId: ctx.requestId,
        payload: { day, removed: true },
        occurredAt: now,
      });
    });
    changed(undefined);
  };

  /**
   * Imports the all-day events of an iCalendar feed as holidays. Days set by hand (`manual`) win
   * and are left alone; preset or earlier imported days on the same dates are replaced.
   */
  const importIcal = async (ctx: Context, id: string, input: ImportIcalBody): Promise<IcalImportReport> => {
    requirePermission(ctx.actor, 'config:manage');
    const now = clock.now();
    const fromYear = input.fromYear ?? now.getUTCFullYear();
    const toYear = input.toYear ?? fromYear + 2;
    if (toYear < fromYear || toYear - fromYear >= MAX_IMPORT_YEARS) {
      throw missing('/body/toYear', `toYear must be fromYear to fromYear + ${MAX_IMPORT_YEARS - 1}.`);
    }
    await loadOrThrow(store.read, id);
    const feed = parseHolidayFeed(input.ics, { fromYear, toYear });
    if (feed.holidays.length > MAX_IMPORTED_DAYS) {
      throw missing(
        '/body/ics',
        `The feed has ${feed.holidays.length} holiday dates; at most ${MAX_IMPORTED_DAYS} are imported at once.`,
      );
    }
    const report = await store.write(async (port) => {
      await loadOrThrow(port, id);
      const manual = new Set(
        (await port.calendars.listDays(id)).filter((d) => d.source === 'manual').map((d) => d.day),
      );
      const entries: CalendarDay[] = feed.holidays
        .filter((h) => !manual.has(h.day))
        .map((h) => ({ day: h.day, override: { kind: 'holiday', name: h.name }, source: 'ical' }));
      await port.calendars.putDays(id, entries);
      await port.calendars.updateCalendar(id, { updatedAt: now });
      const result = {
        imported: entries.length,
        keptManual: feed.holidays.length - entries.length,
        skipped: feed.skipped,
      };
      await port.calendars.appendEvent({
        type: 'calendar.days_imported',
        subjectType: 'calendar',
        subjectId: id,
        actorId: actorId(ctx.actor),
        requestId: ctx.requestId,
        payload: {
          source: 'ical',
          imported: result.imported,
          keptManual: result.keptManual,
          skipped: feed.skipped.length,
          fromYear,
          toYear,
        },
        occurredAt: now,
      });
      return result;
    });
    return changed(report);
  };

  /** The due time the maths gives for a start and an amount: a preview for administrators. */
  const previewDue = async (ctx: Context, id: string, query: DuePreviewQuery): Promise<DuePreview> => {
    requirePermission(ctx.actor, 'config:read');
    const start = new Date(query.start);
    if (Number.isNaN(start.getTime())) throw missing('/querystring/start', 'must be an ISO date-time');
    const unit: TargetUnit = query.unit ?? 'working_minutes';
    const amount = query.amount ?? query.minutes ?? 0;
    if (query.minutes !== undefined && query.amount !== undefined) {
      throw missing('/querystring/amount', 'Give either minutes or unit and amount, not both.');
    }
    if (amount > TargetMaxAmounts[unit]) {
      throw missing('/querystring/amount', `At most ${TargetMaxAmounts[unit]} ${unit}.`);
    }
    const { calendar, days } = await getCalendar(ctx, id);
    const cal = toBusinessCalendar(calendar, days);
    const dueAt = dueFor(start, { unit, amount }, cal);
    return {
      start,
      unit,
      amount,
      dueAt,
      dueAtLocal: formatInZone(dueAt, cal),
      startIsWorking: isWorkingInstant(start, cal),
      workingMinutes: workingMinutesBetween(start, dueAt, cal),
    };
  };

  return { listCalendars, getCalendar, createCalendar, updateCalendar, putDay, deleteDay, importIcal, previewDue };
};

export type CalendarService = ReturnType<typeof createCalendarService>;
