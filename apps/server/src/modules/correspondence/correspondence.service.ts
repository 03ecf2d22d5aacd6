import { Locales, type EmailTemplateKind, type Locale, type SendCaseEmailBody } from '@redress/contract';
import type { Clock } from '../../shared/clock.ts';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { signLink } from '../../shared/signed-token.ts';
import { actorId, systemContext, type Context, type NewEvent, type UnitOfWork } from '../../shared/unit-of-work.ts';
import { can, requirePermission } from '../access/index.ts';
import { appendCaseEvents, loadVisibleCase } from '../cases/index.ts';
import { problemLine } from '../followups/index.ts';
import {
  addressOf,
  AUTOMATIC_PER_ADDRESS,
  CASE_LINK_DAYS,
  daysAfter,
  describeSmtpError,
  hearBackBy,
  isPermanentSmtpFailure,
  mailLanguage,
  messageIdFor,
  nextSendAttemptAt,
  NO_MAIL_SERVER,
  oneLine,
  plusTagged,
  PRIVATE_LINK_MARKER,
  RATE_LIMIT_WINDOW_MS,
  RATE_LIMITED,
  RATE_LIMITED_KINDS,
  referencesFor,
  SURVEY_LINK_DAYS,
  withoutPrivateLinks,
} from './correspondence.ts';
import type { CaseMailFacts, CorrespondencePort, EmailRecord } from './correspondence.repository.ts';
import { createEmailTemplateAdmin } from './email-templates.service.ts';
import type { CustomerMailer } from './mailer.ts';
import { formatDay, formatHearBackBy, renderEmail } from './render.ts';
import { AUTOMATIC_KINDS, SHIPPED_TEMPLATES } from './templates.ts';

/** The event a trigger reacts to (a subset of the event job payload). */
export interface TriggerEvent {
  readonly id: string;
  readonly type: string;
  readonly subjectId: string;
  readonly payload: Record<string, unknown>;
}

/** What a trigger did, for the job log: queued, or why not. */
export type TriggerOutcome = 'queued' | 'already' | 'no_address' | 'no_case' | 'not_for_mail';

/** What one send attempt did; `retry`: the next attempt is queued as its own job. */
export type SendOutcome = 'sent' | 'failed' | 'suppressed' | 'retry' | 'skipped';

/** The events that make an e-mail. */
export const TRIGGER_EVENTS = ['case.created', 'case.status_changed', 'followup.sent', 'portal.link_requested'];

const isLocale = (language: unknown): language is Locale =>
  typeof language === 'string' && (Locales as readonly string[]).includes(language);

/** `email.failed` for an e-mail that will not go (failed, or suppressed and why). */
const failedEvent = (
  caseId: string,
  email: { readonly id: string; readonly template: string | null },
  status: 'failed' | 'suppressed',
  reason: string | null,
  attempts: number,
  at: Date,
): NewEvent => ({
  type: 'email.failed',
  subjectType: 'case',
  subjectId: caseId,
  actorId: null,
  requestId: null,
  payload: { emailId: email.id, template: email.template, status, attempts, reason },
  occurredAt: at,
});

/**
 * Customer e-mail: templates administrators edit, the outbox (rows queued in the state change's
 * unit of work, then sent by a job with retries), the triggers that write acknowledgements,
 * resolutions, follow-ups and links, and an agent's e-mail to the customer.
 */
