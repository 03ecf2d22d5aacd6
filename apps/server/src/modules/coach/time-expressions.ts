import { DateTime, IANAZone } from 'luxon';
import { foldPattern, foldText, originalSpan } from '../../shared/text/fold.ts';
import {
  EN_BY,
  EN_MONTH,
  EN_NUM,
  EN_WEEKDAYS,
  monthNumber,
  parseCount,
  TH_MONTHS,
  TH_NUM,
  TH_WEEKDAYS,
  ZH_NUM,
  ZH_WEEKDAYS,
} from './time-words.ts';

/**
 * Time expressions in a reply, in English, Chinese (either script) and Thai — "by Friday",
 * "within 2 hours", "tomorrow at 3 pm", 明天之前, 週五前, 下午三點, 三个工作日内, พรุ่งนี้,
 * ภายในวันศุกร์, ก่อน 15.00 น. — each resolved to an instant in the case's time zone. Matching runs
 * on folded text (fold.ts), so Traditional and Simplified, full-width digits and letter case are
 * one; spans are mapped back to the draft as written.
 */

/** How precise a reading is, which decides how near a commitment must be to back it. */
export type TimeGranularity = 'day' | 'time' | 'span';

/** One time expression, resolved. All instants UTC; the day and hour were read in `timeZone`. */
export interface TimeExpression {
  /** `[start, end)` in the original text, UTF-16 units. */
  readonly start: number;
  readonly end: number;
  /** The words as written. */
  readonly text: string;
  /** The latest instant the words allow: "by Friday" is Friday at the end of the working day. */
  readonly dueAt: Date;
  /** The instants a commitment's due time may fall in and still be the same promise. */
  readonly from: Date;
  readonly to: Date;
  readonly granularity: TimeGranularity;
}

/** Where a working day ends: "by Friday" is taken as Friday at 18:00 local. */
const END_OF_WORKING_DAY = 18;
/** How far either side of an exact time ("at 3 pm") a commitment may be due and still back it. */
const EXACT_SLACK_MINUTES = 60;
/** The same for a part of the day ("tonight", 明晚, เย็นนี้). */
const PART_SLACK_MINUTES = 180;

/** What one match says before it is resolved; a day and a time next to each other join. */
interface Reading {
  /** Start of the local day meant. */
  readonly day?: DateTime;
  readonly hour?: number;
  readonly minute?: number;
  readonly slackMinutes?: number;
  /** A span from now: its end, and whether the end is a whole day. */
  readonly spanEnd?: DateTime;
  readonly spanWholeDay?: boolean;
}

type Reader = (m: RegExpExecArray, now: DateTime) => Reading | null;

interface Matcher {
  readonly pattern: RegExp;
  readonly read: Reader;
}

/**
 * The day with ISO weekday `weekday` (1 = Monday): `this` week's, `next` week's, or the first one
 * from today on (today included) when unqualified.
 */
const weekdayFrom = (now: DateTime, weekday: number, which: 'this' | 'next' | null): DateTime => {
  const today = now.startOf('day');
  if (which === 'next') return today.plus({ days: 7 - today.weekday + weekday });
  if (which === 'this' && weekday >= today.weekday) return today.plus({ days: weekday - today.weekday });
  return today.plus({ days: (weekday - today.weekday + 7) % 7 });
};

/** Day `day` of month `month` (1-based), this year unless it has passed, then next year's. */
const dateFrom = (now: DateTime, month: number, day: number): DateTime | null => {
  const today = now.startOf('day');
  let date = DateTime.fromObject({ year: today.year, month, day }, { zone: now.zone });
  if (!date.isValid) return null;
  if (date < today) date = date.plus({ years: 1 });
  return date;
};

/** `count` working days (Monday to Friday) after today; no holiday calendar. */
const addWorkingDays = (now: DateTime, count: number): DateTime => {
  let day = now.startOf('day');
  for (let left = Math.ceil(count); left > 0;) {
    day = day.plus({ days: 1 });
    if (day.weekday <= 5) left -= 1;
  }
  return day;
};

