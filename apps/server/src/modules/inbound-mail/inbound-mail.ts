import type { InboundMailStatus, IntakeChannelKind, Locale } from '@redress/contract';

/** The job that turns a received message into a case message (or ignores or keeps it unparsed). */
export const PROCESS_INBOUND_JOB = 'inbound-mail.process';
/** The every-minute job that polls each enabled IMAP channel. */
export const POLL_IMAP_JOB = 'inbound-mail.poll';

/** The domain that names mail which came without a Message-ID (RFC 2606 reserves `.invalid`). */
export const NO_MESSAGE_ID_DOMAIN = 'no-message-id.invalid';

/** An intake channel as the module works with it (the IMAP password stays in storage). */
export interface IntakeChannel {
  readonly id: string;
  readonly kind: IntakeChannelKind;
  readonly name: string;
  /** Lower-case address for smtp and imap; null for a portal. */
  readonly address: string | null;
  readonly siteId: string | null;
  readonly ownerId: string;
  readonly language: Locale | null;
  readonly enabled: boolean;
  readonly imap: {
    readonly host: string;
    readonly port: number;
    readonly secure: boolean;
    readonly user: string;
    readonly mailbox: string;
    readonly passwordSet: boolean;
    readonly uidvalidity: string | null;
    readonly lastUid: number;
    readonly lastPolledAt: Date | null;
    readonly lastError: string | null;
  } | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** One inbound e-mail row. */
export interface InboundEmail {
  readonly id: string;
  readonly status: InboundMailStatus;
  readonly reason: string | null;
  readonly channelId: string | null;
  readonly caseId: string | null;
  readonly customerId: string | null;
  readonly messageId: string;
  /** The SMTP envelope's sender: '' for the null sender (bounces), null when not known (IMAP). */
  readonly envelopeFrom: string | null;
  readonly toAddresses: readonly string[];
  readonly attachmentIds: readonly string[];
  readonly rawKey: string | null;
  readonly rawSize: number | null;
  readonly imapUid: number | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

const HEADER_END = /\r?\n\r?\n/u;

/**
 * The header block of a raw message, unfolded, as lower-case name → values. Cheap (no body
 * parsing): receipt uses it to find the Message-ID before anything is stored.
 */
export const readHeaders = (raw: Buffer): Map<string, string[]> => {
  const head = raw.subarray(0, Math.min(raw.length, 256 * 1024)).toString('latin1');
  const end = HEADER_END.exec(head);
  const block = end ? head.slice(0, end.index) : head;
  const headers = new Map<string, string[]>();
  for (const line of block.replace(/\r?\n[ \t]+/gu, ' ').split(/\r?\n/u)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!/^[\x21-\x39\x3b-\x7e]+$/u.test(name)) continue;
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  return headers;
};

/** Every `<…>` message id in a header value, in order, without duplicates. */
export const messageIdsIn = (value: string | readonly string[] | undefined | null): string[] => {
  if (!value) return [];
  const text = typeof value === 'string' ? value : value.join(' ');
  // A NUL is not text: PostgreSQL refuses it, so it never reaches a stored id.
  const ids = text.replace(/\u0000/gu, '').match(/<[^<>\s]{1,900}>/gu) ?? [];
  return [...new Set(ids)];
};

/**
 * The key a message is stored under: its Message-ID, or for mail without one a digest of the raw
 * bytes, `<sha256@no-message-id.invalid>`, so the same bytes delivered twice are still one message.
 */
export const messageKey = (headers: Map<string, string[]>, rawSha256: string): string =>
  messageIdsIn(headers.get('message-id')?.[0])[0] ?? `<${rawSha256}@${NO_MESSAGE_ID_DOMAIN}>`;

/** The domain of an address or a Message-ID (`<x@host>`), lower-case; '' when none. */
export const domainOf = (addressOrId: string): string => {
  const at = addressOrId.lastIndexOf('@');
  return at < 0
    ? ''
    : addressOrId
        .slice(at + 1)
        .replace(/>$/u, '')
        .trim()
        .toLowerCase();
};

/** `local+tag@domain` → `local@domain` (lower-case); the tag, when any. */
export const splitPlusAddress = (address: string): { base: string; tag: string | null } => {
  const lower = address.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  if (at <= 0) return { base: lower, tag: null };
  const local = lower.slice(0, at);
  const plus = local.indexOf('+');
  if (plus < 0) return { base: lower, tag: null };
  return { base: `${local.slice(0, plus)}${lower.slice(at)}`, tag: address.trim().slice(plus + 1, at) };
};

/** What tells us a message is ours, coming back to us. */
export interface OwnIdentity {
  /** Domains our outgoing Message-IDs use (lower-case). */
  readonly messageIdDomains: readonly string[];
  /** Our own addresses: the From of outgoing mail and every channel address (lower-case). */
  readonly addresses: readonly string[];
}

/** The facts auto-reply and loop detection reads. */
export interface MailFacts {
  readonly headers: Map<string, string[]>;
  readonly from: string | null;
  readonly envelopeFrom: string | null;
  readonly messageId: string;
}

const ROBOT_SENDERS = /^(mailer-daemon|postmaster|no-?reply|do-?not-?reply)@/iu;

/**
 * Why a message must not open or reach a case — an auto-reply, a bounce, a list or bulk mailing,
 * or our own mail coming back (a loop) — or null when a person wrote it. Pure.
 */
export const autoReplyReason = (facts: MailFacts, own: OwnIdentity): string | null => {
  const first = (name: string): string | undefined => facts.headers.get(name)?.[0]?.trim().toLowerCase();
  const autoSubmitted = first('auto-submitted');
  if (autoSubmitted && autoSubmitted.split(';')[0]?.trim() !== 'no') return 'Auto-Submitted (an automatic reply)';
  const precedence = first('precedence');
  if (precedence && /^(bulk|junk|list|auto_reply)$/u.test(precedence))
    return 'Precedence: bulk, junk, list or auto-reply';
  if (facts.headers.has('x-autoreply') || facts.headers.has('x-autorespond')) return 'X-Autoreply header';
  if (facts.headers.has('x-auto-response-suppress')) {
    const value = first('x-auto-response-suppress') ?? '';
    // Outlook puts it on automatic replies and out-of-office notices; `None` is a person's mail.
    if (value !== 'none') return 'X-Auto-Response-Suppress (an automatic reply)';
  }
  if (facts.envelopeFrom === '') return 'null envelope sender (a delivery report)';
  if (first('return-path') === '<>') return 'null return path (a delivery report)';
  if (facts.headers.has('list-id') || facts.headers.has('list-unsubscribe')) return 'a mailing list or newsletter';
  const from = facts.from?.toLowerCase() ?? '';
  if (from && ROBOT_SENDERS.test(from)) return 'sent by a mail system (mailer-daemon, postmaster, no-reply)';
  const idDomain = domainOf(facts.messageId);
  // Only ids of the form Redress gives its own mail: a customer's client may use our domain too.
  if (idDomain && own.messageIdDomains.includes(idDomain) && /^<eml_/iu.test(facts.messageId)) {
    return 'our own Message-ID (a mail loop)';
  }
  if (from && own.addresses.some((address) => splitPlusAddress(address).base === splitPlusAddress(from).base)) {
    return 'sent from our own address (a mail loop)';
  }
  return null;
};

const CASE_REF = /\bC-(\d{4})-(\d{6})\b/u;

/** The first case reference (`C-2026-000123`) in a subject, upper-case, or null. */
export const caseRefInSubject = (subject: string | null | undefined): string | null => {
  const match = CASE_REF.exec((subject ?? '').toUpperCase());
  return match ? match[0] : null;
};

/** The case reference in a plus-address (`local+C-2026-000123@domain`) among `addresses`, or null. */
export const caseRefInAddresses = (addresses: readonly string[]): string | null => {
  for (const address of addresses) {
    const { tag } = splitPlusAddress(address);
    const match = tag ? CASE_REF.exec(tag.toUpperCase()) : null;
    if (match && match[0].length === tag?.length) return match[0];
  }
  return null;
};

/** Where an inbound message goes, decided from what the lookups found. */
export type ThreadDecision =
  | { readonly kind: 'reply'; readonly caseId: string }
  | { readonly kind: 'reference'; readonly caseId: string }
  | { readonly kind: 'new'; readonly strangerRef: string | null };

/**
 * Threading: a reply to a message of a case (In-Reply-To / References, either direction) goes to
 * that case. Otherwise a case reference in the subject or a plus-address goes to that case only
 * when the sender is one of the case's customer's addresses — anyone can type a reference, and a
 * stranger must not write into someone else's case; a stranger gets a new case. Pure.
 */
export const decideThread = (found: {
  readonly byMessageId: string | null;
  readonly ref: string | null;
  readonly refCase: { readonly id: string; readonly customerEmails: readonly string[] } | null;
  readonly sender: string | null;
}): ThreadDecision => {
  if (found.byMessageId) return { kind: 'reply', caseId: found.byMessageId };
  if (found.ref && found.refCase && found.sender) {
    const sender = found.sender.toLowerCase();
    if (found.refCase.customerEmails.some((email) => email.toLowerCase() === sender)) {
      return { kind: 'reference', caseId: found.refCase.id };
    }
  }
  return { kind: 'new', strangerRef: found.ref };
};