export const createCorrespondenceService = ({
  store,
  clock,
  mailer,
  publicUrl,
  mailFrom,
  linkKey,
}: {
  store: UnitOfWork<CorrespondencePort>;
  clock: Clock;
  /** Null when no outgoing mail server is configured: e-mails are then marked `suppressed`. */
  mailer: CustomerMailer | null;
  publicUrl: string;
  /**
   * The From header (`Name <address>`). Replies go to an enabled SMTP/IMAP intake channel's
   * address, plus-tagged with the case reference; only when there is no such channel to MAIL_FROM's
   * address plus-tagged — and then replies reach a case only if that mailbox is itself an intake
   * channel (or forwards to one).
   */
  mailFrom: string;
  /** The key that signs portal and survey links. */
  linkKey: () => Promise<string>;
}) => {
  const base = publicUrl.replace(/\/+$/, '');
  const templates = createEmailTemplateAdmin({ store, clock, publicUrl, linkKey });
  const fromAddress = addressOf(mailFrom) ?? 'redress@localhost';
  const fromName = mailFrom.includes('<') ? mailFrom.slice(0, mailFrom.indexOf('<')).trim().replace(/^"|"$/g, '') : '';

  const unixSeconds = (at: Date): number => Math.floor(at.getTime() / 1000);

  const portalLinkFor = (key: string, caseId: string, now: Date): string =>
    `${base}/portal/case#token=${signLink(key, { purpose: 'case', caseId, expiresAt: unixSeconds(daysAfter(now, CASE_LINK_DAYS)) })}`;

  /**
   * Renders, stores and queues one e-mail to the case's customer, in the caller's unit of work:
   * the outbox row, `email.queued`, `case.message_recorded` and the send job commit together.
   * Two copies are rendered: the customer's, with the private links, kept apart for the send and
   * never returned; and the one stored as the e-mail's text and recorded on the timeline (what
   * staff, webhooks and search see), where each private link is a marker. An acknowledgement or
   * private link beyond the per-address limit is stored `suppressed` instead of queued.
   * Returns false when a row with this id exists (a trigger run again).
   */
  const queueEmail = async (
    port: CorrespondencePort,
    ctx: Context,
    input: {
      readonly emailId: string;
      readonly facts: CaseMailFacts & { readonly customerEmail: string };
      readonly kind: EmailTemplateKind;
      readonly language: Locale;
      readonly values: Readonly<Record<string, string>>;
      readonly subject?: string | undefined;
      /** What the timeline shows as the message (an agent's own words); the rendered text otherwise. */
      readonly timelineBody?: string | undefined;
      readonly now: Date;
    },
  ): Promise<boolean> => {
    const { facts, kind, language, now } = input;
    const stored = await port.correspondence.findTemplate(kind, language);
    const template = stored ?? SHIPPED_TEMPLATES[kind][language];
    const chosen = input.subject ? { subject: input.subject, body: template.body } : template;
    const values: Record<string, string> = {
      customerName: facts.customerName,
      caseRef: facts.ref,
      caseSubject: facts.subject ?? oneLine(facts.description),
      ...input.values,
    };
    const options = { language, caseRef: facts.ref };
    const outgoing = renderEmail(chosen, values, options);
    const marker = PRIVATE_LINK_MARKER[language];
    const kept = renderEmail(
      chosen,
      Object.fromEntries(Object.entries(values).map(([name, value]) => [name, withoutPrivateLinks(value, language)])),
      { ...options, linkMarker: marker },
    );
    const parent = facts.threadParent;
    const replyTo = plusTagged(facts.intakeAddress ?? fromAddress, facts.ref);
    const inserted = await port.correspondence.insertOutbound({
      id: input.emailId,
      caseId: facts.caseId,
      customerId: facts.customerId,
      messageId: messageIdFor(input.emailId, publicUrl),
      inReplyTo: parent?.messageId ?? null,
      references: referencesFor(parent),
      fromAddress,
      fromName: fromName || null,
      to: facts.customerEmail,
      replyTo,
      subject: outgoing.subject,
      text: kept.text,
      html: kept.html,
      sendText: outgoing.text,
      sendHtml: outgoing.html,
      template: kind,
      language,
      createdAt: now,
    });
    if (!inserted) return false;
    const automatic = AUTOMATIC_KINDS.includes(kind);
    const limited =
      (RATE_LIMITED_KINDS as readonly string[]).includes(kind) &&
      (await port.correspondence.countRecentTo(
        facts.customerEmail.toLowerCase(),
        RATE_LIMITED_KINDS,
        new Date(now.getTime() - RATE_LIMIT_WINDOW_MS),
      )) > AUTOMATIC_PER_ADDRESS;
    await port.correspondence.appendEvent({
      type: 'email.queued',
      subjectType: 'case',
      subjectId: facts.caseId,
      actorId: actorId(ctx.actor),
      requestId: ctx.requestId,
      payload: { emailId: input.emailId, template: kind, language, automatic },
      occurredAt: now,
    });
    if (limited) {
      await port.correspondence.finish(input.emailId, {
        status: 'suppressed',
        reason: RATE_LIMITED,
        lastError: null,
        attempts: 0,
        at: now,
      });
      await port.correspondence.appendEvent(
        failedEvent(facts.caseId, { id: input.emailId, template: kind }, 'suppressed', RATE_LIMITED, 0, now),
      );
    } else {
      await port.correspondence.queueSend(input.emailId, 0, now, now);
    }
    const message = {
      type: 'case.message_recorded',
      payload: {
        direction: 'outbound',
        channel: 'email',
        body: input.timelineBody === undefined ? kept.text : withoutPrivateLinks(input.timelineBody, language),
        emailId: input.emailId,
        template: kind,
        automatic,
      },
    };
    if (automatic) {
      // An automatic e-mail is not an answer from a person: recorded on the timeline (search,
      // the portal) without reconciling the clocks, so it never meets a first-response clock.
      await port.cases.appendEvent({
        ...message,
        subjectType: 'case',
        subjectId: facts.caseId,
        actorId: actorId(ctx.actor),
        requestId: ctx.requestId,
        occurredAt: now,
      });
    } else {
      await appendCaseEvents(port.cases, ctx, facts.caseId, [message], now);
    }
    return true;
  };

  const hasAddress = (facts: CaseMailFacts): facts is CaseMailFacts & { customerEmail: string } =>
    facts.customerEmail !== null;

  /** The e-mail id a trigger writes: derived from the event, so a rerun finds its row. */
  const emailIdForEvent = (eventId: string): string => `eml_${eventId.slice(eventId.indexOf('_') + 1)}`;

  /**
   * Turns a case or portal event into its e-mail (idempotent by event id): the acknowledgement on
   * `case.created`, the resolution on `case.status_changed` to resolved, the follow-up with its
   * survey link on `followup.sent`, a fresh private link on `portal.link_requested`.
   */
  const trigger = async (event: TriggerEvent): Promise<TriggerOutcome> => {
    const resolved = event.type === 'case.status_changed' && event.payload.to === 'resolved';
    if (!TRIGGER_EVENTS.includes(event.type) || (event.type === 'case.status_changed' && !resolved)) {
      return 'not_for_mail';
    }
    const key = await linkKey();
    const ctx = systemContext('correspondence');
    const emailId = emailIdForEvent(event.id);
    return store.write(async (port) => {
      const facts = await port.correspondence.caseMailFacts(event.subjectId);
      if (!facts) return 'no_case';
      if (!hasAddress(facts)) return 'no_address';
      const now = clock.now();
      // A link asked for in a language, or a follow-up sent in its survey's language.
      const requested =
        event.type === 'portal.link_requested' || event.type === 'followup.sent' ? event.payload.language : undefined;
      const language = isLocale(requested) ? requested : mailLanguage(facts.language, facts.customerLanguage);
      const portalLink = portalLinkFor(key, facts.caseId, now);
      let kind: EmailTemplateKind;
      const values: Record<string, string> = { portalLink };
      if (event.type === 'case.created') {
        kind = 'acknowledgement';
        values.hearBackBy = formatHearBackBy(hearBackBy(facts.clocks, facts.createdAt), facts.timeZone, language);
      } else if (resolved) {
        kind = 'resolution';
        values.resolution = facts.resolutionText ?? '';
      } else if (event.type === 'followup.sent') {
        kind = 'follow_up';
        // A follow-up planned as a call alone (no address to write to) is the owner's to make.
        if (event.payload.plan === 'call') return 'not_for_mail';
        const surveyId = typeof event.payload.surveyId === 'string' ? event.payload.surveyId : null;
        if (!surveyId) return 'not_for_mail';
        const expiry = (await port.correspondence.surveyExpiresAt(surveyId)) ?? daysAfter(now, SURVEY_LINK_DAYS);
        const token = signLink(key, {
          purpose: 'survey',
          caseId: facts.caseId,
          surveyId,
          expiresAt: unixSeconds(expiry),
        });
        values.surveyLink = `${base}/portal/survey#token=${token}`;
        // The problem in one line from the case itself (the event carries none of the customer's words).
        values.problem = problemLine(facts.subject, facts.description);
      } else {
        kind = 'magic_link';
        values.linkExpiresOn = formatDay(daysAfter(now, CASE_LINK_DAYS), facts.timeZone, language);
      }
      const queued = await queueEmail(port, ctx, { emailId, facts, kind, language, values, now });
      return queued ? 'queued' : 'already';
    });
  };

  /**
   * An agent's e-mail to the customer of a case they may work on, and whether its address may be
   * shown to the caller (`customer:read`).
   */
  const sendCaseEmail = async (
    ctx: Context,
    caseId: string,
    body: SendCaseEmailBody,
  ): Promise<{ email: EmailRecord; showAddresses: boolean }> => {
    requirePermission(ctx.actor, 'case:update');
    const key = await linkKey();
    const emailId = newId('eml', clock.now());
    return store.write(async (port) => {
      await loadVisibleCase(port.cases, ctx, caseId, true);
      const facts = await port.correspondence.caseMailFacts(caseId);
      if (!facts) throw new AppError(ErrorCode.NotFound, 'No such case');
      if (!hasAddress(facts)) {
        throw new AppError(ErrorCode.ValidationFailed, 'The customer has no e-mail address', [
          { field: '/body/body', message: 'the customer has no e-mail address to send to' },
        ]);
      }
      const now = clock.now();
      const language = mailLanguage(facts.language, facts.customerLanguage);
      const kind = body.template ?? 'reply';
      await queueEmail(port, ctx, {
        emailId,
        facts,
        kind,
        language,
        values: { message: body.body.replace(/\r\n/g, '\n').trim(), portalLink: portalLinkFor(key, caseId, now) },
        subject: body.subject,
        timelineBody: body.body,
        now,
      });
      const email = await port.correspondence.findEmail(emailId);
      if (!email) throw new AppError(ErrorCode.Internal, 'The e-mail was not stored');
      return { email, showAddresses: can(ctx.actor, 'customer:read') };
    });
  };

  /**
   * Sends an e-mail of the case again: one that failed or was suppressed, or one left `queued`
   * with no job to send it (its last job died in a crash). It goes as it was written, with the
   * same Message-ID, from a fresh count of attempts. Anything else is a conflict.
   */
  const resendEmail = async (
    ctx: Context,
    caseId: string,
    emailId: string,
  ): Promise<{ email: EmailRecord; showAddresses: boolean }> => {
    requirePermission(ctx.actor, 'case:update');
    return store.write(async (port) => {
      await loadVisibleCase(port.cases, ctx, caseId, true);
      const found = await port.correspondence.findEmail(emailId);
      if (!found || found.caseId !== caseId || found.direction !== 'outbound') {
        throw new AppError(ErrorCode.NotFound, 'No such e-mail');
      }
      const stuck = found.status === 'queued' && !(await port.correspondence.hasLiveSend(emailId));
      if (found.status !== 'failed' && found.status !== 'suppressed' && !stuck) {
        throw new AppError(
          ErrorCode.Conflict,
          `The e-mail is ${found.status}: only a failed, suppressed or stuck one is sent again`,
        );
      }
      const now = clock.now();
      if (!(await port.correspondence.requeue(emailId, found.status, now))) {
        throw new AppError(ErrorCode.Conflict, 'The e-mail changed meanwhile; try again');
      }
      await port.correspondence.queueSend(emailId, 0, now, now);
      await port.correspondence.appendEvent({
        type: 'email.queued',
        subjectType: 'case',
        subjectId: caseId,
        actorId: actorId(ctx.actor),
        requestId: ctx.requestId,
        payload: {
          emailId,
          template: found.template,
          language: found.language,
          automatic: AUTOMATIC_KINDS.includes(found.template as EmailTemplateKind),
          resent: true,
        },
        occurredAt: now,
      });
      const email = await port.correspondence.findEmail(emailId);
      if (!email) throw new AppError(ErrorCode.Internal, 'The e-mail was not stored');
      return { email, showAddresses: can(ctx.actor, 'customer:read') };
    });
  };

  /**
   * The e-mails of a case the caller can see, oldest first, and whether addresses may be shown
   * (`customer:read`; each such view is recorded in the personal-data trail).
   */
  const listCaseEmails = async (
    ctx: Context,
    caseId: string,
  ): Promise<{ items: EmailRecord[]; showAddresses: boolean }> => {
    requirePermission(ctx.actor, 'case:read');
    const visible = await loadVisibleCase(store.read.cases, ctx, caseId);
    const items = await store.read.correspondence.listCaseEmails(caseId, 500);
    const showAddresses = can(ctx.actor, 'customer:read');
    if (showAddresses && ctx.actor.kind === 'user' && items.length > 0) {
      const entry = {
        customerId: visible.customerId,
        actorId: ctx.actor.userId,
        action: 'read' as const,
        requestId: ctx.requestId,
        detail: `e-mails of case ${visible.ref}`,
        at: clock.now(),
      };
      await store.write((port) => port.customers.recordAccess([entry]));
    }
    return { items, showAddresses };
  };

  const finishWith = async (
    email: EmailRecord,
    status: 'sent' | 'failed' | 'suppressed',
    detail: { reason: string | null; lastError: string | null; attempts: number },
  ): Promise<boolean> => {
    const now = clock.now();
    return store.write(async ({ correspondence }) => {
      const moved = await correspondence.finish(email.id, { status, ...detail, at: now });
      if (!moved || !email.caseId) return moved;
      await correspondence.appendEvent(
        status === 'sent'
          ? {
              type: 'email.sent',
              subjectType: 'case',
              subjectId: email.caseId,
              actorId: null,
              requestId: null,
              payload: { emailId: email.id, template: email.template, status, attempts: detail.attempts },
              occurredAt: now,
            }
          : failedEvent(email.caseId, email, status, detail.reason ?? detail.lastError, detail.attempts, now),
      );
      return true;
    });
  };

  /**
   * One attempt at sending a queued e-mail (the send job; `attempt` is the count of attempts the
   * job was queued after, and a job whose count is stale does nothing). The mail server's
   * acceptance is recorded by a conditional `queued → sent` with `email.sent`, so the event is
   * written once; if the process dies between the two, the job runs again and the mail is resent
   * once, with the same Message-ID. A refusal of the recipient or the message (550–554 to RCPT TO
   * or DATA), or the last attempt failing, marks it `failed` (`email.failed`). Any other failure —
   * a 4xx, a connection refused, an authentication refusal — is recorded and the next attempt is
   * queued as its own job, later and later, for a day (`SEND_MAX_ATTEMPTS`). Without a mail server
   * the e-mail is `suppressed` (reason "no outgoing mail server", `email.failed`), so nothing waits
   * silently for a server that was never configured.
   */
  const send = async (emailId: string, attempt?: number): Promise<SendOutcome> => {
    const email = await store.read.correspondence.findEmail(emailId);
    if (!email || email.direction !== 'outbound' || email.status !== 'queued') return 'skipped';
    if (attempt !== undefined && email.attempts !== attempt) return 'skipped';
    if (!mailer) {
      await finishWith(email, 'suppressed', { reason: NO_MAIL_SERVER, lastError: null, attempts: email.attempts });
      return 'suppressed';
    }
    const to = email.toAddresses[0];
    if (!to) {
      await finishWith(email, 'failed', { reason: 'no recipient', lastError: null, attempts: email.attempts });
      return 'failed';
    }
    // The customer's copy, with its private links (an e-mail stored before there was one: its text).
    const body = (await store.read.correspondence.findOutgoing(emailId)) ?? {
      text: email.textBody ?? '',
      html: email.htmlBody ?? '',
    };
    const attempts = email.attempts + 1;
    try {
      await mailer.send({
        from: email.fromName
          ? `${email.fromName} <${email.fromAddress ?? fromAddress}>`
          : (email.fromAddress ?? fromAddress),
        to,
        replyTo: email.replyTo ?? plusTagged(fromAddress, email.caseId ?? ''),
        subject: email.subject ?? '',
        text: body.text,
        html: body.html,
        messageId: email.messageId,
        inReplyTo: email.inReplyTo,
        references: email.references,
        autoSubmitted:
          email.template && AUTOMATIC_KINDS.includes(email.template as EmailTemplateKind)
            ? email.inReplyTo && email.template === 'acknowledgement'
              ? 'auto-replied'
              : 'auto-generated'
            : null,
      });
    } catch (error) {
      const lastError = describeSmtpError(error);
      const now = clock.now();
      const next = isPermanentSmtpFailure(error) ? null : nextSendAttemptAt(attempts, now);
      if (!next) {
        await finishWith(email, 'failed', { reason: lastError, lastError, attempts });
        return 'failed';
      }
      await store.write(async ({ correspondence }) => {
        if (await correspondence.recordRetry(email.id, email.attempts, lastError, now)) {
          await correspondence.queueSend(email.id, attempts, next, now);
        }
      });
      return 'retry';
    }
    await finishWith(email, 'sent', { reason: null, lastError: null, attempts });
    return 'sent';
  };

  return {
    ...templates,
    trigger,
    sendCaseEmail,
    resendEmail,
    listCaseEmails,
    send,
    /** True when an outgoing mail server is configured. */
    mailConfigured: mailer !== null,
  };
};

export type CorrespondenceService = ReturnType<typeof createCorrespondenceService>;
