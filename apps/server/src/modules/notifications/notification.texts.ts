import type { Locale, NotificationKind } from '@redress/contract';
import { formatTime } from '../../shared/format-time.ts';
import { num, str } from './payload.ts';

/**
 * Notification texts in the four languages (pure; the e-mails are in notification.email.ts). Notifications store facts, not
 * sentences: the text is rendered when read, in the reader's current language, with times in the
 * case's site time zone.
 */

/** What a notification stores: the event's facts plus the case context captured when it was made. */
export type NotificationData = Readonly<Record<string, unknown>>;

export interface RenderedNotification {
  /** One line, no line breaks. */
  readonly title: string;
  readonly body: string;
}

const LOCALES: readonly Locale[] = ['en', 'zh-TW', 'zh-CN', 'th'];

/** The reader's locale, or English for anything unknown. */
export const localeOf = (value: string | null | undefined): Locale =>
  LOCALES.includes(value as Locale) ? (value as Locale) : 'en';

export type PerLocale<T> = Readonly<Record<Locale, T>>;

const CLOCK_NAMES: PerLocale<Readonly<Record<string, string>>> = {
  en: {
    acknowledge: 'acknowledgement',
    first_response: 'first response',
    keep_in_loop: 'progress update',
    resolve: 'resolution',
    regulatory: 'regulatory deadline',
    task: 'internal task',
    commitment: 'promise',
    escalation: 'escalation response',
  },
  'zh-TW': {
    acknowledge: '確認受理',
    first_response: '首次回覆',
    keep_in_loop: '進度更新',
    resolve: '結案處理',
    regulatory: '法定期限',
    task: '內部任務',
    commitment: '承諾',
    escalation: '升級回應',
  },
  'zh-CN': {
    acknowledge: '确认受理',
    first_response: '首次回复',
    keep_in_loop: '进度更新',
    resolve: '结案处理',
    regulatory: '法定期限',
    task: '内部任务',
    commitment: '承诺',
    escalation: '升级响应',
  },
  th: {
    acknowledge: 'การตอบรับเรื่อง',
    first_response: 'การตอบกลับครั้งแรก',
    keep_in_loop: 'การแจ้งความคืบหน้า',
    resolve: 'การแก้ไขปัญหา',
    regulatory: 'กำหนดเวลาตามกฎหมาย',
    task: 'งานภายใน',
    commitment: 'คำสัญญา',
    escalation: 'การตอบรับการยกระดับ',
  },
};

const REMEDY_NAMES: PerLocale<Readonly<Record<string, string>>> = {
  en: {
    refund: 'refund',
    replacement: 'replacement',
    repair: 'repair',
    voucher: 'voucher',
    money: 'compensation payment',
    goodwill: 'goodwill gesture',
  },
  'zh-TW': {
    refund: '退款',
    replacement: '換貨',
    repair: '維修',
    voucher: '禮券',
    money: '賠償金',
    goodwill: '誠意補償',
  },
  'zh-CN': {
    refund: '退款',
    replacement: '换货',
    repair: '维修',
    voucher: '礼券',
    money: '赔偿金',
    goodwill: '诚意补偿',
  },
  th: {
    refund: 'การคืนเงิน',
    replacement: 'การเปลี่ยนสินค้า',
    repair: 'การซ่อม',
    voucher: 'บัตรกำนัล',
    money: 'เงินชดเชย',
    goodwill: 'การชดเชยด้วยน้ำใจ',
  },
};

/** Words the sentences below share. */
interface Words {
  readonly theCase: string;
  readonly unknownTime: string;
  readonly higherLevel: (rank: number) => string;
  /** The promise named by its words, or — where free text is left out (e-mail) — by its case. */
  readonly thePromise: (promise: string | null, ref: string) => string;
}

