import { Type, type Static } from 'typebox';
import { Nullable } from './nullable.ts';
import { CaseChannels, CaseStatuses, Severities } from './cases.ts';

/*
 * Business calendars and service policies: the working time due times are counted in, and the
 * promises (targets) an organisation makes about each kind of complaint.
 */

const Id = Type.String({ minLength: 3, maxLength: 64, pattern: '^[a-z]+_[0-9A-Za-z]+$' });
const DateTime = Type.String({ format: 'date-time' });
const Name = Type.String({ minLength: 1, maxLength: 200 });
const LocalDay = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'A local date, YYYY-MM-DD.' });

/** Country presets a calendar can be generated from. */
export const CalendarPresetCodes = ['TW', 'CN', 'HK', 'TH', 'GB', 'US'] as const;
export type CalendarPresetCode = (typeof CalendarPresetCodes)[number];

export const CalendarDayKinds = ['holiday', 'working'] as const;
export type CalendarDayKind = (typeof CalendarDayKinds)[number];

/** Where a calendar day came from: generated with a preset, imported from iCal, or set by hand. */
export const CalendarDaySources = ['preset', 'ical', 'manual'] as const;
export type CalendarDaySource = (typeof CalendarDaySources)[number];

/** `[start, end)` in minutes after local midnight; `[540, 720]` is 09:00–12:00. */
export const WorkingIntervalSchema = Type.Array(Type.Integer({ minimum: 0, maximum: 1440 }), {
  minItems: 2,
  maxItems: 2,
  description: '[start, end) in minutes after local midnight, e.g. [540, 720] for 09:00–12:00.',
});
const DayHours = Type.Array(WorkingIntervalSchema, { maxItems: 12 });

/** Seven lists of working intervals, Monday first. */
export const WeekHoursSchema = Type.Array(DayHours, {
  minItems: 7,
  maxItems: 7,
  description: 'Working intervals of each weekday, Monday first; sorted and not overlapping.',
});

export const CalendarDayDto = Type.Object({
  day: LocalDay,
  kind: Type.Enum(CalendarDayKinds),
  name: Type.String(),
  hours: Nullable(DayHours),
  source: Type.Enum(CalendarDaySources),
});
export type CalendarDayDto = Static<typeof CalendarDayDto>;

export const CalendarDto = Type.Object({
  id: Type.String(),
  name: Type.String(),
  timeZone: Type.String({ description: 'IANA time zone, e.g. Asia/Taipei.' }),
  week: WeekHoursSchema,
  preset: Nullable(Type.String()),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type CalendarDto = Static<typeof CalendarDto>;

export const CalendarList = Type.Object({ items: Type.Array(CalendarDto) });
export type CalendarList = Static<typeof CalendarList>;

export const CalendarDetailDto = Type.Object({
  ...CalendarDto.properties,
  days: Type.Array(CalendarDayDto),
  notes: Type.Optional(Type.Array(Type.String(), { description: 'Things to check after generating from a preset.' })),
});
export type CalendarDetailDto = Static<typeof CalendarDetailDto>;

export const CalendarQuery = Type.Object(
  { year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2999, description: 'Only the days of this year.' })) },
  { additionalProperties: false },
);
export type CalendarQuery = Static<typeof CalendarQuery>;

/**
 * Either `{ preset, years }` (a country's week and holidays, editable afterwards) or a calendar by
 * hand: `{ name, timeZone, week }`.
 */
export const CreateCalendarBody = Type.Object(
  {
    preset: Type.Optional(Type.Enum(CalendarPresetCodes)),
    years: Type.Optional(
      Type.Array(Type.Integer({ minimum: 2000, maximum: 2100 }), { minItems: 1, maxItems: 10, uniqueItems: true }),
    ),
    name: Type.Optional(Name),
    timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    week: Type.Optional(WeekHoursSchema),
  },
  { additionalProperties: false },
);
export type CreateCalendarBody = Static<typeof CreateCalendarBody>;

