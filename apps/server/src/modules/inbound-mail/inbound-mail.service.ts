import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { InboundMailQuery, Locale } from '@redress/contract';
import type { Clock } from '../../shared/clock.ts';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { detectLanguage } from '../../shared/text/detect-language.ts';
import { systemContext, type Context, type UnitOfWork } from '../../shared/unit-of-work.ts';
import { requirePermission } from '../access/index.ts';
import {
  recordStagedAttachments,
  type AttachmentService,
  type AttachmentsRepository,
  type FileStore,
  type StagedFiles,
} from '../attachments/index.ts';
import {
  appendCaseEvents,
  openCaseWithin,
  visibilityFor,
  type CaseRepository,
  type CaseStore,
} from '../cases/index.ts';
import { tryNormalizeEmail, type CustomerRepository } from '../customers/index.ts';
import {
  autoReplyReason,
  caseRefInAddresses,
  caseRefInSubject,
  decideThread,
  domainOf,
  messageIdsIn,
  messageKey,
  readHeaders,
  type InboundEmail,
  type IntakeChannel,
  type OwnIdentity,
} from './inbound-mail.ts';
import type { InboundMailRepository, ProcessedEmail } from './inbound-mail.repository.ts';
import { sanitizeEmailHtml, stripQuotedReply, textFromHtml } from './mail-text.ts';
import { mailboxPoll, type MailboxReader } from './mailbox-poll.service.ts';

type Port = {
  inboundMail: InboundMailRepository;
  cases: CaseRepository;
  customers: CustomerRepository;
  attachments: AttachmentsRepository;
};

/** The HTML of a message shown to staff at most, in characters. */
const HTML_MAX = 256 * 1024;

/** References kept for threading, newest last. */
const MAX_REFERENCES = 50;

/**
 * Text as it may be stored and shown: no NUL (PostgreSQL refuses it), and no private portal or
 * survey link a customer's reply quotes from our e-mail (staff and webhooks never see the token).
 */