/** A span of `count` units from now ("within 2 hours", 三个工作日内, ภายใน 3 วัน). */
const spanReading = (now: DateTime, count: number | null, unit: string): Reading | null => {
  if (count === null || count <= 0 || count > 365) return null;
  if (/^(min|分钟|นาที)/.test(unit)) return { spanEnd: now.plus({ minutes: count }) };
  if (/^(h|小时|钟头|ชั่วโมง|ชม)/.test(unit)) return { spanEnd: now.plus({ minutes: Math.round(count * 60) }) };
  if (/(business|working|工作|ทำการ)/.test(unit)) return { spanEnd: addWorkingDays(now, count), spanWholeDay: true };
  if (/^(week|星期|礼拜|周|สัปดาห์|อาทิตย์)/.test(unit)) {
    return { spanEnd: now.startOf('day').plus({ days: Math.round(count * 7) }), spanWholeDay: true };
  }
  return { spanEnd: now.startOf('day').plus({ days: Math.ceil(count) }), spanWholeDay: true };
};

const at = (day: DateTime, hour: number, minute = 0, slackMinutes = EXACT_SLACK_MINUTES): Reading => ({
  day,
  hour,
  minute,
  slackMinutes,
});

/** A clock time read with a 12-hour marker or a Chinese / Thai part of the day. */
const clock = (hour: number | null, minute: number | null, afternoon: boolean): Reading | null => {
  if (hour === null || hour > 24 || (minute !== null && minute > 59)) return null;
  const h = afternoon && hour < 12 ? hour + 12 : hour;
  return { hour: h % 24, minute: minute ?? 0, slackMinutes: EXACT_SLACK_MINUTES };
};

const m = (source: string, read: Reader): Matcher => ({ pattern: new RegExp(foldPattern(source), 'gu'), read });

