import type { Clock } from '../../shared/clock.ts';
import type { UnitOfWork } from '../../shared/unit-of-work.ts';
import type { ImapLogin, InboundMailRepository } from './inbound-mail.repository.ts';

/** One message of a mailbox as a reader hands it over. */
export interface MailboxMessage {
  readonly uidvalidity: string;
  readonly uid: number;
  readonly raw: Buffer;
}

/**
 * Reads new mail from an IMAP mailbox (`mail/imap-poller.ts`). Messages after `since.lastUid` are
 * handed to `take` oldest first; each is marked `\Seen` once `take` resolved. A `take` that
 * rejects stops the poll.
 */
export interface MailboxReader {
  takeNew(
    login: ImapLogin,
    since: {
      readonly uidvalidity: string | null;
      readonly lastUid: number;
      /**
       * When the UIDs cannot be trusted (the first poll, a new UIDVALIDITY): only unread messages
       * that arrived on or after this day are taken, never the mailbox's whole history.
       */
      readonly notBefore: Date;
    },
    take: (message: MailboxMessage) => Promise<void>,
  ): Promise<{ readonly taken: number }>;
}

export interface MailboxPollDeps {
  readonly store: UnitOfWork<{ inboundMail: InboundMailRepository }>;
  readonly clock: Clock;
  readonly mailbox: MailboxReader | undefined;
  /** Keeps one message as the SMTP receiver does (`inbound-mail.service.ts`). */
  readonly receiveRaw: (input: {
    readonly channelId: string;
    readonly raw: Buffer;
    readonly imap: { readonly uidvalidity: string; readonly uid: number };
  }) => Promise<unknown>;
}

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Polls every enabled IMAP channel once. A channel's failure (connection, login) is recorded in
 * its `last_error` and the others still run; the next minute tries again.
 */
export const mailboxPoll =
  ({ store, clock, mailbox, receiveRaw }: MailboxPollDeps) =>
  async (): Promise<{ channels: number; taken: number; failed: number }> => {
    if (!mailbox) return { channels: 0, taken: 0, failed: 0 };
    const channels = await store.read.inboundMail.enabledChannels('imap');
    let taken = 0;
    let failed = 0;
    for (const channel of channels) {
      const fresh = await store.read.inboundMail.findChannel(channel.id);
      const login = await store.read.inboundMail.imapLogin(channel.id);
      let error: string | null = null;
      if (!fresh?.imap || !login) {
        error = 'the IMAP settings are incomplete (host, user and password are needed)';
      } else {
        try {
          const result = await mailbox.takeNew(
            login,
            {
              uidvalidity: fresh.imap.uidvalidity,
              lastUid: fresh.imap.lastUid,
              notBefore: fresh.imap.lastPolledAt ?? fresh.createdAt,
            },
            async (message) => {
              await receiveRaw({
                channelId: channel.id,
                raw: message.raw,
                imap: { uidvalidity: message.uidvalidity, uid: message.uid },
              });
            },
          );
          taken += result.taken;
        } catch (cause) {
          error = clip(cause instanceof Error ? cause.message || cause.name : String(cause), 500);
        }
      }
      if (error) failed += 1;
      const at = clock.now();
      await store.write(({ inboundMail }) => inboundMail.recordPoll(channel.id, at, error));
    }
    return { channels: channels.length, taken, failed };
  };