interface Sentences {
  readonly words: Words;
  readonly clockWarned: (p: {
    ref: string;
    clock: string;
    due: string;
    percent: number | null;
  }) => RenderedNotification;
  readonly clockBreached: (p: { ref: string; clock: string; due: string }) => RenderedNotification;
  readonly commitmentAtRisk: (p: { ref: string; promise: string; due: string }) => RenderedNotification;
  readonly commitmentBroken: (p: { ref: string; promise: string; due: string }) => RenderedNotification;
  readonly caseEscalated: (p: { ref: string; level: string; subject: string }) => RenderedNotification;
  readonly compensationProposed: (p: { ref: string; remedy: string; level: string }) => RenderedNotification;
  readonly compensationApproved: (p: { ref: string; remedy: string }) => RenderedNotification;
  readonly compensationRejected: (p: { ref: string; remedy: string; note: string | null }) => RenderedNotification;
  readonly recurrenceSpike: (p: {
    ref: string;
    subject: string;
    count: number;
    baseline: string;
  }) => RenderedNotification;
}

const SENTENCES: PerLocale<Sentences> = {
  en: {
    words: {
      theCase: 'a case',
      unknownTime: 'soon',
      higherLevel: (rank) => `ladder level ${rank}`,
      thePromise: (promise, ref) => (promise ? `The promise "${promise}"` : `A promise on ${ref}`),
    },
    clockWarned: ({ ref, clock, due, percent }) => ({
      title: `${ref}: ${clock} due ${due}`,
      body: `${percent !== null ? `${percent}% of the time for the ${clock} has passed. ` : ''}The ${clock} on ${ref} is due ${due}.`,
    }),
    clockBreached: ({ ref, clock, due }) => ({
      title: `${ref}: ${clock} overdue`,
      body: `The ${clock} on ${ref} was due ${due} and has not happened. Please act on it now.`,
    }),
    commitmentAtRisk: ({ ref, promise, due }) => ({
      title: `${ref}: a promise is at risk`,
      body: `${promise} is due ${due} and is likely to slip. Tell the customer honestly before then and set a new time; a drafted update is ready.`,
    }),
    commitmentBroken: ({ ref, promise, due }) => ({
      title: `${ref}: a promise was not kept`,
      body: `${promise} was due ${due} and was not kept.`,
    }),
    caseEscalated: ({ ref, level, subject }) => ({
      title: `${ref} escalated to ${level}`,
      body: `${subject} was escalated to ${level}. The summary on the case says what happened, what the customer wants and what was promised.`,
    }),
    compensationProposed: ({ ref, remedy, level }) => ({
      title: `${ref}: ${remedy} waiting for approval`,
      body: `A ${remedy} proposed on ${ref} needs approval at ${level}.`,
    }),
    compensationApproved: ({ ref, remedy }) => ({
      title: `${ref}: ${remedy} approved`,
      body: `The ${remedy} you proposed on ${ref} was approved.`,
    }),
    compensationRejected: ({ ref, remedy, note }) => ({
      title: `${ref}: ${remedy} not approved`,
      body: `The ${remedy} you proposed on ${ref} was not approved.${note ? ` Note: ${note}` : ''}`,
    }),
    recurrenceSpike: ({ ref, subject, count, baseline }) => ({
      title: `${ref}: one of many — ${count} like it this week`,
      body: `${count} complaints like ${subject} arrived in the last 7 days, against about ${baseline} a week before. Look for the shared cause; the similar cases are listed on ${ref}.`,
    }),
  },
  'zh-TW': {
    words: {
      theCase: '案件',
      unknownTime: '即將',
      higherLevel: (rank) => `第 ${rank} 層級`,
      thePromise: (promise, ref) => (promise ? `承諾「${promise}」` : `案件 ${ref} 的一項承諾`),
    },
    clockWarned: ({ ref, clock, due, percent }) => ({
      title: `${ref}：${clock}將於 ${due} 到期`,
      body: `${percent !== null ? `${clock}時限已過 ${percent}%。` : ''}案件 ${ref} 的${clock}將於 ${due} 到期。`,
    }),
    clockBreached: ({ ref, clock, due }) => ({
      title: `${ref}：${clock}已逾期`,
      body: `案件 ${ref} 的${clock}應於 ${due} 完成，目前已逾期，請立即處理。`,
    }),
    commitmentAtRisk: ({ ref, promise, due }) => ({
      title: `${ref}：承諾可能無法如期兌現`,
      body: `${promise}將於 ${due} 到期，可能會延誤。請在到期前誠實告知客戶並約定新的時間；已為您擬好更新訊息。`,
    }),
    commitmentBroken: ({ ref, promise, due }) => ({
      title: `${ref}：承諾未能兌現`,
      body: `${promise}應於 ${due} 兌現，但未能做到。`,
    }),
    caseEscalated: ({ ref, level, subject }) => ({
      title: `${ref} 已升級至${level}`,
      body: `${subject}已升級至${level}。案件摘要說明了經過、客戶的期望以及已做出的承諾。`,
    }),
    compensationProposed: ({ ref, remedy, level }) => ({
      title: `${ref}：${remedy}待核准`,
      body: `案件 ${ref} 提出的${remedy}需要${level}核准。`,
    }),
    compensationApproved: ({ ref, remedy }) => ({
      title: `${ref}：${remedy}已核准`,
      body: `您在案件 ${ref} 提出的${remedy}已獲核准。`,
    }),
    compensationRejected: ({ ref, remedy, note }) => ({
      title: `${ref}：${remedy}未獲核准`,
      body: `您在案件 ${ref} 提出的${remedy}未獲核准。${note ? `說明：${note}` : ''}`,
    }),
    recurrenceSpike: ({ ref, subject, count, baseline }) => ({
      title: `${ref}：同類投訴本週已有 ${count} 件`,
      body: `過去 7 天收到 ${count} 件與${subject}相似的投訴，先前每週約 ${baseline} 件。請找出共同原因；相似案件列在 ${ref} 上。`,
    }),
  },
  'zh-CN': {
    words: {
      theCase: '案件',
      unknownTime: '即将',
      higherLevel: (rank) => `第 ${rank} 层级`,
      thePromise: (promise, ref) => (promise ? `承诺“${promise}”` : `案件 ${ref} 的一项承诺`),
    },
    clockWarned: ({ ref, clock, due, percent }) => ({
      title: `${ref}：${clock}将于 ${due} 到期`,
      body: `${percent !== null ? `${clock}时限已过 ${percent}%。` : ''}案件 ${ref} 的${clock}将于 ${due} 到期。`,
    }),
    clockBreached: ({ ref, clock, due }) => ({
      title: `${ref}：${clock}已逾期`,
      body: `案件 ${ref} 的${clock}应于 ${due} 完成，目前已逾期，请立即处理。`,
    }),
    commitmentAtRisk: ({ ref, promise, due }) => ({
      title: `${ref}：承诺可能无法如期兑现`,
      body: `${promise}将于 ${due} 到期，可能会延误。请在到期前如实告知客户并约定新的时间；已为您拟好更新消息。`,
    }),
    commitmentBroken: ({ ref, promise, due }) => ({
      title: `${ref}：承诺未能兑现`,
      body: `${promise}应于 ${due} 兑现，但未能做到。`,
    }),
    caseEscalated: ({ ref, level, subject }) => ({
      title: `${ref} 已升级至${level}`,
      body: `${subject}已升级至${level}。案件摘要说明了经过、客户的期望以及已做出的承诺。`,
    }),
    compensationProposed: ({ ref, remedy, level }) => ({
      title: `${ref}：${remedy}待审批`,
      body: `案件 ${ref} 提出的${remedy}需要${level}审批。`,
    }),
    compensationApproved: ({ ref, remedy }) => ({
      title: `${ref}：${remedy}已批准`,
      body: `您在案件 ${ref} 提出的${remedy}已获批准。`,
    }),
    compensationRejected: ({ ref, remedy, note }) => ({
      title: `${ref}：${remedy}未获批准`,
      body: `您在案件 ${ref} 提出的${remedy}未获批准。${note ? `说明：${note}` : ''}`,
    }),
    recurrenceSpike: ({ ref, subject, count, baseline }) => ({
      title: `${ref}：同类投诉本周已有 ${count} 件`,
      body: `过去 7 天收到 ${count} 件与${subject}相似的投诉，此前每周约 ${baseline} 件。请找出共同原因；相似案件列在 ${ref} 上。`,
    }),
  },
  th: {
    words: {
      theCase: 'เคส',
      unknownTime: 'เร็ว ๆ นี้',
      higherLevel: (rank) => `ระดับ ${rank}`,
      thePromise: (promise, ref) => (promise ? `คำสัญญา "${promise}"` : `คำสัญญาในเคส ${ref}`),
    },
    clockWarned: ({ ref, clock, due, percent }) => ({
      title: `${ref}: ${clock}ครบกำหนด ${due}`,
      body: `${percent !== null ? `เวลาสำหรับ${clock}ผ่านไปแล้ว ${percent}% ` : ''}${clock}ของเคส ${ref} ครบกำหนด ${due}`,
    }),
    clockBreached: ({ ref, clock, due }) => ({
      title: `${ref}: ${clock}เลยกำหนดแล้ว`,
      body: `${clock}ของเคส ${ref} ครบกำหนดเมื่อ ${due} และยังไม่ได้ดำเนินการ โปรดดำเนินการทันที`,
    }),
    commitmentAtRisk: ({ ref, promise, due }) => ({
      title: `${ref}: คำสัญญาอาจไม่เป็นไปตามกำหนด`,
      body: `${promise} ครบกำหนด ${due} และอาจล่าช้า โปรดแจ้งลูกค้าตามจริงก่อนถึงกำหนดและนัดเวลาใหม่ ระบบได้ร่างข้อความไว้ให้แล้ว`,
    }),
    commitmentBroken: ({ ref, promise, due }) => ({
      title: `${ref}: ไม่ได้ทำตามคำสัญญา`,
      body: `${promise} ครบกำหนดเมื่อ ${due} แต่ไม่ได้ทำตามที่สัญญาไว้`,
    }),
    caseEscalated: ({ ref, level, subject }) => ({
      title: `${ref} ถูกยกระดับไปยัง${level}`,
      body: `${subject} ถูกยกระดับไปยัง${level} สรุปในเคสระบุสิ่งที่เกิดขึ้น สิ่งที่ลูกค้าต้องการ และสิ่งที่ได้สัญญาไว้`,
    }),
    compensationProposed: ({ ref, remedy, level }) => ({
      title: `${ref}: ${remedy}รอการอนุมัติ`,
      body: `${remedy}ที่เสนอในเคส ${ref} ต้องได้รับการอนุมัติจาก${level}`,
    }),
    compensationApproved: ({ ref, remedy }) => ({
      title: `${ref}: อนุมัติ${remedy}แล้ว`,
      body: `${remedy}ที่คุณเสนอในเคส ${ref} ได้รับการอนุมัติแล้ว`,
    }),
    compensationRejected: ({ ref, remedy, note }) => ({
      title: `${ref}: ไม่อนุมัติ${remedy}`,
      body: `${remedy}ที่คุณเสนอในเคส ${ref} ไม่ได้รับการอนุมัติ${note ? ` หมายเหตุ: ${note}` : ''}`,
    }),
    recurrenceSpike: ({ ref, subject, count, baseline }) => ({
      title: `${ref}: เรื่องร้องเรียนลักษณะเดียวกัน ${count} เรื่องในสัปดาห์นี้`,
      body: `ใน 7 วันที่ผ่านมามีเรื่องร้องเรียนคล้าย ${subject} เข้ามา ${count} เรื่อง จากเดิมประมาณสัปดาห์ละ ${baseline} เรื่อง โปรดหาสาเหตุร่วม รายการเรื่องที่คล้ายกันอยู่ใน ${ref}`,
    }),
  },
};

