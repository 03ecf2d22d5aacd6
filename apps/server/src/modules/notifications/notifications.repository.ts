import type { EmailMode, Locale, NotificationKind } from '@redress/contract';
import type { NotificationData } from './notification.texts.ts';

/** The case an event is about, as notifications need it. */
export interface CaseFacts {
  readonly id: string;
  readonly ref: string;
  readonly subject: string | null;
  readonly siteId: string | null;
  readonly ownerId: string;
  readonly escalationLevel: number;
  /** The site's IANA zone; null for a case without a site. */
  readonly timeZone: string | null;
  /** Teams and users with an internal task on the case: they may open it (case visibility). */
  readonly taskTeamIds: readonly string[];
  readonly taskUserIds: readonly string[];
}

/** A ladder level as notifications need it: who stands there and what it is called. */
export interface LevelFacts {
  readonly rank: number;
  readonly roles: readonly string[];
  readonly teamId: string | null;
  readonly names: Readonly<Record<string, string>>;
}

/** A user who might be told something, with what decides their scope. */
export interface StaffMember {
  readonly id: string;
  readonly role: string;
  readonly email: string;
  readonly locale: Locale;
  readonly disabled: boolean;
  readonly homeSiteId: string | null;
  readonly teams: readonly { readonly id: string; readonly siteId: string | null }[];
}

export type EmailState = 'pending' | 'sent' | 'digest' | 'skipped' | 'failed';

export interface StoredNotification {
  readonly id: string;
  readonly userId: string;
  readonly kind: NotificationKind;
  readonly caseId: string | null;
  readonly eventId: string;
  readonly data: NotificationData;
  readonly createdAt: Date;
  readonly readAt: Date | null;
  readonly emailState: EmailState;
  readonly emailedAt: Date | null;
}

export type NewNotification = Omit<StoredNotification, 'readAt' | 'emailedAt'>;

/** The notifications module's port onto storage. */
export interface NotificationRepository {
  findCaseFacts(caseId: string): Promise<CaseFacts | undefined>;
  /** The ladder, lowest rank first. */
  listLevels(): Promise<LevelFacts[]>;
  /** Users holding one of `roles`, in one of `teamIds`, or named in `userIds` (disabled ones too). */
  listStaff(filter: {
    readonly roles: readonly string[];
    readonly teamIds: readonly string[];
    readonly userIds: readonly string[];
  }): Promise<StaffMember[]>;
  /** The proposal a decision is about: who proposed it and what it is (amount in minor units). */
  findCompensation(compensationId: string): Promise<
    | {
        readonly proposedBy: string | null;
        readonly kind: string;
        readonly amount: number | null;
        readonly currency: string | null;
      }
    | undefined
  >;
  findCommitmentText(commitmentId: string): Promise<string | null>;
  /** Each listed user's chosen e-mail mode; users who chose nothing are absent. */
  emailModes(userIds: readonly string[]): Promise<Map<string, EmailMode>>;
  /**
   * Inserts each notification unless one exists for its (user, event) — on conflict nothing —
   * and returns the ones actually inserted.
   */
  insertNotifications(rows: readonly NewNotification[]): Promise<NewNotification[]>;
  /** Enqueues the e-mail job for one notification, in this unit of work (deterministic id). */
  queueEmail(notificationId: string, now: Date): Promise<void>;

  /** One page of a user's notifications, newest first; ids before `beforeId` when given. */
  listForUser(
    userId: string,
    filter: { readonly unreadOnly: boolean; readonly beforeId: string | null; readonly limit: number },
  ): Promise<StoredNotification[]>;
  countUnread(userId: string): Promise<number>;
  /** The notification when it belongs to `userId`; undefined otherwise (another user's looks absent). */
  findForUser(id: string, userId: string): Promise<StoredNotification | undefined>;
  /** Marks it read if unread; returns the notification as stored afterwards. */
  markRead(id: string, userId: string, now: Date): Promise<StoredNotification | undefined>;
  markAllRead(userId: string, now: Date): Promise<number>;
  findEmailMode(userId: string): Promise<EmailMode | undefined>;
  saveEmailMode(userId: string, mode: EmailMode, now: Date): Promise<void>;

  findNotification(id: string): Promise<StoredNotification | undefined>;
  findStaff(userId: string): Promise<StaffMember | undefined>;
  /**
   * Moves the listed notifications' e-mail state from one of `from` to `to`, stamping
   * `emailed_at`; returns how many moved (0 when another run already did).
   */
  setEmailState(ids: readonly string[], from: readonly EmailState[], to: EmailState, now: Date): Promise<number>;
  /** Users with notifications waiting for the digest, by id, after `afterUserId`. */
  listDigestUsers(afterUserId: string | null, limit: number): Promise<string[]>;
  /** Up to `limit` of a user's notifications waiting for the digest, newest first. */
  listDigest(userId: string, limit: number): Promise<StoredNotification[]>;
}