/** Every pattern, English, Chinese and Thai alike; the longest match at a place wins. */
const MATCHERS: readonly Matcher[] = [
  // English
  m(
    `\\b(?:within|in|in the next|over the next)\\s+(?:the\\s+next\\s+)?${EN_NUM}\\s+(business\\s+days?|working\\s+days?|minutes?|mins?|hours?|hrs?|days?|weeks?)\\b`,
    (x, now) => spanReading(now, parseCount(x[1]), x[2] ?? ''),
  ),
  m(
    String.raw`\b${EN_BY}(today|tonight|this morning|this afternoon|this evening|end of (?:the )?day|eod)\b`,
    (x, now) => {
      const today = now.startOf('day');
      const word = x[1] ?? '';
      if (word === 'tonight' || word === 'this evening') return at(today, 21, 0, PART_SLACK_MINUTES);
      if (word === 'this morning') return at(today, 12, 0, PART_SLACK_MINUTES);
      if (word === 'this afternoon') return at(today, 17, 0, PART_SLACK_MINUTES);
      return { day: today };
    },
  ),
  m(String.raw`\b${EN_BY}(the day after tomorrow|tomorrow)(?:\s+(morning|afternoon|evening|night))?\b`, (x, now) => {
    const day = now.startOf('day').plus({ days: x[1] === 'tomorrow' ? 1 : 2 });
    const part = x[2];
    if (!part) return { day };
    return at(day, part === 'morning' ? 12 : part === 'afternoon' ? 17 : 21, 0, PART_SLACK_MINUTES);
  }),
  m(String.raw`\b(?:by\s+)?(?:the\s+)?end of (?:the |this )?week\b`, (_x, now) => ({
    day: weekdayFrom(now, 5, 'this'),
  })),
  m(String.raw`\b${EN_BY}(?:(this|next|coming)\s+)?(${EN_WEEKDAYS.join('|')})\b`, (x, now) => ({
    day: weekdayFrom(now, EN_WEEKDAYS.indexOf(x[2] ?? '') + 1, x[1] === 'next' ? 'next' : x[1] ? 'this' : null),
  })),
  m(String.raw`\b${EN_BY}(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?${EN_MONTH}\b`, (x, now) => {
    const day = dateFrom(now, monthNumber(x[2]), Number(x[1]));
    return day ? { day } : null;
  }),
  m(String.raw`\b${EN_BY}${EN_MONTH}\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b`, (x, now) => {
    const day = dateFrom(now, monthNumber(x[1]), Number(x[2]));
    return day ? { day } : null;
  }),
  m(String.raw`\b${EN_BY}(\d{1,2})(?::(\d{2}))?\s*([ap])(?:\.m\.?|m\b)`, (x) =>
    Number(x[1]) > 12 ? null : clock(Number(x[1]) % 12, x[2] ? Number(x[2]) : null, x[3] === 'p'),
  ),
  m(String.raw`\b${EN_BY}(\d{1,2}):(\d{2})\b`, (x) => clock(Number(x[1]), Number(x[2]), false)),
  m(String.raw`\b${EN_BY}(noon|midday)\b`, () => clock(12, 0, false)),
  m(`\\b${EN_NUM}\\s+o['’]?clock\\b`, (x) => clock(parseCount(x[1]), 0, false)),
  // Chinese (patterns are folded: Traditional in a draft matches them too)
  m(`(?:在\\s*)?${ZH_NUM}\\s*个?\\s*(小时|钟头|分钟|工作日|工作天|天|星期|礼拜|周)\\s*(?:之内|以内|内)`, (x, now) =>
    spanReading(now, parseCount(x[1]), x[2] ?? ''),
  ),
  m('(大后天|后天|今天|今日|明天|明日|今晚|明晚|明早|今早|今天下班|本周内|这周内|周末)(?:之前|以前|前)?', (x, now) => {
    const today = now.startOf('day');
    switch (x[1]) {
      case '今晚':
        return at(today, 21, 0, PART_SLACK_MINUTES);
      case '明晚':
        return at(today.plus({ days: 1 }), 21, 0, PART_SLACK_MINUTES);
      case '明早':
        return at(today.plus({ days: 1 }), 12, 0, PART_SLACK_MINUTES);
      case '今早':
        return at(today, 12, 0, PART_SLACK_MINUTES);
      case '明天':
      case '明日':
        return { day: today.plus({ days: 1 }) };
      case '后天':
        return { day: today.plus({ days: 2 }) };
      case '大后天':
        return { day: today.plus({ days: 3 }) };
      case '本周内':
      case '这周内':
        return { day: weekdayFrom(now, 5, 'this') };
      case '周末':
        return { day: weekdayFrom(now, 7, 'this') };
      default:
        return { day: today };
    }
  }),
  m('(下个?|这个?|本)?\\s*(?:星期|礼拜|周)\\s*([一二三四五六日天1-7])(?:之前|以前|前)?', (x, now) => {
    const raw = x[2] ?? '';
    const weekday = /\d/.test(raw) ? Number(raw) : (ZH_WEEKDAYS[raw] ?? 0);
    if (weekday < 1) return null;
    const which = x[1]?.startsWith('下') ? 'next' : x[1] ? 'this' : null;
    return { day: weekdayFrom(now, weekday, which) };
  }),
  m(`${ZH_NUM}\\s*月\\s*${ZH_NUM}\\s*(?:日|号)(?:之前|以前|前)?`, (x, now) => {
    const month = parseCount(x[1]);
    const day = parseCount(x[2]);
    const date = month && day ? dateFrom(now, month, day) : null;
    return date ? { day: date } : null;
  }),
  m(
    `(上午|下午|中午|晚上|早上|傍晚|凌晨)?\\s*${ZH_NUM}\\s*(?:点|时)(钟)?(?:\\s*(半|${ZH_NUM.slice(1, -1)})\\s*分?)?(?:之前|以前|前)?`,
    (x) => {
      const part = x[1];
      const raw = x[2] ?? '';
      // 一点 alone is "a little" (快一点), not one o'clock.
      if (!part && raw === '一' && !x[3] && !x[4] && !/前$/.test(x[0])) return null;
      const hour = parseCount(raw);
      if (hour === null || hour !== Math.floor(hour)) return null;
      const minute = x[4] === '半' ? 30 : x[4] ? parseCount(x[4]) : null;
      const afternoon = part === '下午' || part === '晚上' || part === '傍晚' || (part === '中午' && hour < 3);
      return clock(hour, minute, afternoon);
    },
  ),
  // Thai
  m(`(?:ภายใน|ใน)\\s*${TH_NUM}\\s*(ชั่วโมง|ชม\\.?|นาที|วันทำการ|วัน|สัปดาห์|อาทิตย์)`, (x, now) =>
    spanReading(now, parseCount(x[1]), x[2] ?? ''),
  ),
  m('(?:ภายใน|ก่อน)?\\s*(?:วัน)?(มะรืนนี้|มะรืน|พรุ่งนี้|วันนี้|คืนนี้|เย็นนี้|บ่ายนี้|เช้านี้|สัปดาห์นี้)(เช้า|บ่าย|เย็น)?', (x, now) => {
    const today = now.startOf('day');
    const word = x[1] ?? '';
    const day = word === 'พรุ่งนี้' ? today.plus({ days: 1 }) : word.startsWith('มะรืน') ? today.plus({ days: 2 }) : today;
    if (word === 'สัปดาห์นี้') return { day: weekdayFrom(now, 5, 'this') };
    if (word === 'คืนนี้') return at(day, 21, 0, PART_SLACK_MINUTES);
    if (word === 'เย็นนี้' || x[2] === 'เย็น') return at(day, 19, 0, PART_SLACK_MINUTES);
    if (word === 'บ่ายนี้' || x[2] === 'บ่าย') return at(day, 17, 0, PART_SLACK_MINUTES);
    if (word === 'เช้านี้' || x[2] === 'เช้า') return at(day, 12, 0, PART_SLACK_MINUTES);
    return { day };
  }),
  m(`(?:ภายใน|ก่อน)?\\s*วัน(${Object.keys(TH_WEEKDAYS).join('|')})(?:\\s*(หน้า|นี้))?`, (x, now) => ({
    day: weekdayFrom(now, TH_WEEKDAYS[x[1] ?? ''] ?? 1, x[2] === 'หน้า' ? 'next' : x[2] ? 'this' : null),
  })),
  m(`(?:ภายใน|ก่อน)?\\s*วันที่\\s*(\\d{1,2}|[๐-๙]{1,2})(?:\\s*(${TH_MONTHS.join('|')}))?`, (x, now) => {
    const dayOfMonth = parseCount(x[1]);
    if (!dayOfMonth) return null;
    if (x[2]) {
      const date = dateFrom(now, TH_MONTHS.indexOf(x[2]) + 1, dayOfMonth);
      return date ? { day: date } : null;
    }
    // "วันที่ 3" without a month is this month's 3rd, or next month's when it has passed.
    const today = now.startOf('day');
    let date = DateTime.fromObject({ year: today.year, month: today.month, day: dayOfMonth }, { zone: now.zone });
    if (date.isValid && date < today) {
      const next = today.plus({ months: 1 });
      date = DateTime.fromObject({ year: next.year, month: next.month, day: dayOfMonth }, { zone: now.zone });
    }
    return date.isValid ? { day: date } : null;
  }),
  m(`(?:ก่อน|ภายใน|เวลา)?\\s*(\\d{1,2}|[๐-๙]{1,2})[.:](\\d{2}|[๐-๙]{2})\\s*(?:นาฬิกา|น\\.|น(?=\\s|$))`, (x) =>
    clock(parseCount(x[1]), parseCount(x[2]), false),
  ),
  m(`(?:ก่อน|ภายใน|ตอน)?\\s*บ่าย\\s*${TH_NUM}?\\s*โมง(ครึ่ง)?`, (x) =>
    clock(12 + (x[1] ? (parseCount(x[1]) ?? 1) : 1), x[2] ? 30 : 0, false),
  ),
  m(`(?:ก่อน|ภายใน|ตอน)?\\s*${TH_NUM}\\s*โมง(ครึ่ง)?\\s*(เช้า|เย็น)`, (x) =>
    clock(parseCount(x[1]), x[2] ? 30 : 0, x[3] === 'เย็น'),
  ),
  m(`(?:ก่อน|ภายใน|ตอน)?\\s*${TH_NUM}\\s*ทุ่ม`, (x) => {
    const hour = parseCount(x[1]);
    return hour === null ? null : clock(18 + hour, 0, false);
  }),
  m('(?:ก่อน|ภายใน|ตอน)?\\s*เที่ยง(?:วัน)?', () => clock(12, 0, false)),
];