/** Line breaks and runs of blanks become one space: titles go into e-mail subjects. */
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * An instant (ISO-8601) as the reader reads it, written by the shared `formatTime` — the same way
 * a customer's drafted update writes it — in `timeZone` (IANA; unknown: UTC). Null for a missing
 * or bad value.
 */
export const formatInstant = (iso: unknown, locale: Locale, timeZone: string): string | null => {
  const text = str(iso);
  return text ? formatTime(new Date(text), locale, timeZone) : null;
};

/** The clock's name from its key (`resolve`, `task:<id>` …) or kind. */
const clockName = (data: NotificationData, locale: Locale): string => {
  const names = CLOCK_NAMES[locale];
  const key = str(data.key)?.split(':')[0] ?? '';
  const kind = str(data.kind) ?? '';
  return names[key] ?? names[kind] ?? (key || kind);
};

const levelName = (data: NotificationData, locale: Locale, rank: number | null): string => {
  const names = data.levelNames;
  if (names && typeof names === 'object') {
    const name = str((names as Record<string, unknown>)[locale]) ?? str((names as Record<string, unknown>).en);
    if (name) return name;
  }
  return SENTENCES[locale].words.higherLevel(rank ?? 1);
};

/** The remedy's name, with its amount when it has one (amount in minor units of `currency`). */
const remedyText = (data: NotificationData, locale: Locale): string => {
  const kind = str(data.compensationKind) ?? str(data.kind) ?? '';
  const name = REMEDY_NAMES[locale][kind] ?? kind;
  const amount = num(data.amount);
  const currency = str(data.currency);
  if (amount === null || !currency) return name;
  try {
    const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return `${name} (${format.format(amount / 10 ** digits)})`;
  } catch {
    return `${name} (${amount} ${currency})`;
  }
};

