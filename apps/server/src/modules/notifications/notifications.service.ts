import type { EmailMode, NotificationKind, NotificationListQuery } from '@redress/contract';
import type { Clock } from '../../shared/clock.ts';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { Context, UnitOfWork } from '../../shared/unit-of-work.ts';
import { scopeCoversSite, scopeFor } from '../access/index.ts';
import { visibilityFor } from '../cases/index.ts';
import type { Mailer } from './mailer.ts';
import {
  DEFAULT_EMAIL_MODE,
  initialEmailState,
  KIND_BY_EVENT,
  recipientsFor,
  type NotifiableEvent,
  type Person,
} from './notification.ts';
import { composeDigest, composeEmail, emailSafeData, type MailItem } from './notification.email.ts';
import { localeOf, renderNotification, type NotificationData } from './notification.texts.ts';
import type {
  CaseFacts,
  NewNotification,
  NotificationRepository,
  StaffMember,
  StoredNotification,
} from './notifications.repository.ts';
import { int, str } from './payload.ts';

export interface NotificationServiceDeps {
  readonly store: UnitOfWork<NotificationRepository>;
  readonly clock: Clock;
  /** The mail transport; null when no mail server is configured (e-mails are skipped). */
  readonly mailer: Mailer | null;
  /** The console's base URL, for links to cases (no trailing slash needed). */
  readonly publicUrl: string;
  /** The host part of Message-IDs. */
  readonly messageIdDomain?: string;
}

/** Notifications listed in one digest mail; the rest are counted ("… and 12 more"). */
const DIGEST_LISTED = 20;
/** Notifications one digest run takes per user; any beyond wait for the next run. */
const DIGEST_BATCH = 500;
/** Users per page while walking everyone with a digest waiting. */
const DIGEST_USERS_PAGE = 200;

const notFound = () => new AppError(ErrorCode.NotFound, 'No such notification');

const CURSOR = /^ntf_[0-9A-Z]{26}$/;

const userIdOf = (ctx: Context): string => {
  if (ctx.actor.kind !== 'user') throw new AppError(ErrorCode.Forbidden, 'Notifications belong to users');
  return ctx.actor.userId;
};

/**
 * A staff member placed relative to the case: whether their scope covers its site, and whether
 * they may open it — the rule `cases` applies in SQL (visibilityFor: their sites, except for
 * department members; the case they own; a task on it for them or one of their teams).
 */
const toPerson = (staff: StaffMember, onCase: CaseFacts): Person => {
  const scope = scopeFor(staff.role, staff.homeSiteId, staff.teams);
  const visibility = visibilityFor({ kind: 'user', userId: staff.id, role: staff.role, via: 'token', scope });
  const mayOpenCase =
    visibility.all ||
    (onCase.siteId !== null && visibility.siteIds.includes(onCase.siteId)) ||
    onCase.ownerId === staff.id ||
    onCase.taskUserIds.includes(staff.id) ||
    visibility.teamIds.some((teamId) => onCase.taskTeamIds.includes(teamId));
  return {
    id: staff.id,
    role: staff.role,
    disabled: staff.disabled,
    teamIds: scope.teamIds,
    atCaseSite: scopeCoversSite(scope, onCase.siteId),
    mayOpenCase,
  };
};

/**
 * The facts a notification keeps: a chosen few fields of the event (never the escalation summary
 * or anything else that may carry the customer's details), plus the case context at the time.
 */
const PAYLOAD_FIELDS = [
  'currentCount',
  'baselineAverage',
  'clockId',
  'key',
  'kind',
  'cycle',
  'dueAt',
  'percent',
  'commitmentId',
  'text',
  'proposedDueAt',
  'draft',
  'language',
  'fromRank',
  'toRank',
  'trigger',
  'compensationId',
  'amount',
  'currency',
  'requiredRank',
  'note',
  'decisionNote',
] as const;

/** A link to the case in the console. */
const caseLink = (publicUrl: string, caseId: string | null): string | null =>
  caseId ? `${publicUrl.replace(/\/+$/, '')}/cases/${encodeURIComponent(caseId)}` : null;

