import { ImapFlow } from 'imapflow';
import type { ImapLogin, MailboxMessage, MailboxReader } from '../modules/inbound-mail/index.ts';

export interface ImapReaderOptions {
  /** Milliseconds for the connection, the greeting and each command. Default 30 s. */
  readonly timeoutMs?: number;
  /** Messages taken per poll at most; the rest wait for the next minute. Default 200. */
  readonly batch?: number;
}

/**
 * Reads an IMAP mailbox with imapflow: the new messages by UID, each handed over and then marked
 * `\Seen`. The caller keeps the mark (UIDVALIDITY, last UID) with each message it stores, so a
 * crash between storing and marking only means the message is offered again, and then ignored.
 */
export const createImapReader = (options: ImapReaderOptions = {}): MailboxReader => {
  const timeout = options.timeoutMs ?? 30_000;
  const batch = options.batch ?? 200;
  return {
    async takeNew(login: ImapLogin, since, take) {
      const client = new ImapFlow({
        host: login.host,
        port: login.port,
        secure: login.secure,
        auth: { user: login.user, pass: login.password },
        logger: false,
        connectionTimeout: timeout,
        greetingTimeout: timeout,
        socketTimeout: timeout,
        // Without implicit TLS, the connection is upgraded with STARTTLS whenever the server offers
        // it; only a server that offers no TLS at all (a private network) is spoken to in plain text.
        tls: { rejectUnauthorized: true },
      });
      // An error after connect (a dropped socket) must not crash the process; the command fails.
      client.on('error', () => undefined);
      await client.connect();
      let taken = 0;
      try {
        const lock = await client.getMailboxLock(login.mailbox);
        try {
          const mailbox = client.mailbox;
          if (!mailbox) throw new Error('the mailbox could not be opened');
          const uidvalidity = String(mailbox.uidValidity);
          if (mailbox.exists === 0) return { taken };
          // Known UIDs: everything after the last one taken. Otherwise (the first poll, or a new
          // UIDVALIDITY, when the old UIDs mean nothing) only the unread mail since `notBefore`:
          // connecting a mailbox with years of history must not turn it all into cases.
          const known = uidvalidity === since.uidvalidity;
          const after = known ? since.lastUid : 0;
          const found = known
            ? await client.search({ uid: `${after + 1}:*` }, { uid: true })
            : await client.search({ seen: false, since: since.notBefore }, { uid: true });
          const uids = (found || [])
            .filter((uid) => uid > after)
            .sort((a, b) => a - b)
            .slice(0, batch);
          for (const uid of uids) {
            const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
            if (!message || !message.source) continue;
            const handed: MailboxMessage = { uidvalidity, uid, raw: message.source };
            await take(handed);
            await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
            taken += 1;
          }
        } finally {
          lock.release();
        }
      } finally {
        await client.logout().catch(() => client.close());
      }
      return { taken };
    },
  };
};
