import { Locales, type Locale } from '@redress/contract';
import { formatTime } from '../../shared/format-time.ts';

/**
 * The honest update a promise at risk calls for (articles 000, 001): sent BEFORE the due time,
 * it says plainly that the thing is not done yet, what is still being checked, and the new time
 * by which the customer will hear back — "我們正在查，定時跟您回報進度". No ritual apology, no
 * "the relevant department", no excuse: a fact, a reason, a time.
 */

export interface HonestUpdateInput {
  /** Whom the promise was made to, as they are addressed. */
  readonly name: string;
  /** What was promised, in the words used. */
  readonly promise: string;
  /** The original due time (UTC). */
  readonly dueAt: Date;
  /** The new time by which they will hear back (UTC). */
  readonly newTime: Date;
  /** True when an internal check the promise depends on is still open. */
  readonly waitingOnInternalCheck: boolean;
  /** The site's IANA time zone: times are written in it. */
  readonly timeZone: string;
}

interface Catalogue {
  readonly checking: string;
  readonly waiting: string;
  readonly text: (v: { name: string; promise: string; due: string; checking: string; next: string }) => string;
}

/** Plain typed catalogue, one entry per supported language. */
const CATALOGUE: Readonly<Record<Locale, Catalogue>> = {
  en: {
    checking: 'we are still working on it',
    waiting: 'we are still checking it with the team it depends on, and their answer is not in yet',
    text: (v) =>
      `Dear ${v.name}, an update on what we promised you: "${v.promise}" by ${v.due}. ` +
      `It is not done yet — ${v.checking}. ` +
      `We will update you by ${v.next}, even if it is not finished by then.`,
  },
  'zh-TW': {
    checking: '我們還在處理中',
    waiting: '我們還在向負責的內部單位確認，對方的結果尚未回覆',
    text: (v) =>
      `${v.name}您好，向您說明我們答應您的「${v.promise}」（原定 ${v.due}）目前的進度：` +
      `還沒有完成，${v.checking}。` +
      `我們會在 ${v.next} 前再向您回報，即使屆時尚未完成，也會告訴您最新情況。`,
  },
  'zh-CN': {
    checking: '我们还在处理中',
    waiting: '我们还在向负责的内部部门确认，对方的结果还没有回复',
    text: (v) =>
      `${v.name}您好，向您说明我们答应您的“${v.promise}”（原定 ${v.due}）目前的进度：` +
      `还没有完成，${v.checking}。` +
      `我们会在 ${v.next} 前再向您汇报，即使届时还没完成，也会告诉您最新情况。`,
  },
  th: {
    checking: 'เรายังดำเนินการอยู่',
    waiting: 'เรายังตรวจสอบกับทีมที่เกี่ยวข้องภายในอยู่ และยังไม่ได้รับคำตอบ',
    text: (v) =>
      `เรียนคุณ${v.name} ขอแจ้งความคืบหน้าเรื่องที่เราสัญญาไว้ว่า "${v.promise}" ภายใน ${v.due} ` +
      `ขณะนี้ยังไม่เสร็จ ${v.checking} ` +
      `เราจะแจ้งความคืบหน้าให้คุณทราบภายใน ${v.next} แม้ว่าถึงตอนนั้นจะยังไม่เสร็จก็ตาม`,
  },
};

/** Narrows a stored language to a supported one; English when unknown. */
export const supportedLanguage = (language: string | null | undefined): Locale =>
  (Locales as readonly string[]).includes(language ?? '') ? (language as Locale) : 'en';

/**
 * Drafts the honest update in `language`, times in the site's zone written as staff see them in
 * notifications (`formatTime`). The owner edits and sends it.
 */
export const draftHonestUpdate = (input: HonestUpdateInput, language: Locale): string => {
  const entry = CATALOGUE[language];
  return entry.text({
    name: input.name,
    promise: input.promise,
    due: formatTime(input.dueAt, language, input.timeZone) ?? '',
    checking: input.waitingOnInternalCheck ? entry.waiting : entry.checking,
    next: formatTime(input.newTime, language, input.timeZone) ?? '',
  });
};