/**
 * Notifications: made from events by a job (as the system), read by their owner, and e-mailed
 * one by one or in an hourly digest.
 */
export const createNotificationService = ({
  store,
  clock,
  mailer,
  publicUrl,
  messageIdDomain = 'redress.invalid',
}: NotificationServiceDeps) => {
  /** The notification in `locale`'s words, as the API shows it. */
  const view = (n: StoredNotification, locale: string) => {
    const rendered = renderNotification(n.kind, n.data, localeOf(locale));
    const draftMessage = n.kind === 'commitment_at_risk' ? str(n.data.draft) : null;
    return {
      notification: n,
      rendered,
      link: caseLink(publicUrl, n.caseId),
      draft: draftMessage ? { message: draftMessage, proposedDueAt: str(n.data.proposedDueAt) } : null,
    };
  };
  type View = ReturnType<typeof view>;

  /** The notification as an e-mail shows it: no free text (see `emailSafeData`), a link to the case. */
  const mailItem = (n: StoredNotification, locale: string): MailItem => ({
    rendered: renderNotification(n.kind, emailSafeData(n.data), localeOf(locale)),
    link: caseLink(publicUrl, n.caseId),
  });

  const localeFor = async (repo: NotificationRepository, userId: string): Promise<string> =>
    (await repo.findStaff(userId))?.locale ?? 'en';

  /**
   * Turns one event into notifications for its recipients, each once per (user, event) however
   * often this runs; queues the `immediate` e-mails in the same transaction. Returns how many
   * notifications were new. Runs as the system (the fan-out job).
   */
  const notifyForEvent = async (event: NotifiableEvent): Promise<{ created: number }> => {
    const kind = KIND_BY_EVENT[event.type];
    if (!kind) return { created: 0 };
    if (event.subjectType === 'case') return notifyThrough(event, kind, event.subjectId);
    if (kind !== 'recurrence_spike') return { created: 0 };
    // A spike spans sites: each site where its cases are is told through its own newest case there
    // (the one its people open first, and one they may open).
    const caseIds = (Array.isArray(event.payload.caseIds) ? event.payload.caseIds : []).flatMap((id) => {
      const text = str(id);
      return text ? [text] : [];
    });
    const newestPerSite = new Map<string, string>();
    for (const caseId of caseIds.reverse()) {
      const facts = await store.read.findCaseFacts(caseId);
      if (facts && !newestPerSite.has(facts.siteId ?? '')) newestPerSite.set(facts.siteId ?? '', caseId);
    }
    let created = 0;
    for (const caseId of newestPerSite.values()) created += (await notifyThrough(event, kind, caseId)).created;
    return { created };
  };

  /** Notifies the recipients of `event` about the case `caseId` (see `notifyForEvent`). */
  const notifyThrough = async (
    event: NotifiableEvent,
    kind: NotificationKind,
    caseId: string,
  ): Promise<{ created: number }> => {
    const now = clock.now();
    return store.write(async (repo) => {
      const facts = await repo.findCaseFacts(caseId);
      if (!facts) return { created: 0 };
      const levels = await repo.listLevels();
      const compensationId = str(event.payload.compensationId);
      const decided = kind === 'compensation_approved' || kind === 'compensation_rejected';
      // A decision's event names only the proposal: what it was and who proposed it are read here.
      const proposal = decided && compensationId ? await repo.findCompensation(compensationId) : undefined;
      const proposerId = decided ? (str(event.payload.proposedBy) ?? proposal?.proposedBy ?? null) : null;
      const staff = await repo.listStaff({
        roles: [...new Set(['supervisor', 'manager', ...levels.flatMap((l) => l.roles)])],
        teamIds: levels.flatMap((l) => (l.teamId ? [l.teamId] : [])),
        userIds: [facts.ownerId, ...(proposerId ? [proposerId] : [])],
      });
      const recipients = recipientsFor(event, {
        case: facts,
        levels,
        people: staff.map((member) => toPerson(member, facts)),
        proposerId,
      });
      if (recipients.length === 0) return { created: 0 };

      const data: Record<string, unknown> = {};
      for (const field of PAYLOAD_FIELDS) {
        if (event.payload[field] !== undefined) data[field] = event.payload[field];
      }
      if (proposal) {
        Object.assign(data, { kind: proposal.kind, amount: proposal.amount, currency: proposal.currency });
      }
      if (kind === 'commitment_broken' && !str(data.text)) {
        const commitmentId = str(event.payload.commitmentId);
        if (commitmentId) data.text = await repo.findCommitmentText(commitmentId);
      }
      const rank = int(event.payload.toRank) ?? int(event.payload.requiredRank);
      const level = rank === null ? undefined : levels.find((l) => l.rank === rank);
      Object.assign(data, {
        caseRef: facts.ref,
        caseSubject: facts.subject,
        timeZone: facts.timeZone ?? 'UTC',
        ...(level ? { levelNames: level.names } : {}),
      } satisfies NotificationData);

      const modes = await repo.emailModes(recipients);
      const rows: NewNotification[] = recipients.map((userId) => ({
        id: newId('ntf', now),
        userId,
        kind,
        caseId: facts.id,
        eventId: event.id,
        data,
        createdAt: now,
        emailState: initialEmailState(modes.get(userId) ?? DEFAULT_EMAIL_MODE, mailer !== null),
      }));
      const inserted = await repo.insertNotifications(rows);
      for (const row of inserted) if (row.emailState === 'pending') await repo.queueEmail(row.id, now);
      return { created: inserted.length };
    });
  };

  /** The caller's notifications, newest first, rendered in their language. */
  const listNotifications = async (
    ctx: Context,
    query: NotificationListQuery,
  ): Promise<{ items: View[]; nextCursor: string | null; unreadCount: number }> => {
    const userId = userIdOf(ctx);
    if (query.cursor !== undefined && !CURSOR.test(query.cursor)) {
      throw new AppError(ErrorCode.ValidationFailed, 'Bad cursor', [
        { field: '/querystring/cursor', message: 'not a cursor from this list' },
      ]);
    }
    const limit = query.limit ?? 50;
    const repo = store.read;
    const [rows, unreadCount, locale] = await Promise.all([
      repo.listForUser(userId, { unreadOnly: query.unread === true, beforeId: query.cursor ?? null, limit: limit + 1 }),
      repo.countUnread(userId),
      localeFor(repo, userId),
    ]);
    const page = rows.slice(0, limit);
    return {
      items: page.map((n) => view(n, locale)),
      nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
      unreadCount,
    };
  };

  /** Marks one of the caller's notifications read; someone else's is not found. */
  const markRead = async (ctx: Context, id: string): Promise<View> => {
    const userId = userIdOf(ctx);
    const now = clock.now();
    return store.write(async (repo) => {
      const updated = await repo.markRead(id, userId, now);
      if (!updated) throw notFound();
      return view(updated, await localeFor(repo, userId));
    });
  };

  const markAllRead = async (ctx: Context): Promise<{ updated: number }> => {
    const userId = userIdOf(ctx);
    const now = clock.now();
    return { updated: await store.write((repo) => repo.markAllRead(userId, now)) };
  };

  const getSettings = async (ctx: Context): Promise<{ email: EmailMode }> => {
    const userId = userIdOf(ctx);
    return { email: (await store.read.findEmailMode(userId)) ?? DEFAULT_EMAIL_MODE };
  };

  /**
   * Saves the caller's e-mail choice. It applies to notifications made from now on; ones already
   * waiting for a digest still go in the next digest unless the choice is `off`.
   */
  const updateSettings = async (ctx: Context, email: EmailMode): Promise<{ email: EmailMode }> => {
    const userId = userIdOf(ctx);
    const now = clock.now();
    await store.write((repo) => repo.saveEmailMode(userId, email, now));
    return { email };
  };

  const messageId = (key: string): string => `<${key}@${messageIdDomain}>`;

  /**
   * E-mails one notification (the `immediate` path). Idempotent: a notification whose e-mail is
   * no longer `pending` is left alone, so a finished job that runs again sends nothing.
   *
   * The SMTP exchange cannot share a transaction with the database (and must not hold the
   * embedded store's single writer while it talks to a remote server), so it runs between a read
   * and a conditional update (`pending → sent`). If the process dies after the server accepted the
   * message but before the update commits, the retry sends it again: delivery is at least once,
   * and the repeated mail carries the same Message-ID so mail clients can fold it. A permanent
   * refusal marks it `failed` at once; on the last attempt a transient error does too.
   */
  const sendEmail = async (
    notificationId: string,
    attempt: { readonly attempt: number; readonly maxAttempts: number },
  ): Promise<'sent' | 'skipped' | 'failed' | 'already'> => {
    const repo = store.read;
    const n = await repo.findNotification(notificationId);
    if (!n || n.emailState !== 'pending') return 'already';
    const now = () => clock.now();
    const recipient = await repo.findStaff(n.userId);
    if (!mailer || !recipient || recipient.disabled) {
      await store.write((w) => w.setEmailState([n.id], ['pending'], 'skipped', now()));
      return 'skipped';
    }
    const content = composeEmail(mailItem(n, recipient.locale), recipient.locale);
    let outcome: 'sent' | 'rejected';
    try {
      outcome = await mailer.send({ to: recipient.email, ...content, messageId: messageId(n.id) });
    } catch (error) {
      if (attempt.attempt >= attempt.maxAttempts) {
        await store.write((w) => w.setEmailState([n.id], ['pending'], 'failed', now()));
      }
      throw error;
    }
    const state = outcome === 'sent' ? 'sent' : 'failed';
    await store.write((w) => w.setEmailState([n.id], ['pending'], state, now()));
    return state;
  };

  /**
   * One digest mail per user with notifications waiting for it (oldest users' ids first), then
   * those notifications are marked `sent`. A user who has since chosen `off` gets none and theirs
   * are marked `skipped`. A failure for one user is reported and leaves their notifications for
   * the next run; the others go on. Same at-least-once edge as `sendEmail`.
   */
  const sendDigests = async (): Promise<{ mails: number; notifications: number; failures: unknown[] }> => {
    let after: string | null = null;
    let mails = 0;
    let notifications = 0;
    const failures: unknown[] = [];
    for (;;) {
      const userIds = await store.read.listDigestUsers(after, DIGEST_USERS_PAGE);
      if (userIds.length === 0) break;
      after = userIds.at(-1) ?? null;
      for (const userId of userIds) {
        try {
          const sent = await sendDigestTo(userId);
          if (sent > 0) mails += 1;
          notifications += sent;
        } catch (error) {
          failures.push(error);
        }
      }
      if (userIds.length < DIGEST_USERS_PAGE) break;
    }
    return { mails, notifications, failures };
  };

  const sendDigestTo = async (userId: string): Promise<number> => {
    const repo = store.read;
    const [waiting, recipient, mode] = await Promise.all([
      repo.listDigest(userId, DIGEST_BATCH),
      repo.findStaff(userId),
      repo.findEmailMode(userId),
    ]);
    if (waiting.length === 0) return 0;
    const ids = waiting.map((n) => n.id);
    if (!mailer || !recipient || recipient.disabled || mode === 'off') {
      await store.write((w) => w.setEmailState(ids, ['digest'], 'skipped', clock.now()));
      return 0;
    }
    const items: MailItem[] = waiting.slice(0, DIGEST_LISTED).map((n) => mailItem(n, recipient.locale));
    const content = composeDigest(items, waiting.length, recipient.locale);
    // The newest notification's id names this digest: a resend of the same batch keeps the id.
    const outcome = await mailer.send({
      to: recipient.email,
      ...content,
      messageId: messageId(`digest.${ids[0] ?? userId}`),
    });
    await store.write((w) => w.setEmailState(ids, ['digest'], outcome === 'sent' ? 'sent' : 'failed', clock.now()));
    return outcome === 'sent' ? ids.length : 0;
  };

  return {
    notifyForEvent,
    listNotifications,
    markRead,
    markAllRead,
    getSettings,
    updateSettings,
    sendEmail,
    sendDigests,
    /** True when e-mails can be sent (a mail server is configured). */
    mailConfigured: mailer !== null,
  };
};

export type NotificationService = ReturnType<typeof createNotificationService>;