/**
 * The notification's title and body in `locale`, with times in `data.timeZone` (the site's zone,
 * UTC when unknown). Pure: the same inputs always give the same text. Untrusted text (the case's
 * subject, a promise's words, a decision note) is included as it is — escaping is the job of
 * whatever renders it (see `escapeHtml`).
 */
export const renderNotification = (
  kind: NotificationKind,
  data: NotificationData,
  locale: Locale,
): RenderedNotification => {
  const s = SENTENCES[locale];
  const timeZone = str(data.timeZone) ?? 'UTC';
  const ref = str(data.caseRef) ?? s.words.theCase;
  const due = formatInstant(data.dueAt, locale, timeZone) ?? s.words.unknownTime;
  const words = str(data.text) ?? str(data.commitmentText);
  const promise = s.words.thePromise(words === null ? null : oneLine(words), ref);
  const subject = str(data.caseSubject) ? `${ref} (${oneLine(str(data.caseSubject) ?? '')})` : ref;
  let rendered: RenderedNotification;
  switch (kind) {
    case 'clock_warned':
      rendered = s.clockWarned({ ref, clock: clockName(data, locale), due, percent: num(data.percent) });
      break;
    case 'clock_breached':
      rendered = s.clockBreached({ ref, clock: clockName(data, locale), due });
      break;
    case 'commitment_at_risk':
      rendered = s.commitmentAtRisk({ ref, promise, due });
      break;
    case 'commitment_broken':
      rendered = s.commitmentBroken({ ref, promise, due });
      break;
    case 'case_escalated':
      rendered = s.caseEscalated({ ref, subject, level: levelName(data, locale, num(data.toRank)) });
      break;
    case 'compensation_proposed':
      rendered = s.compensationProposed({
        ref,
        remedy: remedyText(data, locale),
        level: levelName(data, locale, num(data.requiredRank)),
      });
      break;
    case 'compensation_approved':
      rendered = s.compensationApproved({ ref, remedy: remedyText(data, locale) });
      break;
    case 'compensation_rejected':
      rendered = s.compensationRejected({ ref, remedy: remedyText(data, locale), note: str(data.note) });
      break;
    case 'recurrence_spike': {
      const baseline = num(data.baselineAverage);
      rendered = s.recurrenceSpike({
        ref,
        subject,
        count: num(data.currentCount) ?? 0,
        baseline: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(baseline ?? 0),
      });
      break;
    }
  }
  return { title: oneLine(rendered.title), body: rendered.body };
};
