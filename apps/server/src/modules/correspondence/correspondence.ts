import type { Locale } from '@redress/contract';
import { Locales } from '@redress/contract';

/**
 * E-mail out to customers (pure): threading headers, the Reply-To that routes an answer back to
 * its case, which clock the acknowledgement promises, and what an SMTP failure means.
 */

/** The send job's name; stored in the queue, never rename. */
export const SEND_JOB = 'correspondence.send';
/** The job that turns case and portal events into e-mails. */
export const TRIGGER_JOB = 'correspondence.trigger';
/**
 * The wait after the n-th failed attempt that may pass (a 4xx, a refused connection, a timeout, an
 * authentication refusal): 30 s doubling, an hour at most. Each attempt is its own job, queued by
 * the attempt before it, like a webhook delivery's.
 */
export const sendRetryDelayMs = (attempts: number): number =>
  Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
/** How long a relay outage is waited out before an e-mail is marked failed. */
export const SEND_RETRY_SPAN_MS = 24 * 3_600_000;
/**
 * Attempts before an e-mail is marked failed: as many as the delays need to span a day (31: a
 * first hour of quick retries, then one an hour). A resend starts the count again.
 */
export const SEND_MAX_ATTEMPTS = ((): number => {
  let attempts = 1;
  for (let waited = 0; waited < SEND_RETRY_SPAN_MS; attempts += 1) waited += sendRetryDelayMs(attempts);
  return attempts;
})();
/** When the next attempt runs after `attempts` failed ones; null when they are used up. */
export const nextSendAttemptAt = (attempts: number, now: Date): Date | null =>
  attempts >= SEND_MAX_ATTEMPTS ? null : new Date(now.getTime() + sendRetryDelayMs(attempts));
/**
 * Runs of one attempt's job by the job runner (a crash or a database error, not an SMTP answer):
 * an attempt whose runs are used up leaves the e-mail `queued` without a job, which
 * `POST /cases/:id/emails/:emailId/resend` takes up again.
 */
export const SEND_JOB_RUNS = 10;
/** How long a private case link sent by e-mail opens the case. */
export const CASE_LINK_DAYS = 30;
/** How long a survey link works when the survey has no expiry of its own. */
export const SURVEY_LINK_DAYS = 30;
/**
 * When no clock says when the customer will hear back, the acknowledgement names the latest date
 * the FCA allows for a final response: eight weeks after the complaint (DISP 1.6.2).
 */
export const FALLBACK_HEAR_BACK_DAYS = 56;
/** Why nothing left when no mail server is configured (`reason` of a `suppressed` e-mail). */
export const NO_MAIL_SERVER = 'no outgoing mail server';

export type OutboundStatus = 'queued' | 'sent' | 'failed' | 'suppressed';

const DAY_MS = 86_400_000;
export const daysAfter = (at: Date, days: number): Date => new Date(at.getTime() + days * DAY_MS);

/** The language a customer e-mail is written in: the case's, else the customer's, else English. */
export const mailLanguage = (caseLanguage: string | null, customerLanguage: string | null): Locale => {
  for (const candidate of [caseLanguage, customerLanguage]) {
    if (candidate && (Locales as readonly string[]).includes(candidate)) return candidate as Locale;
  }
  return 'en';
};

/** The host Message-IDs are made under: the public URL's host name. */
export const mailHost = (publicUrl: string): string => URL.parse(publicUrl)?.hostname || 'localhost';

/** `<eml_…@host>`: unique per e-mail and the same on a resend, so clients fold a duplicate. */
export const messageIdFor = (emailId: string, publicUrl: string): string => `<${emailId}@${mailHost(publicUrl)}>`;

/** The address part of `Name <addr>` or a bare address; null when there is none. */
export const addressOf = (mailbox: string): string | null => {
  const angled = /<([^<>\s]+@[^<>\s]+)>/.exec(mailbox);
  const bare = angled?.[1] ?? mailbox.trim();
  return /^[^\s@<>]+@[^\s@<>]+$/.test(bare) ? bare : null;
};

/**
 * The address a reply should go to: `local+<ref>@domain`, so that the inbound side threads it to
 * the case even when the customer's mail client drops In-Reply-To. An existing plus-tag is replaced.
 */
export const plusTagged = (address: string, caseRef: string): string => {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at).split('+')[0] ?? '';
  return `${local}+${caseRef}@${address.slice(at + 1)}`;
};

/** Message-IDs kept in References: the first of the thread and the newest ones (RFC 5322 §3.6.4). */
const MAX_REFERENCES = 20;

/**
 * The References of a reply to `parent`: its own References then its Message-ID, without
 * repeats, trimmed to the first and the newest ones.
 */
export const referencesFor = (parent: { messageId: string; references: readonly string[] } | null): string[] => {
  if (!parent) return [];
  const chain = [...new Set([...parent.references, parent.messageId])];
  return chain.length <= MAX_REFERENCES
    ? chain
    : [chain[0] ?? parent.messageId, ...chain.slice(chain.length - (MAX_REFERENCES - 1))];
};

/** A clock of the case as "when will the customer hear back" reads it. */
export interface ClockDue {
  /** `first_response`, `acknowledge`, `resolve`, … */
  readonly key: string;
  readonly state: string;
  readonly dueAt: Date;
  /** Its calendar's IANA zone; null when it counts every minute. */
  readonly timeZone?: string | null;
}

const HEAR_BACK_ORDER = ['first_response', 'acknowledge', 'resolve'] as const;

