import type { CreateIntakeChannelBody, UpdateIntakeChannelBody } from '@redress/contract';
import type { Clock } from '../../shared/clock.ts';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { actorId, type Context, type UnitOfWork } from '../../shared/unit-of-work.ts';
import { requirePermission } from '../access/index.ts';
import { userCanWorkAt, type CaseRepository } from '../cases/index.ts';
import { tryNormalizeEmail } from '../customers/index.ts';
import type { IntakeChannel } from './inbound-mail.ts';
import type { ChannelFields, InboundMailRepository } from './inbound-mail.repository.ts';

type Port = { inboundMail: InboundMailRepository; cases: CaseRepository };

const invalid = (field: string, message: string): AppError =>
  new AppError(ErrorCode.ValidationFailed, `The intake channel is not valid: ${field.split('/').pop()} ${message}`, [
    { field, message },
  ]);

/** The address a channel receives at: an e-mail address without a `+tag` (tags carry case references). */
const channelAddress = (raw: string | undefined): string => {
  const address = raw === undefined ? undefined : tryNormalizeEmail(raw);
  if (!address) throw invalid('/body/address', 'is not an e-mail address');
  if (address.slice(0, address.lastIndexOf('@')).includes('+')) {
    throw invalid('/body/address', 'may not hold a +tag (Redress adds case references there)');
  }
  return address;
};

/**
 * Intake channels (`config:manage`, listed with `config:read`): where complaints arrive — a Redress
 * SMTP address, an IMAP mailbox, or a portal entry — and the site and owner their cases go to.
 */
export const createIntakeChannelService = ({ store, clock }: { store: UnitOfWork<Port>; clock: Clock }) => {
  /** Checks a channel's fields against its kind and the organisation, in the writing unit of work. */
  const checkedFields = async (
    port: Port,
    kind: IntakeChannel['kind'],
    body: UpdateIntakeChannelBody & { name: string; ownerId: string; siteId: string | null },
    current: IntakeChannel | undefined,
    selfId: string,
  ): Promise<ChannelFields> => {
    const name = body.name.trim();
    if (!name) throw invalid('/body/name', 'is empty');
    let address: string | null = null;
    if (kind !== 'portal') {
      address = channelAddress(body.address);
      const clash = (await port.inboundMail.listChannels()).find((c) => c.address === address && c.id !== selfId);
      if (clash) {
        throw new AppError(ErrorCode.Conflict, 'Another intake channel already receives at this address', [
          { field: '/body/address', message: 'is used by another channel' },
        ]);
      }
    } else if (body.address !== undefined || body.imap !== undefined) {
      throw invalid(body.address !== undefined ? '/body/address' : '/body/imap', 'is not for a portal channel');
    }
    let imap: ChannelFields['imap'] = null;
    if (kind === 'imap') {
      const settings = body.imap;
      if (!settings && !current?.imap) throw invalid('/body/imap', 'is required for an IMAP channel');
      const host = (settings?.host ?? current?.imap?.host ?? '').trim();
      if (!host || /[\s/]/u.test(host)) throw invalid('/body/imap/host', 'is not a host name');
      const user = (settings?.user ?? current?.imap?.user ?? '').trim();
      if (!user) throw invalid('/body/imap/user', 'is empty');
      const password = settings?.password;
      if (password === undefined && !current?.imap?.passwordSet) {
        throw invalid('/body/imap/password', 'is required for a new IMAP channel');
      }
      const secure = settings?.secure ?? current?.imap?.secure ?? true;
      const mailbox = (settings?.mailbox ?? current?.imap?.mailbox ?? 'INBOX').trim();
      if (!mailbox) throw invalid('/body/imap/mailbox', 'is empty');
      imap = { host, port: settings?.port ?? (secure ? 993 : 143), secure, user, mailbox, password };
    } else if (body.imap !== undefined) {
      throw invalid('/body/imap', `is not for a ${kind} channel`);
    }
    if (body.siteId && !(await port.cases.siteExists(body.siteId))) {
      throw invalid('/body/siteId', 'is not a site');
    }
    const owner = await port.cases.findUser(body.ownerId);
    if (!owner || !userCanWorkAt(owner, body.siteId, 'case:update')) {
      throw invalid('/body/ownerId', 'cannot own cases at this site');
    }
    return {
      name,
      address,
      siteId: body.siteId,
      ownerId: body.ownerId,
      language: body.language ?? null,
      enabled: body.enabled ?? true,
      imap,
    };
  };

  const saved = (port: Port, ctx: Context, channel: IntakeChannel, created: boolean, at: Date) =>
    port.inboundMail.appendEvent({
      type: 'intake_channel.saved',
      subjectType: 'intake_channel',
      subjectId: channel.id,
      actorId: actorId(ctx.actor),
      requestId: ctx.requestId,
      payload: {
        created,
        kind: channel.kind,
        siteId: channel.siteId,
        ownerId: channel.ownerId,
        language: channel.language,
        enabled: channel.enabled,
      },
      occurredAt: at,
    });

  const createChannel = async (ctx: Context, body: CreateIntakeChannelBody): Promise<IntakeChannel> => {
    requirePermission(ctx.actor, 'config:manage');
    const now = clock.now();
    const id = newId('chn', now);
    return store.write(async (port) => {
      const fields = await checkedFields(port, body.kind, body, undefined, id);
      await port.inboundMail.insertChannel(id, body.kind, fields, actorId(ctx.actor), now);
      const channel = await port.inboundMail.findChannel(id);
      if (!channel) throw new Error('the channel just stored is missing');
      await saved(port, ctx, channel, true, now);
      return channel;
    });
  };

  const updateChannel = async (ctx: Context, id: string, body: UpdateIntakeChannelBody): Promise<IntakeChannel> => {
    requirePermission(ctx.actor, 'config:manage');
    const now = clock.now();
    return store.write(async (port) => {
      const current = await port.inboundMail.findChannel(id);
      if (!current) throw new AppError(ErrorCode.NotFound, 'No such intake channel');
      const fields = await checkedFields(
        port,
        current.kind,
        {
          name: body.name ?? current.name,
          address: body.address ?? current.address ?? undefined,
          siteId: body.siteId !== undefined ? body.siteId : current.siteId,
          ownerId: body.ownerId ?? current.ownerId,
          language: body.language !== undefined ? body.language : current.language,
          enabled: body.enabled ?? current.enabled,
          ...(body.imap ? { imap: body.imap } : {}),
        },
        current,
        id,
      );
      await port.inboundMail.updateChannel(id, fields, now);
      const channel = await port.inboundMail.findChannel(id);
      if (!channel) throw new Error('the channel just stored is missing');
      await saved(port, ctx, channel, false, now);
      return channel;
    });
  };

  const listChannels = async (ctx: Context): Promise<IntakeChannel[]> => {
    requirePermission(ctx.actor, 'config:read');
    return store.read.inboundMail.listChannels();
  };

  return { createChannel, updateChannel, listChannels };
};

export type IntakeChannelService = ReturnType<typeof createIntakeChannelService>;
