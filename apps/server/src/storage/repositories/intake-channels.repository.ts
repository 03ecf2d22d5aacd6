import type { IntakeChannelKind, Locale } from '@redress/contract';
import type { InboundMailRepository, IntakeChannel } from '../../modules/inbound-mail/index.ts';
import { readBool, readInt, readOptionalTime, readTime, toDbTime } from '../codec.ts';
import type { Tx } from '../database.ts';

type ChannelRow = {
  id: string;
  kind: string;
  name: string;
  address: string | null;
  site_id: string | null;
  owner_id: string;
  language: string | null;
  imap_host: string | null;
  imap_port: unknown;
  imap_secure: unknown;
  imap_user: string | null;
  imap_password: string | null;
  imap_mailbox: string | null;
  imap_uidvalidity: string | null;
  imap_last_uid: unknown;
  last_polled_at: unknown;
  last_error: string | null;
  enabled: unknown;
  created_at: unknown;
  updated_at: unknown;
};

const toChannel = (row: ChannelRow): IntakeChannel => ({
  id: row.id,
  kind: row.kind as IntakeChannelKind,
  name: row.name,
  address: row.address,
  siteId: row.site_id,
  ownerId: row.owner_id,
  language: row.language as Locale | null,
  enabled: readBool(row.enabled),
  imap:
    row.kind === 'imap' && row.imap_host && row.imap_user
      ? {
          host: row.imap_host,
          port: row.imap_port === null ? 993 : readInt(row.imap_port),
          secure: readBool(row.imap_secure),
          user: row.imap_user,
          mailbox: row.imap_mailbox ?? 'INBOX',
          passwordSet: Boolean(row.imap_password),
          uidvalidity: row.imap_uidvalidity,
          lastUid: row.imap_last_uid === null ? 0 : readInt(row.imap_last_uid),
          lastPolledAt: readOptionalTime(row.last_polled_at),
          lastError: row.last_error,
        }
      : null,
  createdAt: readTime(row.created_at),
  updatedAt: readTime(row.updated_at),
});

type ChannelPart = Pick<
  InboundMailRepository,
  | 'insertChannel'
  | 'updateChannel'
  | 'findChannel'
  | 'listChannels'
  | 'enabledChannels'
  | 'channelAddresses'
  | 'imapLogin'
  | 'advanceImap'
  | 'recordPoll'
>;

/** Intake channels on Kysely, for SQLite and PostgreSQL alike. */
export const intakeChannelsPart = (db: Tx): ChannelPart => ({
  async insertChannel(id, kind, fields, createdBy, at) {
    await db
      .insertInto('intake_channels')
      .values({
        id,
        kind,
        name: fields.name,
        address: fields.address,
        site_id: fields.siteId,
        owner_id: fields.ownerId,
        language: fields.language,
        imap_host: fields.imap?.host ?? null,
        imap_port: fields.imap?.port ?? null,
        imap_secure: fields.imap ? fields.imap.secure : null,
        imap_user: fields.imap?.user ?? null,
        imap_password: fields.imap?.password ?? null,
        imap_mailbox: fields.imap?.mailbox ?? null,
        enabled: fields.enabled,
        created_by: createdBy,
        created_at: toDbTime(at),
        updated_at: toDbTime(at),
      })
      .execute();
  },

  async updateChannel(id, fields, at) {
    await db
      .updateTable('intake_channels')
      .set({
        name: fields.name,
        address: fields.address,
        site_id: fields.siteId,
        owner_id: fields.ownerId,
        language: fields.language,
        enabled: fields.enabled,
        ...(fields.imap
          ? {
              imap_host: fields.imap.host,
              imap_port: fields.imap.port,
              imap_secure: fields.imap.secure,
              imap_user: fields.imap.user,
              imap_mailbox: fields.imap.mailbox,
              ...(fields.imap.password !== undefined ? { imap_password: fields.imap.password } : {}),
            }
          : {}),
        updated_at: toDbTime(at),
      })
      .where('id', '=', id)
      .execute();
  },

  async findChannel(id) {
    const row = await db.selectFrom('intake_channels').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toChannel(row) : undefined;
  },

  async listChannels() {
    const rows = await db.selectFrom('intake_channels').selectAll().orderBy('created_at').orderBy('id').execute();
    return rows.map(toChannel);
  },

  async enabledChannels(kind) {
    const rows = await db
      .selectFrom('intake_channels')
      .selectAll()
      .where('kind', '=', kind)
      .where('enabled', '=', true)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toChannel);
  },

  async channelAddresses() {
    const rows = await db.selectFrom('intake_channels').select('address').where('address', 'is not', null).execute();
    return rows.flatMap((r) => (r.address ? [r.address] : []));
  },

  async imapLogin(id) {
    const row = await db.selectFrom('intake_channels').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row?.imap_host || !row.imap_user || !row.imap_password) return undefined;
    return {
      host: row.imap_host,
      port: row.imap_port === null ? 993 : readInt(row.imap_port),
      secure: readBool(row.imap_secure),
      user: row.imap_user,
      password: row.imap_password,
      mailbox: row.imap_mailbox ?? 'INBOX',
    };
  },

  async advanceImap(id, uidvalidity, uid) {
    const row = await db
      .selectFrom('intake_channels')
      .select(['imap_uidvalidity', 'imap_last_uid'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return;
    const current = row.imap_uidvalidity === uidvalidity && row.imap_last_uid !== null ? readInt(row.imap_last_uid) : 0;
    if (row.imap_uidvalidity === uidvalidity && uid <= current) return;
    await db
      .updateTable('intake_channels')
      .set({ imap_uidvalidity: uidvalidity, imap_last_uid: uid })
      .where('id', '=', id)
      .execute();
  },

  async recordPoll(id, at, error) {
    await db
      .updateTable('intake_channels')
      .set({ last_polled_at: toDbTime(at), last_error: error })
      .where('id', '=', id)
      .execute();
  },
});
