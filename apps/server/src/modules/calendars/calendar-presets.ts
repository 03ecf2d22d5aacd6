import Holidays from 'date-holidays';
import type { CalendarPresetCode } from '@redress/contract';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import { addLocalDays, formatLocalDate, parseLocalDate } from './business-time.ts';
import type { DayOverride, WorkingInterval } from './calendar.ts';

/**
 * Calendar presets: a country's usual office week and its public holidays for some years,
 * generated from the `date-holidays` package and corrected by the tables below where the
 * package does not follow the official schedule. A preset only seeds a calendar: its days are
 * stored as ordinary rows (source `preset`) that an administrator edits afterwards.
 */

export { CalendarPresetCodes, type CalendarPresetCode } from '@redress/contract';

/** A preset's years: at most this many, each within `PRESET_YEAR_MIN..PRESET_YEAR_MAX`. */
export const PRESET_MAX_YEARS = 10;
export const PRESET_YEAR_MIN = 2000;
export const PRESET_YEAR_MAX = 2100;

// Asian offices commonly break for lunch 12:00–13:00; British and American ones work 09:00–17:30.
const ASIA_WEEK: WorkingInterval[][] = [
  ...Array.from({ length: 5 }, (): WorkingInterval[] => [
    [540, 720],
    [780, 1080],
  ]),
  [],
  [],
];
const WEST_WEEK: WorkingInterval[][] = [...Array.from({ length: 5 }, (): WorkingInterval[] => [[540, 1050]]), [], []];

interface PresetSpec {
  readonly name: string;
  readonly country: string;
  /** date-holidays region: GB's bank holidays differ by nation; England and Wales is the default. */
  readonly region?: string;
  readonly timeZone: string;
  /** The language of holiday names (date-holidays code). */
  readonly language: string;
  readonly week: WorkingInterval[][];
}

const PRESETS: Record<CalendarPresetCode, PresetSpec> = {
  TW: { name: '台灣 辦公日曆', country: 'TW', timeZone: 'Asia/Taipei', language: 'zh', week: ASIA_WEEK },
  CN: { name: '中国大陆 工作日历', country: 'CN', timeZone: 'Asia/Shanghai', language: 'zh', week: ASIA_WEEK },
  HK: { name: '香港 辦公日曆', country: 'HK', timeZone: 'Asia/Hong_Kong', language: 'zh', week: ASIA_WEEK },
  TH: { name: 'ปฏิทินทำงาน ประเทศไทย', country: 'TH', timeZone: 'Asia/Bangkok', language: 'th', week: ASIA_WEEK },
  GB: {
    name: 'England and Wales working calendar',
    country: 'GB',
    region: 'ENG',
    timeZone: 'Europe/London',
    language: 'en',
    week: WEST_WEEK,
  },
  US: {
    name: 'US federal working calendar',
    country: 'US',
    timeZone: 'America/New_York',
    language: 'en',
    week: WEST_WEEK,
  },
};

/**
 * Official schedules for years where date-holidays is not enough.
 *
 * Mainland China: the State Council General Office publishes each year's "notice on the
 * arrangement of some holidays" (国务院办公厅关于YYYY年部分节假日安排的通知), which moves weekend
 * days to make bridges (调休): the statutory days date-holidays knows are only part of each break,
 * and the make-up working Saturdays/Sundays (上班) are in no library. 2025: 国办发明电〔2024〕12号
 * (12 November 2024); 2026: notice of 4 November 2025. For these years the table replaces
 * date-holidays entirely (`complete`).
 *
 * Taiwan: the Directorate-General of Personnel Administration (行政院人事行政總處) publishes the
 * government office calendar (政府行政機關辦公日曆表). The 2025 amendment of the 紀念日及節日實施條例
 * (promulgated 28 May 2025) added Labour Day for everyone, 小年夜, 9/28, 10/25 and 12/25; a holiday
 * on a Saturday is observed the Friday before, on a Sunday the Monday after. 2026 is the
 * published 115年 calendar (no make-up working days); 2025 corrects date-holidays with the revised
 * 114年 calendar (the 27 January bridge and its 8 February make-up Saturday, the observed days).
 *
 * A later year not listed here falls back to date-holidays, and the preset says so in its notes:
 * an administrator adds that year's make-up days by hand (or by iCal import) once announced.
 */