/** What may stand between a day and a time that belong together ("Friday at 3 pm", 明天下午三点). */
const JOINER = new RegExp(
  foldPattern('^[\\s,，、]*(?:at|by|before|around|on|,|的|เวลา|ก่อน|ตอน|ภายใน)?[\\s,，、]*$'),
  'u',
);

interface Hit {
  start: number;
  end: number;
  reading: Reading;
}

/** Day and time readings side by side become one reading. */
const joinable = (a: Reading, b: Reading): boolean =>
  (a.day !== undefined && a.hour === undefined && b.day === undefined && b.hour !== undefined) ||
  (b.day !== undefined && b.hour === undefined && a.day === undefined && a.hour !== undefined);

const resolve = (
  reading: Reading,
  now: DateTime,
): Pick<TimeExpression, 'dueAt' | 'from' | 'to' | 'granularity'> | null => {
  if (reading.spanEnd) {
    const end = reading.spanWholeDay ? reading.spanEnd.set({ hour: END_OF_WORKING_DAY }) : reading.spanEnd;
    const to = reading.spanWholeDay ? reading.spanEnd.endOf('day') : end.plus({ minutes: EXACT_SLACK_MINUTES });
    return { dueAt: end.toJSDate(), from: now.toJSDate(), to: to.toJSDate(), granularity: 'span' };
  }
  if (reading.hour !== undefined) {
    let due = (reading.day ?? now.startOf('day')).set({ hour: reading.hour, minute: reading.minute ?? 0 });
    // A bare time ("by 3 pm") that has passed today means tomorrow.
    if (reading.day === undefined && due <= now) due = due.plus({ days: 1 });
    const slack = reading.slackMinutes ?? EXACT_SLACK_MINUTES;
    return {
      dueAt: due.toJSDate(),
      from: due.minus({ minutes: slack }).toJSDate(),
      to: due.plus({ minutes: slack }).toJSDate(),
      granularity: 'time',
    };
  }
  if (!reading.day) return null;
  let due = reading.day.set({ hour: END_OF_WORKING_DAY });
  if (due <= now) due = reading.day.endOf('day');
  return {
    dueAt: due.toJSDate(),
    from: reading.day.startOf('day').toJSDate(),
    to: reading.day.endOf('day').toJSDate(),
    granularity: 'day',
  };
};

