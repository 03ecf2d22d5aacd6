import type { Locale } from '@redress/contract';
import type { ServicePolicy, Target } from '../policies/index.ts';

/**
 * The customer portal's pure rules: what a customer is shown of their case and of the promises
 * made to them, in their language. No I/O, no clock of its own.
 */

export const LOCALES: readonly Locale[] = ['en', 'zh-TW', 'zh-CN', 'th'];

/** What the complaint form allows; the attachment service's own limits still apply on top. */
export const PORTAL_MAX_ATTACHMENTS = 5;
export const PORTAL_MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** The newest messages the case view shows (oldest first); older ones stay with the staff's timeline. */
export const PORTAL_MESSAGE_LIMIT = 200;

/** At most one fresh private link is e-mailed per case in this long, however many ask. */
export const LINK_REQUEST_INTERVAL_MS = 5 * 60_000;

/**
 * The reference a robot's form (the hidden field filled) is answered with: shaped like a real one
 * but numbered 000000, which no case has (case numbers start at 1). Staff hearing it know the form
 * was kept for review, not filed.
 */
export const droppedFormRef = (at: Date): string => `C-${at.getUTCFullYear()}-000000`;

/** What the organisation is called when no `organisation` setting names it. */
export const DEFAULT_ORGANISATION_NAME = 'Redress';

/** How the customer's expectation is set apart from what happened in the case description. */
const EXPECT_LABEL: Record<Locale, string> = {
  en: 'What I expect:',
  'zh-TW': '我的期望：',
  'zh-CN': '我的期望：',
  th: 'สิ่งที่ฉันคาดหวัง:',
};

/** The case description from the form: what happened, then (on its own paragraph) what they expect. */
export const complaintDescription = (whatHappened: string, whatYouExpect: string | undefined, language: Locale) => {
  const happened = whatHappened.trim();
  const expect = whatYouExpect?.trim();
  return expect ? `${happened}\n\n${EXPECT_LABEL[language]} ${expect}` : happened;
};

/** `s***@example.com`: enough for the customer to recognise the address, not enough to harvest it. */
export const maskEmail = (email: string): string => {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  const local = email.slice(0, at);
  return `${Array.from(local)[0] ?? ''}***@${email.slice(at + 1)}`;
};

const HAN = /^\p{Script=Han}+$/u;

/**
 * The name a customer sees for an agent: the first word of a spaced name ("Sarah Mitchell" →
 * "Sarah", "สมชาย ใจดี" → "สมชาย"); for a Chinese name written without spaces the given name,
 * i.e. the name without its one-character surname ("陳美玲" → "美玲").
 */
export const firstNameOf = (name: string | null): string | null => {
  const trimmed = name?.trim();
  if (!trimmed) return null;
  const first = trimmed.split(/\s+/u)[0] ?? trimmed;
  const chars = Array.from(first);
  if (first === trimmed && HAN.test(first) && chars.length >= 3) return chars.slice(1).join('');
  return first;
};

/** A due time the customer is owed, from a clock of their case. */
export interface ClockDue {
  readonly kind: string;
  readonly state: string;
  readonly dueAt: Date;
}

/**
 * The next update the customer is owed: the earliest of the open promises (commitments) and the
 * running first-response and keep-in-loop clocks; the acknowledgement's due time only when none of
 * those runs (an acknowledgement e-mail goes out on filing; the clock waits for a person).
 */
export const nextUpdateBy = (clocks: readonly ClockDue[], openCommitmentDues: readonly Date[]): Date | null => {
  const running = (kind: string) => clocks.filter((c) => c.kind === kind && c.state === 'running').map((c) => c.dueAt);
  let candidates = [...openCommitmentDues, ...running('first_response'), ...running('keep_in_loop')];
  if (candidates.length === 0) candidates = running('acknowledge');
  if (candidates.length === 0) return null;
  return new Date(Math.min(...candidates.map((d) => d.getTime())));
};

type Plural = (n: number) => string;
type Sentence = (duration: string) => string;