/** The clock that says when the customer hears back: the first running (or paused) one in order. */
const hearBackClock = (clocks: readonly ClockDue[]): ClockDue | undefined => {
  for (const key of HEAR_BACK_ORDER) {
    const clock = clocks.find((c) => c.key === key && (c.state === 'running' || c.state === 'paused'));
    if (clock) return clock;
  }
  return undefined;
};

/**
 * When the customer will hear back, as the acknowledgement e-mail and the portal's receipt both
 * promise it: the due time of the first running (or paused) clock among first response,
 * acknowledge and resolve; when none runs, the latest date the FCA allows for a final response,
 * eight weeks after the complaint was filed (DISP 1.6.2).
 */
export const hearBackBy = (clocks: readonly ClockDue[], filedAt: Date): Date =>
  hearBackClock(clocks)?.dueAt ?? daysAfter(filedAt, FALLBACK_HEAR_BACK_DAYS);

/**
 * The zone a customer e-mail writes times in: the case's site's; for a case without a site, the
 * calendar zone of the clock that promises the hear-back time (else of any clock of the case);
 * else UTC. (The organisation keeps no default zone of its own.)
 */
export const mailTimeZone = (siteTimeZone: string | null, clocks: readonly ClockDue[]): string =>
  siteTimeZone ?? hearBackClock(clocks)?.timeZone ?? clocks.find((c) => c.timeZone)?.timeZone ?? 'UTC';

/** SMTP replies that refuse the recipient or the message for good (RFC 5321 §4.2.2). */
const PERMANENT_CODES = [550, 551, 552, 553, 554];
/** The commands whose refusal is about the recipient or the message, not about our configuration. */
const MESSAGE_COMMANDS = ['RCPT TO', 'DATA'];

/**
 * What one failed SMTP attempt means: a refusal of the recipient or of the message (550–554 to
 * RCPT TO or DATA) is permanent; everything else may pass and is retried — 4xx, a refused
 * connection, and also an authentication refusal (530, 535) or a refused sender, which are the
 * configuration's to fix, not the customer's address.
 */
export const isPermanentSmtpFailure = (error: unknown): boolean => {
  const { responseCode, command } = (error ?? {}) as { responseCode?: unknown; command?: unknown };
  return (
    typeof responseCode === 'number' &&
    PERMANENT_CODES.includes(responseCode) &&
    typeof command === 'string' &&
    MESSAGE_COMMANDS.includes(command.toUpperCase())
  );
};

/** An error in a few words for `last_error` (no addresses: SMTP errors quote the recipient). */
export const describeSmtpError = (error: unknown): string => {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  if (typeof code === 'number') return `the mail server answered ${code}`;
  const errno = (error as { code?: unknown } | null)?.code;
  const name = typeof errno === 'string' ? errno : error instanceof Error ? error.name : 'Error';
  return `could not deliver (${name.slice(0, 60)})`;
};

/** The first line of a text, at most `max` characters (a follow-up's "you told us"). */
export const oneLine = (text: string, max = 160): string => {
  const line = (text.split(/\r?\n/).find((l) => l.trim().length > 0) ?? '').replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
};

/**
 * Automatic e-mails a stranger can cause — the acknowledgement of a complaint filed on the public
 * form, a fresh private link asked for on the portal — are limited per address: at most
 * `AUTOMATIC_PER_ADDRESS` an hour reach one address; the next ones are `suppressed` with
 * `RATE_LIMITED` as the reason (an agent may send one again).
 */
export const RATE_LIMITED_KINDS = ['acknowledgement', 'magic_link'] as const;
export const AUTOMATIC_PER_ADDRESS = 5;
export const RATE_LIMIT_WINDOW_MS = 3_600_000;
export const RATE_LIMITED = 'too many automatic e-mails to this address in the last hour';

/**
 * What stands for a private link (portal or survey, with its signed token) in every copy of an
 * e-mail other than the one that goes to the customer: the stored text and HTML staff read, and
 * the timeline message that webhooks deliver and search indexes.
 */
export const PRIVATE_LINK_MARKER: Readonly<Record<Locale, string>> = {
  en: '[private link]',
  'zh-TW': '[私人連結]',
  'zh-CN': '[私人链接]',
  th: '[ลิงก์ส่วนตัว]',
};

// A URL carrying a signed token in its fragment or query (`…/portal/case#token=…`).
const TOKEN_LINK = /https?:\/\/[^\s<>"']*[#?&]token=[A-Za-z0-9_.~%-]*/g;

/** The text with every link that carries a `token=` replaced by the marker (e.g. one an agent pasted). */
export const withoutPrivateLinks = (text: string, language: Locale): string =>
  text.replace(TOKEN_LINK, PRIVATE_LINK_MARKER[language]);

/**
 * The e-mail a new one threads under: the newest of the case's e-mails either way (the customer's
 * that reached the case, ours that went or are going out), so a case filed on the portal or by
 * phone keeps one thread from its acknowledgement on.
 */
export interface ThreadParent {
  readonly messageId: string;
  readonly references: readonly string[];
}

/**
 * The address to write to: the newest inbound From when it is one of the customer's e-mail
 * contacts (someone copied in on the thread who replied is not the customer), else the customer's
 * first e-mail contact; null when they have none. Addresses compare without case.
 */
export const recipientFor = (newestFrom: string | null, contacts: readonly string[]): string | null => {
  const from = newestFrom?.trim().toLowerCase();
  const match = from ? contacts.find((c) => c.toLowerCase() === from) : undefined;
  return match ?? contacts[0] ?? null;
};
