import type { Kysely, Selectable } from 'kysely';
import type { EmailMode, Locale, NotificationKind } from '@redress/contract';
import {
  EMAIL_JOB,
  type EmailState,
  type NotificationData,
  type NotificationRepository,
  type StaffMember,
  type StoredNotification,
} from '../../modules/notifications/index.ts';
import { readInt, readJson, readOptionalTime, readTime, toDbJson, toDbTime } from '../codec.ts';
import type { Tx } from '../database.ts';
import { enqueueJob } from '../jobs.repository.ts';
import type { Schema } from '../schema.ts';
import { listLadderLevels } from './escalation.repository.ts';

type Row = Selectable<Schema['notifications']>;

const toNotification = (row: Row): StoredNotification => ({
  id: row.id,
  userId: row.user_id,
  kind: row.kind as NotificationKind,
  caseId: row.case_id,
  eventId: row.event_id,
  data: readJson<NotificationData>(row.payload) ?? {},
  createdAt: readTime(row.created_at),
  readAt: readOptionalTime(row.read_at),
  emailState: row.email_state as EmailState,
  emailedAt: readOptionalTime(row.emailed_at),
});

/** Users with their team memberships, in two queries (no N+1). */
const loadStaff = async (
  db: Kysely<Schema>,
  where: (query: ReturnType<typeof baseStaffQuery>) => ReturnType<typeof baseStaffQuery>,
): Promise<StaffMember[]> => {
  const users = await where(baseStaffQuery(db)).execute();
  if (users.length === 0) return [];
  const memberships = await db
    .selectFrom('team_members')
    .innerJoin('teams', 'teams.id', 'team_members.team_id')
    .select(['team_members.user_id', 'teams.id', 'teams.site_id'])
    .where(
      'team_members.user_id',
      'in',
      users.map((u) => u.id),
    )
    .where('teams.archived_at', 'is', null)
    .execute();
  return users.map((u) => ({
    id: u.id,
    role: u.role,
    email: u.email,
    locale: u.locale as Locale,
    disabled: u.disabled_at !== null,
    homeSiteId: u.site_id,
    teams: memberships.filter((m) => m.user_id === u.id).map((m) => ({ id: m.id, siteId: m.site_id })),
  }));
};

const baseStaffQuery = (db: Kysely<Schema>) =>
  db.selectFrom('users').select(['users.id', 'role', 'email', 'locale', 'site_id', 'disabled_at']);