const DURATION: Record<Locale, Record<'minutes' | 'hours' | 'workingDays' | 'days', Plural>> = {
  en: {
    minutes: (n) => `${n} working minute${n === 1 ? '' : 's'}`,
    hours: (n) => `${n} working hour${n === 1 ? '' : 's'}`,
    workingDays: (n) => `${n} working day${n === 1 ? '' : 's'}`,
    days: (n) => `${n} day${n === 1 ? '' : 's'}`,
  },
  'zh-TW': {
    minutes: (n) => `${n} 分鐘（營業時間）`,
    hours: (n) => `${n} 個營業小時`,
    workingDays: (n) => `${n} 個工作天`,
    days: (n) => `${n} 天`,
  },
  'zh-CN': {
    minutes: (n) => `${n} 分钟（工作时间）`,
    hours: (n) => `${n} 个工作小时`,
    workingDays: (n) => `${n} 个工作日`,
    days: (n) => `${n} 天`,
  },
  th: {
    minutes: (n) => `${n} นาทีทำการ`,
    hours: (n) => `${n} ชั่วโมงทำการ`,
    workingDays: (n) => `${n} วันทำการ`,
    days: (n) => `${n} วัน`,
  },
};

/** A target in words: "2 working days", "4 working hours", "56 days". */
export const durationInWords = (target: Target, language: Locale): string => {
  const words = DURATION[language];
  switch (target.unit) {
    case 'working_minutes':
      return target.amount % 60 === 0 ? words.hours(target.amount / 60) : words.minutes(target.amount);
    case 'working_days':
      return words.workingDays(target.amount);
    case 'calendar_days':
      return words.days(target.amount);
  }
};

const PROMISES: Record<
  Locale,
  {
    acknowledge: Sentence;
    firstResponse: Sentence;
    keepInLoop: Sentence;
    resolve: Sentence;
    regulatory: (label: string, days: string) => string;
  }
> = {
  en: {
    acknowledge: (d) => `We confirm we have your complaint within ${d}.`,
    firstResponse: (d) => `We reply to you within ${d}.`,
    keepInLoop: (d) => `While we work on it, we update you at least every ${d}.`,
    resolve: (d) => `We aim to resolve it within ${d}.`,
    regulatory: (label, d) => `${label}: a final response within ${d}.`,
  },
  'zh-TW': {
    acknowledge: (d) => `我們會在 ${d}內確認收到您的投訴。`,
    firstResponse: (d) => `我們會在 ${d}內回覆您。`,
    keepInLoop: (d) => `處理期間，我們至少每 ${d}向您更新一次進度。`,
    resolve: (d) => `我們力求在 ${d}內解決。`,
    regulatory: (label, d) => `${label}：於 ${d}內給予最終回覆。`,
  },
  'zh-CN': {
    acknowledge: (d) => `我们会在 ${d}内确认收到您的投诉。`,
    firstResponse: (d) => `我们会在 ${d}内回复您。`,
    keepInLoop: (d) => `处理期间，我们至少每 ${d}向您更新一次进度。`,
    resolve: (d) => `我们力求在 ${d}内解决。`,
    regulatory: (label, d) => `${label}：在 ${d}内给予最终答复。`,
  },
  th: {
    acknowledge: (d) => `เราจะยืนยันว่าได้รับเรื่องร้องเรียนของคุณภายใน ${d}`,
    firstResponse: (d) => `เราจะตอบกลับคุณภายใน ${d}`,
    keepInLoop: (d) => `ระหว่างดำเนินการ เราจะแจ้งความคืบหน้าให้คุณทราบอย่างน้อยทุก ${d}`,
    resolve: (d) => `เรามุ่งแก้ไขเรื่องนี้ให้เสร็จภายใน ${d}`,
    regulatory: (label, d) => `${label}: คำตอบขั้นสุดท้ายภายใน ${d}`,
  },
};

/** The promises of a service policy as sentences in the customer's language, in the order they fall due. */
export const policyPromises = (policy: ServicePolicy, language: Locale): string[] => {
  const words = PROMISES[language];
  const { targets } = policy;
  const sentences: string[] = [];
  if (targets.acknowledge) sentences.push(words.acknowledge(durationInWords(targets.acknowledge, language)));
  if (targets.firstResponse) sentences.push(words.firstResponse(durationInWords(targets.firstResponse, language)));
  if (targets.keepInLoop) sentences.push(words.keepInLoop(durationInWords(targets.keepInLoop, language)));
  if (targets.resolve) sentences.push(words.resolve(durationInWords(targets.resolve, language)));
  if (policy.regulatory) {
    const days = durationInWords({ unit: 'calendar_days', amount: policy.regulatory.days }, language);
    sentences.push(words.regulatory(policy.regulatory.label, days));
  }
  return sentences;
};

/** The customer's language for the portal: the case's, when it is one of ours, else English. */
export const portalLanguage = (language: string | null | undefined): Locale =>
  LOCALES.includes(language as Locale) ? (language as Locale) : 'en';
