import type { Locale } from '@redress/contract';
import type { NotificationData, PerLocale, RenderedNotification } from './notification.texts.ts';

/** Notification e-mails in the four languages (pure): one notice, or an hourly digest. */

/**
 * The facts an e-mail may carry: the case ref, the kind of notice (clock, level, remedy and
 * amount), the due time and its zone. Free text — the case subject, a promise's words, the drafted
 * update, a decision note — may name the customer, and e-mail leaves our hands (mail servers,
 * forwarding, phones): it stays in the app, behind the link.
 */
const EMAIL_FIELDS: readonly string[] = [
  'caseRef',
  'timeZone',
  'dueAt',
  'key',
  'kind',
  'cycle',
  'percent',
  'toRank',
  'requiredRank',
  'levelNames',
  'compensationKind',
  'amount',
  'currency',
  'currentCount',
  'baselineAverage',
];

/** `data` without its free text, for rendering into an e-mail. */
export const emailSafeData = (data: NotificationData): NotificationData =>
  Object.fromEntries(Object.entries(data).filter(([field]) => EMAIL_FIELDS.includes(field)));

/** Text safe to put inside HTML elements and double-quoted attributes. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const MAIL_WORDS: PerLocale<{
  readonly open: string;
  readonly digestSubject: (count: number) => string;
  readonly digestIntro: (count: number) => string;
  readonly more: (count: number) => string;
  readonly footer: string;
}> = {
  en: {
    open: 'Open the case',
    digestSubject: (n) => `Redress: ${n} notification${n === 1 ? '' : 's'}`,
    digestIntro: (n) => `You have ${n} new notification${n === 1 ? '' : 's'}.`,
    more: (n) => `… and ${n} more in Redress.`,
    footer: 'You receive this because of your notification settings in Redress.',
  },
  'zh-TW': {
    open: '開啟案件',
    digestSubject: (n) => `Redress：${n} 則通知`,
    digestIntro: (n) => `您有 ${n} 則新通知。`,
    more: (n) => `……另有 ${n} 則，請至 Redress 查看。`,
    footer: '您收到此郵件是因為您在 Redress 的通知設定。',
  },
  'zh-CN': {
    open: '打开案件',
    digestSubject: (n) => `Redress：${n} 条通知`,
    digestIntro: (n) => `您有 ${n} 条新通知。`,
    more: (n) => `……另有 ${n} 条，请到 Redress 查看。`,
    footer: '您收到此邮件是因为您在 Redress 中的通知设置。',
  },
  th: {
    open: 'เปิดเคส',
    digestSubject: (n) => `Redress: การแจ้งเตือน ${n} รายการ`,
    digestIntro: (n) => `คุณมีการแจ้งเตือนใหม่ ${n} รายการ`,
    more: (n) => `… และอีก ${n} รายการใน Redress`,
    footer: 'คุณได้รับอีเมลนี้ตามการตั้งค่าการแจ้งเตือนของคุณใน Redress',
  },
};

export interface EmailContent {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface MailItem {
  readonly rendered: RenderedNotification;
  /** Absolute link to the case in the console, or null. */
  readonly link: string | null;
}

const htmlPage = (locale: Locale, inner: string, footer: string): string =>
  `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"></head>` +
  `<body style="font-family:sans-serif;line-height:1.5">${inner}` +
  `<p style="color:#666;font-size:12px">${escapeHtml(footer)}</p></body></html>`;

const itemHtml = (item: MailItem, open: string, heading: 'h1' | 'h2'): string =>
  `<${heading} style="font-size:${heading === 'h1' ? 18 : 15}px">${escapeHtml(item.rendered.title)}</${heading}>` +
  `<p>${escapeHtml(item.rendered.body)}</p>` +
  (item.link ? `<p><a href="${escapeHtml(item.link)}">${escapeHtml(open)}</a></p>` : '');

const itemText = (item: MailItem, open: string): string =>
  [item.rendered.title, '', item.rendered.body, ...(item.link ? ['', `${open}: ${item.link}`] : [])].join('\n');

/** One notification as an e-mail: the title as subject, plain text and escaped HTML bodies. */
export const composeEmail = (item: MailItem, locale: Locale): EmailContent => {
  const w = MAIL_WORDS[locale];
  return {
    subject: item.rendered.title,
    text: `${itemText(item, w.open)}\n\n-- \n${w.footer}\n`,
    html: htmlPage(locale, itemHtml(item, w.open, 'h1'), w.footer),
  };
};

/**
 * One user's digest: the listed notifications (newest first) and how many more are waiting
 * beyond them (`total` counts all of them).
 */
export const composeDigest = (items: readonly MailItem[], total: number, locale: Locale): EmailContent => {
  const w = MAIL_WORDS[locale];
  const more = total - items.length;
  const textParts = [w.digestIntro(total), ...items.map((item) => itemText(item, w.open))];
  if (more > 0) textParts.push(w.more(more));
  const html =
    `<p>${escapeHtml(w.digestIntro(total))}</p>` +
    items.map((item) => `<hr>${itemHtml(item, w.open, 'h2')}`).join('') +
    (more > 0 ? `<hr><p>${escapeHtml(w.more(more))}</p>` : '');
  return {
    subject: w.digestSubject(total),
    text: `${textParts.join('\n\n')}\n\n-- \n${w.footer}\n`,
    html: htmlPage(locale, html, w.footer),
  };
};
