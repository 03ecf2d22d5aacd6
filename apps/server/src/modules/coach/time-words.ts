/**
 * The words times are written with: counts (digits, English and Thai words, Chinese numerals, Thai
 * digits), weekdays and months in English, Chinese and Thai, as regular-expression sources for
 * folded text (lower case, Simplified Chinese) and the tables that read them.
 */

const EN_WORDS: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  'twenty-four': 24,
  'twenty four': 24,
  'forty-eight': 48,
  'forty eight': 48,
  'seventy-two': 72,
  'seventy two': 72,
};
const TH_WORDS: Readonly<Record<string, number>> = {
  หนึ่ง: 1,
  สอง: 2,
  สาม: 3,
  สี่: 4,
  ห้า: 5,
  หก: 6,
  เจ็ด: 7,
  แปด: 8,
  เก้า: 9,
  สิบ: 10,
  สิบสอง: 12,
  ยี่สิบสี่: 24,
  ครึ่ง: 0.5,
};
const CN_DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** Chinese numerals up to 99 (三, 十二, 二十四, 两); null for anything else. */
const chineseNumber = (raw: string): number | null => {
  const ten = raw.indexOf('十');
  if (ten < 0) return raw.length === 1 ? (CN_DIGITS[raw] ?? null) : null;
  const tens = ten === 0 ? 1 : (CN_DIGITS[raw.slice(0, ten)] ?? null);
  const rest = raw.slice(ten + 1);
  const ones = rest === '' ? 0 : (CN_DIGITS[rest] ?? null);
  return tens === null || ones === null || ten > 1 || rest.length > 1 ? null : tens * 10 + ones;
};

/** A count written in digits (ASCII, full-width after folding, or Thai), words, or Chinese numerals. */
export const parseCount = (raw: string | undefined): number | null => {
  if (raw === undefined) return null;
  const text = raw.trim();
  if (/^\d+$/.test(text)) return Number(text);
  if (/^[๐-๙]+$/.test(text)) return Number([...text].map((c) => (c.codePointAt(0) ?? 0) - 0x0e50).join(''));
  if (text === '半') return 0.5;
  return EN_WORDS[text] ?? TH_WORDS[text] ?? chineseNumber(text);
};

/** Regex source capturing an English count: up to three digits or a number word ("an hour" too). */
export const EN_NUM = String.raw`(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty[- ]four|forty[- ]eight|seventy[- ]two|an?)`;
/** Regex source capturing a Chinese count: digits, numerals up to three characters, or 半 (half). */
export const ZH_NUM = '(\\d{1,3}|[零〇一二两三四五六七八九十]{1,3}|半)';
/** Regex source capturing a Thai count: ASCII or Thai digits, or a Thai number word. */
export const TH_NUM = '(\\d{1,3}|[๐-๙]{1,3}|หนึ่ง|สอง|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า|สิบสอง|สิบ|ยี่สิบสี่|ครึ่ง)';

/** "by", "before" … in front of an English day or time: quoted with it, meaning the same. */
export const EN_BY = String.raw`(?:(?:by|before|until|no later than)\s+(?:the\s+end\s+of\s+)?)?`;

/** English weekday names (folded), Monday first: the index + 1 is the ISO weekday. */
export const EN_WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
/** The character after 周/星期/礼拜 and its ISO weekday (日 and 天 are Sunday). */
export const ZH_WEEKDAYS: Readonly<Record<string, number>> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };
/** Thai weekday names (after วัน) and their ISO weekday. */
export const TH_WEEKDAYS: Readonly<Record<string, number>> = {
  จันทร์: 1,
  อังคาร: 2,
  พุธ: 3,
  พฤหัสบดี: 4,
  พฤหัส: 4,
  ศุกร์: 5,
  เสาร์: 6,
  อาทิตย์: 7,
};
const EN_MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
/** Full month names and their usual abbreviations ("sept" too), longest first. */
export const EN_MONTH = `(${EN_MONTHS.join('|')}|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)`;
/** The month (1–12) of an English month name or abbreviation by its first three letters; 0 if none. */
export const monthNumber = (raw: string | undefined): number =>
  EN_MONTHS.findIndex((name) => raw !== undefined && raw.length >= 3 && name.startsWith(raw.slice(0, 3))) + 1;
/** Thai month names, January first: the index + 1 is the month. */
export const TH_MONTHS = [
  'มกราคม',
  'กุมภาพันธ์',
  'มีนาคม',
  'เมษายน',
  'พฤษภาคม',
  'มิถุนายน',
  'กรกฎาคม',
  'สิงหาคม',
  'กันยายน',
  'ตุลาคม',
  'พฤศจิกายน',
  'ธันวาคม',
];
