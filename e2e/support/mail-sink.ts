import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { eventually } from './redress.ts';

/**
 * The organisation's outgoing mail server, as far as the journey cares: an SMTP server on
 * 127.0.0.1 that accepts every message and keeps it parsed, so the test reads what the customer
 * would find in their mailbox.
 */
export interface MailSink {
  /** `smtp://127.0.0.1:<port>`, for Redress's `SMTP_URL`. */
  readonly url: string;
  readonly received: readonly ParsedMail[];
  /** Resolves with the first message `match` accepts (polling the sink); rejects after `timeoutMs`. */
  readonly waitFor: (what: string, match: (mail: ParsedMail) => boolean, timeoutMs?: number) => Promise<ParsedMail>;
  readonly close: () => Promise<void>;
}

export const startMailSink = async (): Promise<MailSink> => {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    waitFor: (what, match, timeoutMs = 60_000) =>
      eventually(
        () => `${what} (the sink has: ${received.map((m) => JSON.stringify(m.subject ?? '')).join(', ') || 'nothing'})`,
        () => received.find(match),
        timeoutMs,
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

/** The recipient's address of a parsed message. */
export const recipientOf = (mail: ParsedMail): string | undefined => {
  const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
  return to?.value[0]?.address;
};

/** The first link to `${publicUrl}${path}#token=…` in a message's text or HTML. */
export const linkIn = (mail: ParsedMail, publicUrl: string, path: string): string | undefined => {
  const escaped = `${publicUrl}${path}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`${escaped}#token=[A-Za-z0-9._~%-]+`);
  const html = typeof mail.html === 'string' ? mail.html : '';
  return pattern.exec(mail.text ?? '')?.[0] ?? pattern.exec(html)?.[0];
};