interface OfficialYear {
  /** True: these are all the year's days off; false: they correct date-holidays. */
  readonly complete: boolean;
  /** `[from, to?, name]`: holidays, inclusive ranges of local dates. */
  readonly holidays: readonly (readonly [string, string | null, string])[];
  /** `[date, name]`: make-up working days, with the usual weekday hours. */
  readonly working: readonly (readonly [string, string])[];
}

const OFFICIAL: Partial<Record<CalendarPresetCode, Record<number, OfficialYear>>> = {
  CN: {
    2025: {
      complete: true,
      holidays: [
        ['2025-01-01', null, '元旦'],
        ['2025-01-28', '2025-02-04', '春节'],
        ['2025-04-04', '2025-04-06', '清明节'],
        ['2025-05-01', '2025-05-05', '劳动节'],
        ['2025-05-31', '2025-06-02', '端午节'],
        ['2025-10-01', '2025-10-08', '国庆节、中秋节'],
      ],
      working: [
        ['2025-01-26', '春节调休上班'],
        ['2025-02-08', '春节调休上班'],
        ['2025-04-27', '劳动节调休上班'],
        ['2025-09-28', '国庆节调休上班'],
        ['2025-10-11', '国庆节调休上班'],
      ],
    },
    2026: {
      complete: true,
      holidays: [
        ['2026-01-01', '2026-01-03', '元旦'],
        ['2026-02-15', '2026-02-23', '春节'],
        ['2026-04-04', '2026-04-06', '清明节'],
        ['2026-05-01', '2026-05-05', '劳动节'],
        ['2026-06-19', '2026-06-21', '端午节'],
        ['2026-09-25', '2026-09-27', '中秋节'],
        ['2026-10-01', '2026-10-07', '国庆节'],
      ],
      working: [
        ['2026-01-04', '元旦调休上班'],
        ['2026-02-14', '春节调休上班'],
        ['2026-02-28', '春节调休上班'],
        ['2026-05-09', '劳动节调休上班'],
        ['2026-09-20', '国庆节调休上班'],
        ['2026-10-10', '国庆节调休上班'],
      ],
    },
  },
  TW: {
    2025: {
      complete: false,
      holidays: [
        ['2025-01-27', null, '春節彈性放假'],
        ['2025-04-03', null, '兒童節補假'],
        ['2025-05-01', null, '勞動節'],
        ['2025-05-30', null, '端午節補假'],
        ['2025-09-29', null, '孔子誕辰紀念日補假'],
        ['2025-10-24', null, '臺灣光復暨金門古寧頭大捷紀念日補假'],
        ['2025-12-25', null, '行憲紀念日'],
      ],
      working: [['2025-02-08', '補行上班']],
    },
    2026: {
      complete: true,
      holidays: [
        ['2026-01-01', null, '中華民國開國紀念日'],
        ['2026-02-14', '2026-02-22', '春節'],
        ['2026-02-27', null, '和平紀念日補假'],
        ['2026-02-28', null, '和平紀念日'],
        ['2026-04-03', null, '兒童節補假'],
        ['2026-04-04', null, '兒童節'],
        ['2026-04-05', null, '民族掃墓節'],
        ['2026-04-06', null, '民族掃墓節補假'],
        ['2026-05-01', null, '勞動節'],
        ['2026-06-19', null, '端午節'],
        ['2026-09-25', null, '中秋節'],
        ['2026-09-28', null, '孔子誕辰紀念日'],
        ['2026-10-09', null, '國慶日補假'],
        ['2026-10-10', null, '國慶日'],
        ['2026-10-25', null, '臺灣光復暨金門古寧頭大捷紀念日'],
        ['2026-10-26', null, '臺灣光復暨金門古寧頭大捷紀念日補假'],
        ['2026-12-25', null, '行憲紀念日'],
      ],
      working: [],
    },
  },
};

/** A generated calendar, ready to store. */
export interface PresetCalendar {
  readonly preset: CalendarPresetCode;
  readonly name: string;
  readonly timeZone: string;
  readonly week: readonly (readonly WorkingInterval[])[];
  readonly days: ReadonlyMap<string, DayOverride>;
  /** What the administrator should check, e.g. a year whose make-up days are not known. */
  readonly notes: readonly string[];
}