const storable = (text: string): string =>
  text.replace(/\u0000/gu, '').replace(/\S*\/portal\/(?:case|survey)#token=[^\s"'<>]*/gu, '[private link]');

export interface ReceiveInput {
  readonly channelId: string;
  readonly raw: Buffer;
  /** The SMTP envelope: `from` '' for the null sender. */
  readonly envelope?: { readonly from: string; readonly to: readonly string[] } | undefined;
  readonly imap?: { readonly uidvalidity: string; readonly uid: number } | undefined;
}

/** What processing did with a message. */
export type ProcessOutcome = 'threaded' | 'ignored' | 'unparsed' | 'skipped';

/** Case messages and descriptions are cut here; the e-mail row keeps the whole text. */
const CASE_TEXT_MAX = 50_000;
/** Attachments kept per message; more are noted in the reason. */
const MAX_ATTACHMENTS = 20;

const CONTEXT = systemContext('inbound-mail');

class AlreadyProcessed extends Error {}

const readAll = async (stream: Readable): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

const addressesOf = (field: ParsedMail['to']): string[] => {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((group) => group.value.flatMap((entry) => (entry.address ? [entry.address.toLowerCase()] : [])));
};

/**
 * E-mail in: `receiveRaw` keeps the bytes and a `received` row (so the SMTP receiver answers 250
 * only when nothing can be lost), the processing job parses it into a case message or a new case,
 * the IMAP poll feeds mailboxes through the same door, and administrators list and reprocess.
 */
export const createInboundMailService = ({
  store,
  files,
  clock,
  attachments,
  own,
  mailbox,
}: {
  store: UnitOfWork<Port>;
  files: FileStore;
  clock: Clock;
  attachments: Pick<AttachmentService, 'stageFiles'>;
  /** Our outgoing From address and public URL: mail from them, or with our Message-IDs, is a loop. */
  own: { readonly mailFrom: string; readonly publicUrl: string };
  mailbox?: MailboxReader | undefined;
}) => {
  const ownFrom = tryNormalizeEmail(/<([^>]+)>/u.exec(own.mailFrom)?.[1] ?? own.mailFrom.trim());
  const ownIdentity = async (): Promise<OwnIdentity> => ({
    messageIdDomains: [...new Set([ownFrom ? domainOf(ownFrom) : '', URL.parse(own.publicUrl)?.hostname ?? ''])]
      .filter(Boolean)
      .map((d) => d.toLowerCase()),
    addresses: [...(ownFrom ? [ownFrom] : []), ...(await store.read.inboundMail.channelAddresses())],
  });

  /**
   * Keeps a message as received: the raw bytes durably in the file store first, then (one unit of
   * work) the `received` row, its processing job and — for IMAP — the mailbox mark. Resolves only
   * after that committed; the same message (Message-ID, or mailbox UID) a second time is a no-op
   * that resolves with the first one's id.
   */
  const receiveRaw = async (input: ReceiveInput): Promise<{ emailId: string; duplicate: boolean }> => {
    const channel = await store.read.inboundMail.findChannel(input.channelId);
    if (!channel) throw new AppError(ErrorCode.NotFound, 'No such intake channel');
    const now = clock.now();
    const sha256 = createHash('sha256').update(input.raw).digest('hex');
    const messageId = messageKey(readHeaders(input.raw), sha256);
    const advance = async (port: Port) => {
      if (input.imap) await port.inboundMail.advanceImap(channel.id, input.imap.uidvalidity, input.imap.uid);
    };
    const existing = await store.read.inboundMail.findByMessageId(messageId);
    if (existing) {
      if (input.imap) await store.write(advance);
      return { emailId: existing.id, duplicate: true };
    }
    const id = newId('eml', now);
    const { size } = await files.put(id, input.raw);
    const inserted = await store
      .write(async (port) => {
        const fresh = await port.inboundMail.insertReceived({
          id,
          channelId: channel.id,
          messageId,
          envelopeFrom: input.envelope ? input.envelope.from.toLowerCase() : null,
          toAddresses: input.envelope ? input.envelope.to.map((a) => a.toLowerCase()) : [],
          rawKey: id,
          rawSize: size,
          imap: input.imap ?? null,
          at: now,
        });
        if (fresh) await port.inboundMail.queueProcessing(id, now);
        await advance(port);
        return fresh;
      })
      .catch(async (error: unknown) => {
        await files.delete(id).catch(() => undefined);
        throw error;
      });
    if (inserted) return { emailId: id, duplicate: false };
    await files.delete(id).catch(() => undefined);
    const first = await store.read.inboundMail.findByMessageId(messageId);
    return { emailId: first?.id ?? id, duplicate: true };
  };

  /** Stages each attachment on its own, so one refused file is noted and the rest kept. */
  const stageAttachments = async (parsed: ParsedMail): Promise<{ staged: StagedFiles[]; notes: string[] }> => {
    const staged: StagedFiles[] = [];
    const notes: string[] = [];
    for (const [index, attachment] of parsed.attachments.entries()) {
      const label = `attachment ${index + 1} (${attachment.contentType}, ${attachment.size} bytes)`;
      if (index >= MAX_ATTACHMENTS) {
        notes.push(`${label} not kept: more than ${MAX_ATTACHMENTS} attachments`);
        continue;
      }
      try {
        staged.push(
          await attachments.stageFiles(
            CONTEXT,
            (async function* () {
              yield {
                field: 'attachment',
                filename: attachment.filename,
                content: Readable.from([attachment.content]),
              };
            })(),
          ),
        );
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        notes.push(`${label} not kept: ${error.code}`);
      }
    }
    return { staged, notes };
  };

  const finish = async (
    email: InboundEmail,
    status: 'ignored' | 'unparsed',
    reason: string,
    facts: Partial<ProcessedEmail> = {},
  ): Promise<ProcessOutcome> => {
    const now = clock.now();
    const done = await store.write(async ({ inboundMail }) => {
      const ok = await inboundMail.completeProcessing(email.id, {
        caseId: null,
        customerId: null,
        fromAddress: null,
        fromName: null,
        toAddresses: email.toAddresses,
        replyTo: null,
        subject: null,
        textBody: null,
        htmlBody: null,
        inReplyTo: null,
        references: [],
        language: null,
        attachmentIds: [],
        ...facts,
        status,
        reason: clip(reason, 1000),
        at: now,
      });
      if (!ok) return false;
      await inboundMail.appendEvent({
        type: status === 'ignored' ? 'email.ignored' : 'email.unparsed',
        subjectType: 'email',
        subjectId: email.id,
        actorId: null,
        requestId: null,
        payload: { channelId: email.channelId, reason: clip(reason, 1000) },
        occurredAt: now,
      });
      return true;
    });
    return done ? status : 'skipped';
  };

  /** The case a referenced case was merged into, followed a few steps. */
  const liveCase = async (cases: CaseRepository, caseId: string) => {
    let current = await cases.findCase(caseId);
    for (let i = 0; i < 5 && current?.mergedIntoId; i += 1) current = await cases.findCase(current.mergedIntoId);
    return current;
  };

  const customerEmails = async (customers: CustomerRepository, customerId: string): Promise<string[]> => {
    let customer = await customers.findCustomer(customerId);
    for (let i = 0; i < 5 && customer?.mergedInto; i += 1) customer = await customers.findCustomer(customer.mergedInto);
    return customer ? [...customer.emails] : [];
  };

  /**
   * Processes a received message, idempotently: parsed from the stored bytes; auto-replies and
   * loops ignored; a reply threaded into its case (`case.message_recorded` + `email.received`), a
   * first message opening a case for the channel's site and owner; attachments kept on the case
   * (refused ones noted in the reason). Every write waits for one unit of work that finds the row
   * still `received`, so a second run — or a run after a crash — changes nothing twice.
   */
  const processEmail = async (emailId: string): Promise<ProcessOutcome> => {
    const email = await store.read.inboundMail.findEmail(emailId);
    if (!email || email.status !== 'received') return 'skipped';
    const channel: IntakeChannel | undefined = email.channelId
      ? await store.read.inboundMail.findChannel(email.channelId)
      : undefined;
    if (!channel) return finish(email, 'unparsed', 'the intake channel it came through no longer exists');
    if (!email.rawKey) return finish(email, 'unparsed', 'no raw message was stored');
    let raw: Buffer;
    try {
      raw = await readAll(files.get(email.rawKey));
    } catch {
      return finish(email, 'unparsed', 'the raw message is missing from the file store');
    }
    let parsed: ParsedMail;
    try {
      parsed = await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true, skipTextToHtml: true });
    } catch (error) {
      return finish(email, 'unparsed', `cannot be parsed: ${error instanceof Error ? error.message : String(error)}`);
    }
    const headers = readHeaders(raw);
    const sender = parsed.from?.value.find((entry) => entry.address)?.address;
    const from = sender ? tryNormalizeEmail(sender) : undefined;
    if (!from) return finish(email, 'unparsed', 'no sender address (From) could be read');
    const fromName = storable(parsed.from?.value.find((entry) => entry.address)?.name?.trim() ?? '') || null;
    const subject = parsed.subject ? storable(parsed.subject.trim()) || null : null;
    const inReplyTo = messageIdsIn(parsed.inReplyTo)[0] ?? null;
    // The newest references are the ones that matter for threading; a header of thousands is cut.
    const references = messageIdsIn(parsed.references).slice(-MAX_REFERENCES);
    const toAddresses = [...new Set([...email.toAddresses, ...addressesOf(parsed.to), ...addressesOf(parsed.cc)])];
    // Sanitising costs more than linear time on hostile nesting: only the first HTML_MAX characters
    // are shown (the raw message keeps all of it).
    const shownHtml = parsed.html ? parsed.html.slice(0, HTML_MAX) : null;
    const text = storable(parsed.text?.trim() || (shownHtml ? textFromHtml(shownHtml) : ''));
    const html = shownHtml ? storable(sanitizeEmailHtml(shownHtml)) : null;
    const facts: Partial<ProcessedEmail> = {
      fromAddress: from,
      fromName,
      toAddresses,
      replyTo: parsed.replyTo?.value[0]?.address?.toLowerCase() ?? null,
      subject,
      textBody: text || null,
      htmlBody: html,
      inReplyTo,
      references,
    };
    const loop = autoReplyReason(
      { headers, from, envelopeFrom: email.envelopeFrom, messageId: email.messageId },
      await ownIdentity(),
    );
    if (loop) return finish(email, 'ignored', loop, facts);

    const body = clip(stripQuotedReply(text) || subject || '(an e-mail with no text)', CASE_TEXT_MAX);
    const language: Locale = channel.language ?? detectLanguage(`${subject ?? ''}\n${body}`.slice(0, 4000));
    const ref = caseRefInSubject(subject) ?? caseRefInAddresses(toAddresses);
    const { staged, notes } = await stageAttachments(parsed);
    const now = clock.now();
    try {
      const outcome = await store.write(async (port) => {
        const current = await port.inboundMail.findEmail(emailId);
        if (current?.status !== 'received') throw new AlreadyProcessed();
        const repliedTo = await port.inboundMail.caseOfMessageIds(
          [...(inReplyTo ? [inReplyTo] : []), ...references].filter((id) => id !== email.messageId),
        );
        const byMessageId = repliedTo ? ((await liveCase(port.cases, repliedTo))?.id ?? null) : null;
        const refCaseId = ref ? await port.inboundMail.caseIdByRef(ref) : null;
        const refCase = refCaseId ? await liveCase(port.cases, refCaseId) : undefined;
        const decision = decideThread({
          byMessageId,
          ref,
          refCase: refCase
            ? { id: refCase.id, customerEmails: await customerEmails(port.customers, refCase.customerId) }
            : null,
          sender: from,
        });
        let caseId: string;
        let customerId: string;
        if (decision.kind === 'new') {
          const store: CaseStore = { cases: port.cases, customers: port.customers };
          const opened = await openCaseWithin(
            store,
            CONTEXT,
            {
              customer: { name: fromName ?? from.slice(0, from.indexOf('@')), email: from, language },
              channel: 'email',
              subject: subject ?? undefined,
              description: body,
              language,
              siteId: channel.siteId ?? undefined,
              ownerId: channel.ownerId,
            },
            now,
          );
          caseId = opened.case.id;
          customerId = opened.case.customerId;
        } else {
          const target = await port.cases.findVisibleCase(decision.caseId, visibilityFor(CONTEXT.actor), true);
          if (!target) throw new Error('the threaded case vanished');
          caseId = target.id;
          customerId = target.customerId;
          await port.cases.saveCase({ ...target, updatedAt: now });
          await appendCaseEvents(
            port.cases,
            CONTEXT,
            caseId,
            [
              {
                type: 'case.message_recorded',
                payload: { direction: 'inbound', channel: 'email', body, emailId },
              },
            ],
            now,
          );
        }
        const kept = [];
        for (const files of staged) {
          kept.push(
            ...(await recordStagedAttachments(port.attachments, CONTEXT, caseId, files, { via: 'email', emailId })),
          );
        }
        await port.inboundMail.appendEvent({
          type: 'email.received',
          subjectType: 'case',
          subjectId: caseId,
          actorId: null,
          requestId: null,
          payload: {
            emailId,
            channelId: channel.id,
            threadedBy: decision.kind,
            attachmentIds: kept.map((a) => a.id),
            attachmentsRefused: notes.length,
          },
          occurredAt: now,
        });
        const ok = await port.inboundMail.completeProcessing(emailId, {
          ...facts,
          fromAddress: from,
          fromName,
          toAddresses,
          replyTo: facts.replyTo ?? null,
          subject,
          textBody: text || null,
          htmlBody: html,
          inReplyTo,
          references,
          status: 'threaded',
          reason: notes.length > 0 ? clip(notes.join('; '), 1000) : null,
          caseId,
          customerId,
          language,
          attachmentIds: kept.map((a) => a.id),
          at: now,
        });
        if (!ok) throw new AlreadyProcessed();
        return 'threaded' as const;
      });
      return outcome;
    } catch (error) {
      await Promise.all(staged.map((s) => s.discard()));
      if (error instanceof AlreadyProcessed) return 'skipped';
      throw error;
    }
  };

  /** Inbound mail for administrators, newest first: metadata only. */
  const listEmails = async (
    ctx: Context,
    query: InboundMailQuery,
  ): Promise<{ items: InboundEmail[]; nextCursor: string | null }> => {
    requirePermission(ctx.actor, 'config:read');
    const limit = query.limit ?? 50;
    const rows = await store.read.inboundMail.listEmails({
      status: query.status,
      limit: limit + 1,
      cursor: query.cursor,
    });
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
  };

  /** Puts an ignored or unparsed message through processing again (e.g. after fixing a channel). */
  const reprocess = async (ctx: Context, id: string): Promise<InboundEmail> => {
    requirePermission(ctx.actor, 'config:manage');
    const now = clock.now();
    return store.write(async ({ inboundMail }) => {
      const email = await inboundMail.findEmail(id);
      if (!email) throw new AppError(ErrorCode.NotFound, 'No such inbound e-mail');
      if (!(await inboundMail.resetForReprocess(id, now))) {
        throw new AppError(ErrorCode.Conflict, 'Only ignored or unparsed mail is processed again', [
          { field: '/params/id', message: `is ${email.status}` },
        ]);
      }
      await inboundMail.queueProcessing(id, now);
      return { ...email, status: 'received' as const, reason: null, updatedAt: now };
    });
  };

  /** The smtp channel receiving at `address` (or its `+tag` form), when enabled. */
  const channelForAddress = async (address: string): Promise<IntakeChannel | undefined> => {
    const wanted = tryNormalizeEmail(address);
    if (!wanted) return undefined;
    const at = wanted.lastIndexOf('@');
    const local = wanted.slice(0, at);
    const base = `${local.includes('+') ? local.slice(0, local.indexOf('+')) : local}${wanted.slice(at)}`;
    return (await store.read.inboundMail.enabledChannels('smtp')).find((c) => c.address === base);
  };

  const pollMailboxes = mailboxPoll({ store, clock, mailbox, receiveRaw });

  /**
   * Gives up on a message whose processing failed on every attempt: it is kept as `unparsed` with
   * the reason (what failed, never its content), so it shows in the log and can be reprocessed.
   */
  const abandonEmail = async (emailId: string, reason: string): Promise<void> => {
    const email = await store.read.inboundMail.findEmail(emailId);
    if (!email || email.status !== 'received') return;
    await finish(email, 'unparsed', clip(`processing failed: ${reason}`, 500));
  };

  return { receiveRaw, processEmail, abandonEmail, listEmails, reprocess, channelForAddress, pollMailboxes };
};

export type InboundMailService = ReturnType<typeof createInboundMailService>;