export const UpdateCalendarBody = Type.Object(
  { name: Type.Optional(Name), week: Type.Optional(WeekHoursSchema) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateCalendarBody = Static<typeof UpdateCalendarBody>;

export const CalendarDayParams = Type.Object({ id: Id, day: LocalDay });
export type CalendarDayParams = Static<typeof CalendarDayParams>;

/** A holiday, or a working day with its own hours (`hours` null or absent: the usual weekday hours). */
export const PutCalendarDayBody = Type.Object(
  {
    kind: Type.Enum(CalendarDayKinds),
    name: Name,
    hours: Type.Optional(Nullable(DayHours)),
  },
  { additionalProperties: false },
);
export type PutCalendarDayBody = Static<typeof PutCalendarDayBody>;

/** An iCalendar (RFC 5545) holiday feed, as text inside JSON. */
export const ImportIcalBody = Type.Object(
  {
    ics: Type.String({
      minLength: 1,
      maxLength: 1_000_000,
      description: 'The feed text, BEGIN:VCALENDAR … END:VCALENDAR.',
    }),
    fromYear: Type.Optional(
      Type.Integer({ minimum: 2000, maximum: 2100, description: 'Yearly rules from this year; default this year.' }),
    ),
    toYear: Type.Optional(
      Type.Integer({
        minimum: 2000,
        maximum: 2100,
        description: 'Yearly rules up to this year; default two years on.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ImportIcalBody = Static<typeof ImportIcalBody>;

export const IcalImportResult = Type.Object({
  imported: Type.Integer({ minimum: 0, description: 'Holiday dates written.' }),
  keptManual: Type.Integer({ minimum: 0, description: 'Dates left alone because an administrator set them by hand.' }),
  skipped: Type.Array(Type.Object({ summary: Type.String(), reason: Type.String() })),
});
export type IcalImportResult = Static<typeof IcalImportResult>;

/** How a target is counted; see `TargetSchema`. */
export const TargetUnits = ['working_minutes', 'working_days', 'calendar_days'] as const;
export type TargetUnit = (typeof TargetUnits)[number];

/** The largest amount of each unit a target or preview may ask for. */
export const TargetMaxAmounts: Record<TargetUnit, number> = {
  working_minutes: 100_000,
  working_days: 366,
  calendar_days: 366,
};

export const DuePreviewQuery = Type.Object(
  {
    start: DateTime,
    minutes: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 100_000, description: 'Working minutes (default unit).' }),
    ),
    unit: Type.Optional(Type.Enum(TargetUnits)),
    amount: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  },
  { additionalProperties: false },
);
export type DuePreviewQuery = Static<typeof DuePreviewQuery>;

export const DuePreviewDto = Type.Object({
  start: DateTime,
  unit: Type.Enum(TargetUnits),
  amount: Type.Integer(),
  dueAt: DateTime,
  dueAtLocal: Type.String({ description: "The due time as wall-clock time in the calendar's zone." }),
  startIsWorking: Type.Boolean(),
  workingMinutes: Type.Number({ description: 'Working minutes between start and the due time.' }),
});
export type DuePreviewDto = Static<typeof DuePreviewDto>;

// ---- Service policies ----

/**
 * How long something may take: `working_minutes` of the calendar's working time; `working_days`
 * ending at the close of the Nth working day after the day it started; `calendar_days` on the wall
 * clock, never pausing.
 */
export const TargetSchema = Type.Object(
  {
    unit: Type.Enum(TargetUnits),
    amount: Type.Integer({ minimum: 1, maximum: 100_000 }),
  },
  { additionalProperties: false },
);
export type TargetDto = Static<typeof TargetSchema>;

export const PolicyTargetsSchema = Type.Object(
  {
    acknowledge: Type.Optional(Nullable(TargetSchema)),
    firstResponse: Type.Optional(Nullable(TargetSchema)),
    keepInLoop: Type.Optional(Nullable(TargetSchema)),
    resolve: Type.Optional(Nullable(TargetSchema)),
  },
  { additionalProperties: false },
);

export const PolicyConditionsSchema = Type.Object(
  {
    categoryIds: Type.Optional(Type.Array(Id, { maxItems: 100, uniqueItems: true })),
    severities: Type.Optional(Type.Array(Type.Enum(Severities), { uniqueItems: true })),
    channels: Type.Optional(Type.Array(Type.Enum(CaseChannels), { uniqueItems: true })),
    siteIds: Type.Optional(Type.Array(Id, { maxItems: 100, uniqueItems: true })),
    customerTiers: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 20, uniqueItems: true }),
    ),
  },
  { additionalProperties: false, description: 'An absent or empty list matches anything.' },
);

export const RegulatorySchema = Type.Object(
  {
    days: Type.Integer({ minimum: 1, maximum: 366, description: 'Calendar days from receipt; never pauses.' }),
    label: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

const PauseStatuses = Type.Array(Type.Enum(CaseStatuses), { uniqueItems: true });
const WarnPercents = Type.Array(Type.Integer({ minimum: 1, maximum: 99 }), {
  maxItems: 5,
  description: 'Warnings at these percentages of the allowed time, ascending.',
});

/** Shipped policy presets: ISO 10002, UK FCA DISP, US CFPB, China's consumer rules (12315). */
export const PolicyPresetCodes = ['iso10002', 'fca_disp', 'cfpb', 'cn_consumer'] as const;
export type PolicyPresetCode = (typeof PolicyPresetCodes)[number];

export const PolicyDto = Type.Object({
  id: Type.String(),
  name: Type.String(),
  rank: Type.Integer(),
  conditions: PolicyConditionsSchema,
  calendarId: Nullable(Type.String()),
  targets: Type.Object({
    acknowledge: Nullable(TargetSchema),
    firstResponse: Nullable(TargetSchema),
    keepInLoop: Nullable(TargetSchema),
    resolve: Nullable(TargetSchema),
  }),
  regulatory: Nullable(RegulatorySchema),
  pauseStatuses: PauseStatuses,
  warnPercents: Type.Array(Type.Integer()),
  preset: Nullable(Type.String()),
  enabled: Type.Boolean(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type PolicyDto = Static<typeof PolicyDto>;

export const PolicyList = Type.Object({ items: Type.Array(PolicyDto) });
export type PolicyList = Static<typeof PolicyList>;

const PolicyFields = {
  name: Name,
  rank: Type.Integer({ minimum: 0, maximum: 1_000_000, description: 'First match in ascending rank wins.' }),
  conditions: PolicyConditionsSchema,
  calendarId: Nullable(Id),
  targets: PolicyTargetsSchema,
  regulatory: Nullable(RegulatorySchema),
  pauseStatuses: PauseStatuses,
  warnPercents: WarnPercents,
  enabled: Type.Boolean(),
};

export const CreatePolicyBody = Type.Object(
  {
    name: PolicyFields.name,
    rank: Type.Optional(PolicyFields.rank),
    conditions: Type.Optional(PolicyFields.conditions),
    calendarId: Type.Optional(PolicyFields.calendarId),
    targets: Type.Optional(PolicyFields.targets),
    regulatory: Type.Optional(PolicyFields.regulatory),
    pauseStatuses: Type.Optional(PolicyFields.pauseStatuses),
    warnPercents: Type.Optional(PolicyFields.warnPercents),
    enabled: Type.Optional(PolicyFields.enabled),
  },
  { additionalProperties: false },
);
export type CreatePolicyBody = Static<typeof CreatePolicyBody>;

export const UpdatePolicyBody = Type.Object(
  {
    name: Type.Optional(PolicyFields.name),
    rank: Type.Optional(PolicyFields.rank),
    conditions: Type.Optional(PolicyFields.conditions),
    calendarId: Type.Optional(PolicyFields.calendarId),
    targets: Type.Optional(PolicyFields.targets),
    regulatory: Type.Optional(PolicyFields.regulatory),
    pauseStatuses: Type.Optional(PolicyFields.pauseStatuses),
    warnPercents: Type.Optional(PolicyFields.warnPercents),
    enabled: Type.Optional(PolicyFields.enabled),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdatePolicyBody = Static<typeof UpdatePolicyBody>;

export const PolicyPresetBody = Type.Object(
  {
    preset: Type.Enum(PolicyPresetCodes),
    calendarId: Nullable(Id),
    rank: Type.Optional(PolicyFields.rank),
    name: Type.Optional(Name),
  },
  { additionalProperties: false },
);
export type PolicyPresetBody = Static<typeof PolicyPresetBody>;