/** `timeZone` when luxon knows it, else UTC (a case without a site has no zone of its own). */
export const zoneOrUtc = (timeZone: string | null | undefined): string =>
  timeZone && IANAZone.isValidZone(timeZone) ? timeZone : 'UTC';

/**
 * How many time expressions a text yields at most. A reply promises a handful; a pasted or hostile
 * text with thousands ("明天之前" repeated) would otherwise cost a calendar resolution each.
 */
export const MAX_TIME_EXPRESSIONS = 50;

/** Matches read per pattern before the scan stops: enough for the first expressions whatever overlaps. */
const MAX_MATCHES_PER_PATTERN = MAX_TIME_EXPRESSIONS * 4;

/**
 * The time expressions in `text`, in order — the first `MAX_TIME_EXPRESSIONS` of them — resolved
 * against `now` in `timeZone` (IANA). Where matches overlap the longest wins; a day next to a time
 * ("tomorrow at 3 pm", 明天下午三点) is one expression. Expressions that resolve to nothing
 * (31 February) are left out.
 */
export const findTimeExpressions = (text: string, now: Date, timeZone: string): TimeExpression[] => {
  const zone = zoneOrUtc(timeZone);
  const local = DateTime.fromJSDate(now, { zone });
  const folded = foldText(text);
  const candidates: Hit[] = [];
  // Where a pattern stopped reading early: past it, matches of the other patterns have no rival
  // from that one, so only candidates before the earliest such point are judged.
  let horizon = Number.POSITIVE_INFINITY;
  for (const { pattern, read } of MATCHERS) {
    pattern.lastIndex = 0;
    let matches = 0;
    for (let x = pattern.exec(folded.text); x !== null; x = pattern.exec(folded.text)) {
      if (x[0].length === 0) {
        pattern.lastIndex += 1;
        continue;
      }
      // Leading spaces a pattern may take in belong to no expression.
      const lead = x[0].length - x[0].trimStart().length;
      const reading = read(x, local);
      if (reading) candidates.push({ start: x.index + lead, end: x.index + x[0].trimEnd().length, reading });
      matches += 1;
      if (matches >= MAX_MATCHES_PER_PATTERN) {
        horizon = Math.min(horizon, x.index);
        break;
      }
    }
  }
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Hit[] = [];
  for (const hit of candidates) {
    if (hit.start >= horizon || kept.length > MAX_TIME_EXPRESSIONS) break;
    const last = kept.at(-1);
    if (last && hit.start < last.end) continue;
    if (last && joinable(last.reading, hit.reading) && JOINER.test(folded.text.slice(last.end, hit.start))) {
      const day = last.reading.day ?? hit.reading.day;
      const time = last.reading.hour !== undefined ? last.reading : hit.reading;
      kept[kept.length - 1] = { start: last.start, end: hit.end, reading: { ...time, day } };
      continue;
    }
    kept.push({ ...hit });
  }
  const found: TimeExpression[] = [];
  // One more than the limit may have been kept, so the last could still take a time joined to it.
  for (const hit of kept.slice(0, MAX_TIME_EXPRESSIONS)) {
    const resolved = resolve(hit.reading, local);
    if (!resolved) continue;
    const span = originalSpan(folded, hit.start, hit.end);
    found.push({ ...span, text: text.slice(span.start, span.end), ...resolved });
  }
  return found;
};