const addHoliday = (days: Map<string, DayOverride>, day: string, name: string): void => {
  const existing = days.get(day);
  // Two holidays on one day (Taiwan's Children's Day and Tomb-Sweeping Day) keep both names.
  const merged = existing?.kind === 'holiday' && existing.name !== name ? `${existing.name} / ${name}` : name;
  days.set(day, { kind: 'holiday', name: merged });
};

/**
 * Public holidays of one year from date-holidays: full days only. Entries with a `note` are
 * holidays of a group (China's Women's Day afternoon, Youth Day, Children's Day) and entries
 * starting after midnight are half days; neither closes an office, so neither is taken.
 */
const libraryHolidays = (spec: PresetSpec, year: number, days: Map<string, DayOverride>): void => {
  const hd = spec.region
    ? new Holidays(spec.country, spec.region, { languages: [spec.language], types: ['public'] })
    : new Holidays(spec.country, { languages: [spec.language], types: ['public'] });
  for (const holiday of hd.getHolidays(year)) {
    if ((holiday as { note?: string }).note || !holiday.date.endsWith(' 00:00:00')) continue;
    const first = parseLocalDate(holiday.date.slice(0, 10));
    if (!first) continue;
    const length = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / 86_400_000));
    for (let i = 0; i < length; i += 1) addHoliday(days, formatLocalDate(addLocalDays(first, i)), holiday.name);
  }
};

const officialYear = (official: OfficialYear, days: Map<string, DayOverride>): void => {
  for (const [from, to, name] of official.holidays) {
    const start = parseLocalDate(from);
    const end = parseLocalDate(to ?? from);
    if (!start || !end) throw new Error(`Bad official holiday range ${from}..${to ?? ''}`);
    for (let day = start; formatLocalDate(day) <= formatLocalDate(end); day = addLocalDays(day, 1)) {
      addHoliday(days, formatLocalDate(day), name);
    }
  }
  for (const [day, name] of official.working) days.set(day, { kind: 'working', name, hours: null });
};

/** Checks a preset request's years: 1..10 distinct integers within 2000..2100. */
export const presetYearProblems = (years: readonly number[]): string[] => {
  const problems: string[] = [];
  if (years.length === 0 || years.length > PRESET_MAX_YEARS) {
    problems.push(`Give between 1 and ${PRESET_MAX_YEARS} years.`);
  }
  for (const year of years) {
    if (!Number.isInteger(year) || year < PRESET_YEAR_MIN || year > PRESET_YEAR_MAX) {
      problems.push(`Year ${year} is outside ${PRESET_YEAR_MIN}..${PRESET_YEAR_MAX}.`);
    }
  }
  if (new Set(years).size !== years.length) problems.push('Years must not repeat.');
  return problems;
};

/**
 * A country's calendar for some years: its usual office week, its public holidays (names in the
 * country's language where date-holidays has them) and, for mainland China and Taiwan, the
 * official make-up working days. Dates are local to the preset's zone. Throws
 * `validation_failed` for a bad list of years.
 */
export const buildPresetCalendar = (preset: CalendarPresetCode, years: readonly number[]): PresetCalendar => {
  const problems = presetYearProblems(years);
  if (problems.length > 0) {
    throw new AppError(
      ErrorCode.ValidationFailed,
      'The years of the preset are not valid.',
      problems.map((message) => ({ field: '/body/years', message })),
    );
  }
  const spec = PRESETS[preset];
  const days = new Map<string, DayOverride>();
  const notes: string[] = [];
  for (const year of [...years].sort((a, b) => a - b)) {
    const official = OFFICIAL[preset]?.[year];
    if (!official?.complete) libraryHolidays(spec, year, days);
    if (official) officialYear(official, days);
    if ((preset === 'CN' || preset === 'TW') && !official) {
      notes.push(
        `${year}: the official schedule is not built in; holidays come from date-holidays and make-up working days are missing. Add them from the government's notice.`,
      );
    }
  }
  const sorted = new Map([...days.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { preset, name: spec.name, timeZone: spec.timeZone, week: spec.week, days: sorted, notes };
};
