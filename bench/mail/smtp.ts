// SMTP on loopback for the mail section: a bare smtp-server (the ceiling for e-mail in, and the
// sink that takes Redress's e-mail out) and the client loads, all with nodemailer as a customer's
// or an organisation's mail server would send.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { loopAsync } from '../lib/load.ts';
import type { LoadMeasurement } from '../lib/stats.ts';
import { describeError } from '../lib/errors.ts';

/** A message as the sink took it: the envelope and the bytes, to send the same again. */
export interface SunkMessage {
  readonly from: string;
  readonly to: string[];
  readonly raw: Buffer;
}

export interface BareSmtp {
  readonly port: number;
  readonly url: string;
  /** Messages answered 250 so far. */
  received(): number;
  /** The messages kept (only with `keep`). */
  readonly kept: SunkMessage[];
  /** Called with each message's bytes once it has been answered. */
  onMessage?: (message: SunkMessage) => void;
  close(): Promise<void>;
}

/**
 * A bare smtp-server on 127.0.0.1 that reads each message to its end and answers 250: no
 * recipient lookup, nothing stored (unless `keep`, in memory). The same library Redress's receiver
 * is built on, so the difference to Redress is what Redress does with a message.
 */
export const startBareSmtp = async (options: { keep?: boolean } = {}): Promise<BareSmtp> => {
  let count = 0;
  const kept: SunkMessage[] = [];
  const sink: BareSmtp = {
    port: 0,
    url: '',
    received: () => count,
    kept,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    disableReverseLookup: true,
    size: 50 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const message = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        };
        if (options.keep) kept.push(message);
        count += 1;
        callback();
        sink.onMessage?.(message);
      });
    },
  });
  server.on('error', () => undefined);
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const { port } = server.server.address() as AddressInfo;
  return Object.assign(sink, { port, url: `smtp://127.0.0.1:${port}` });
};

/** One load's figures, with how many sends failed and the first reason. */
export type SmtpLoad = LoadMeasurement;

type Transport = ReturnType<typeof createTransport>;
type MailOptions = Parameters<Transport['sendMail']>[0];

/**
 * Sends `mail(index)` over `transport` in `loopAsync`'s loop, counting failed sends apart from the
 * delivered ones; closes the transport at the end.
 */
const sendLoad = async (
  transport: Transport,
  loop: { readonly count: number; readonly inFlight: number; readonly maxMs: number; readonly warmup?: number },
  mail: (index: number) => MailOptions,
): Promise<SmtpLoad> => {
  let failures = 0;
  let firstFailure: string | undefined;
  try {
    const measured = await loopAsync(loop, async (index) => {
      try {
        await transport.sendMail(mail(index));
      } catch (error) {
        failures += 1;
        firstFailure ??= describeError(error);
      }
    });
    const done = measured.count - failures;
    return {
      ...measured,
      count: done,
      perSecond: measured.seconds > 0 ? done / measured.seconds : Number.NaN,
      concurrency: loop.inFlight,
      failures,
      firstFailure,
    };
  } finally {
    transport.close();
  }
};

/**
 * Sends `count` messages (or for `maxMs`) to `port` with a pooled nodemailer transport of
 * `concurrency` connections, `concurrency` messages in flight. Latency is one `sendMail` on an open
 * pooled connection: MAIL FROM, RCPT TO, DATA and the server's answer (the message built first).
 */
export const pooledLoad = async (options: {
  readonly port: number;
  readonly concurrency: number;
  readonly count: number;
  readonly maxMs: number;
  readonly warmup?: number;
  readonly message: (index: number) => MailOptions;
}): Promise<SmtpLoad> => {
  const transport = createTransport({
    host: '127.0.0.1',
    port: options.port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: options.concurrency,
    maxMessages: Infinity,
  });
  return sendLoad(
    transport,
    { count: options.count, inFlight: options.concurrency, maxMs: options.maxMs, warmup: options.warmup ?? 0 },
    (index) => options.message(index),
  );
};

/**
 * Sends already-built messages (`raw`, with their envelope) to `url`, `concurrency` at a time,
 * with the transport Redress's customer mailer uses (one connection per message), or pooled.
 */
export const rawLoad = async (options: {
  readonly url: string;
  readonly concurrency: number;
  readonly messages: readonly SunkMessage[];
  readonly maxMs: number;
  readonly pooled: boolean;
}): Promise<SmtpLoad> => {
  const transport = options.pooled
    ? createTransport({ url: options.url, pool: true, maxConnections: options.concurrency, maxMessages: Infinity })
    : createTransport({ url: options.url });
  return sendLoad(
    transport,
    { count: options.messages.length, inFlight: options.concurrency, maxMs: options.maxMs },
    (index) => {
      const message = options.messages[index]!;
      return { envelope: { from: message.from, to: message.to }, raw: message.raw };
    },
  );
};
