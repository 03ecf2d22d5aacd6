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
 * Attempts before an e-mail is marked failed. With the job runner's backoff (10 s doubling, an
 * hour at most) eight attempts span about 20 minutes: enough for a mail server's restart or a
 * greylisting delay, short enough that nobody believes a stuck mail was sent.
 */
export const SEND_MAX_ATTEMPTS = 8;
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

/** A clock of the case as the acknowledgement reads it. */
export interface ClockDue {
  readonly key: string;
  readonly state: string;
  readonly dueAt: Date;
}

const HEAR_BACK_ORDER = ['first_response', 'acknowledge', 'resolve'] as const;

/**
 * When the customer will hear back: the due time of the first running (or paused) clock among
 * first response, acknowledge and resolve; null when none runs.
 */
export const hearBackDue = (clocks: readonly ClockDue[]): Date | null => {
  for (const key of HEAR_BACK_ORDER) {
    const clock = clocks.find((c) => c.key === key && (c.state === 'running' || c.state === 'paused'));
    if (clock) return clock.dueAt;
  }
  return null;
};

/** What one failed SMTP attempt means: refused for good (5xx) or worth another try. */
export const isPermanentSmtpFailure = (error: unknown): boolean => {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
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