/** The notifications port on Kysely, for both SQLite and PostgreSQL. */
export const notificationsRepository = (db: Tx): NotificationRepository => {
  const findForUser = async (id: string, userId: string): Promise<StoredNotification | undefined> => {
    const row = await db
      .selectFrom('notifications')
      .selectAll()
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row ? toNotification(row) : undefined;
  };
  return {
    async findCaseFacts(caseId) {
      const row = await db
        .selectFrom('cases')
        .leftJoin('sites', 'sites.id', 'cases.site_id')
        .select([
          'cases.id',
          'cases.ref',
          'cases.subject',
          'cases.site_id',
          'cases.owner_id',
          'cases.escalation_level',
          'sites.time_zone',
        ])
        .where('cases.id', '=', caseId)
        .executeTakeFirst();
      if (!row) return undefined;
      const tasks = await db
        .selectFrom('internal_tasks')
        .select(['assignee_team_id', 'assignee_user_id'])
        .where('case_id', '=', caseId)
        .execute();
      const present = (ids: (string | null)[]): string[] =>
        [...new Set(ids.filter((id): id is string => id !== null))].sort();
      return {
        id: row.id,
        ref: row.ref,
        subject: row.subject,
        siteId: row.site_id,
        ownerId: row.owner_id,
        escalationLevel: readInt(row.escalation_level),
        timeZone: row.time_zone,
        taskTeamIds: present(tasks.map((task) => task.assignee_team_id)),
        taskUserIds: present(tasks.map((task) => task.assignee_user_id)),
      };
    },

    async listLevels() {
      return (await listLadderLevels(db)).map((level) => ({
        rank: level.rank,
        roles: level.roles,
        teamId: level.teamId,
        names: level.names,
      }));
    },

    listStaff({ roles, teamIds, userIds }) {
      if (roles.length === 0 && teamIds.length === 0 && userIds.length === 0) return Promise.resolve([]);
      return loadStaff(db, (query) =>
        query.where((eb) => {
          const any = [];
          if (roles.length > 0) any.push(eb('users.role', 'in', [...roles]));
          if (userIds.length > 0) any.push(eb('users.id', 'in', [...userIds]));
          if (teamIds.length > 0) {
            any.push(
              eb.exists(
                eb
                  .selectFrom('team_members as tm')
                  .select('tm.user_id')
                  .whereRef('tm.user_id', '=', 'users.id')
                  .where('tm.team_id', 'in', [...teamIds]),
              ),
            );
          }
          return eb.or(any);
        }),
      );
    },

    async findStaff(userId) {
      return (await loadStaff(db, (query) => query.where('users.id', '=', userId)))[0];
    },

    async findCompensation(compensationId) {
      const row = await db
        .selectFrom('compensations')
        .select(['proposed_by', 'kind', 'amount', 'currency'])
        .where('id', '=', compensationId)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        proposedBy: row.proposed_by,
        kind: row.kind,
        amount: row.amount === null ? null : readInt(row.amount),
        currency: row.currency,
      };
    },

    async findCommitmentText(commitmentId) {
      const row = await db.selectFrom('commitments').select('text').where('id', '=', commitmentId).executeTakeFirst();
      return row?.text ?? null;
    },

    async emailModes(userIds) {
      if (userIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('notification_settings')
        .select(['user_id', 'email'])
        .where('user_id', 'in', [...userIds])
        .execute();
      return new Map(rows.map((r) => [r.user_id, r.email as EmailMode]));
    },

    async insertNotifications(rows) {
      if (rows.length === 0) return [];
      const inserted = await db
        .insertInto('notifications')
        .values(
          rows.map((n) => ({
            id: n.id,
            user_id: n.userId,
            kind: n.kind,
            case_id: n.caseId,
            event_id: n.eventId,
            payload: toDbJson(n.data),
            created_at: toDbTime(n.createdAt),
            email_state: n.emailState,
          })),
        )
        .onConflict((oc) => oc.columns(['user_id', 'event_id']).doNothing())
        .returning('id')
        .execute();
      const ids = new Set(inserted.map((r) => r.id));
      return rows.filter((n) => ids.has(n.id));
    },

    async queueEmail(notificationId, now) {
      await enqueueJob(
        db,
        { id: `${EMAIL_JOB}:${notificationId}`, name: EMAIL_JOB, payload: { notificationId }, maxAttempts: 6 },
        now,
      );
    },

    async listForUser(userId, { unreadOnly, beforeId, limit }) {
      let query = db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
      if (unreadOnly) query = query.where('read_at', 'is', null);
      if (beforeId) query = query.where('id', '<', beforeId);
      return (await query.orderBy('id', 'desc').limit(limit).execute()).map(toNotification);
    },

    async countUnread(userId) {
      const row = await db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow();
      return readInt(row.n);
    },

    findForUser,

    async markRead(id, userId, now) {
      await db
        .updateTable('notifications')
        .set({ read_at: toDbTime(now) })
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .execute();
      return findForUser(id, userId);
    },

    async markAllRead(userId, now) {
      const result = await db
        .updateTable('notifications')
        .set({ read_at: toDbTime(now) })
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async findEmailMode(userId) {
      const row = await db
        .selectFrom('notification_settings')
        .select('email')
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row ? (row.email as EmailMode) : undefined;
    },

    async saveEmailMode(userId, mode, now) {
      await db
        .insertInto('notification_settings')
        .values({ user_id: userId, email: mode, updated_at: toDbTime(now) })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ email: mode, updated_at: toDbTime(now) }))
        .execute();
    },

    async findNotification(id) {
      const row = await db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toNotification(row) : undefined;
    },

    async setEmailState(ids, from, to, now) {
      if (ids.length === 0 || from.length === 0) return 0;
      const result = await db
        .updateTable('notifications')
        .set({ email_state: to, emailed_at: toDbTime(now) })
        .where('id', 'in', [...ids])
        .where('email_state', 'in', [...from])
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async listDigestUsers(afterUserId, limit) {
      let query = db.selectFrom('notifications').select('user_id').distinct().where('email_state', '=', 'digest');
      if (afterUserId) query = query.where('user_id', '>', afterUserId);
      return (await query.orderBy('user_id').limit(limit).execute()).map((r) => r.user_id);
    },

    async listDigest(userId, limit) {
      const rows = await db
        .selectFrom('notifications')
        .selectAll()
        .where('user_id', '=', userId)
        .where('email_state', '=', 'digest')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toNotification);
    },
  };
};
