import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { ReceiveInput } from '../modules/inbound-mail/index.ts';
import type { Logger } from '../shared/logger.ts';

/**
 * Redress's own SMTP receiver: mail for the addresses of enabled `smtp` intake channels (and their
 * `+tag` forms, which carry case references) is kept and answered 250 only once it is durable.
 *
 * It is an MX-like receiver: there is no AUTH, and it does not relay. Put it behind the
 * organisation's MX (which does spam and virus filtering and forwards the complaint addresses here)
 * or on a private network; do not expose it to the internet on port 25 by itself. STARTTLS (a key
 * and certificate) is not offered: the hop from the MX is expected to be on a trusted network.
 */
export interface SmtpReceiverOptions {
  readonly port: number;
  readonly host: string;
  /** Largest message accepted, in bytes (552 above it). */
  readonly maxBytes: number;
  /** The channel receiving at this recipient address, or undefined (550). */
  readonly channelFor: (address: string) => Promise<{ readonly id: string } | undefined>;
  /** Keeps the message; resolves only after it committed. */
  readonly receive: (input: ReceiveInput) => Promise<unknown>;
  readonly logger: Logger;
  /** The name in the greeting; default `redress`. */
  readonly name?: string;
}

export interface SmtpReceiver {
  /** Where it listens (the port is the real one when 0 was asked for). */
  readonly port: number;
  stop(): Promise<void>;
}

/** An error smtp-server turns into the given reply. */
const reply = (code: number, message: string): Error => Object.assign(new Error(message), { responseCode: code });

/** Each recipient address accepted on this connection and its channel (envelopes change per message). */
type Session = SMTPServerSession & { channelByAddress?: Map<string, string> };

/** At most this many connections at once, and recipients per message. */
const MAX_CLIENTS = 100;
const MAX_RECIPIENTS = 50;

/** Reads the message, keeping no more than `maxBytes`: the rest of an oversized one is drained. */
const readMessage = async (stream: SMTPServerDataStream, maxBytes: number): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  let kept = 0;
  for await (const chunk of stream) {
    const bytes = chunk as Buffer;
    if (kept + bytes.length > maxBytes) {
      kept = maxBytes + 1;
      chunks.length = 0;
      continue;
    }
    kept += bytes.length;
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
};

/** Starts the receiver; resolves once it listens. */
export const startSmtpReceiver = async (options: SmtpReceiverOptions): Promise<SmtpReceiver> => {
  const server = new SMTPServer({
    name: options.name ?? 'redress',
    banner: 'Redress complaint intake',
    size: options.maxBytes,
    authOptional: true,
    maxClients: MAX_CLIENTS,
    disabledCommands: ['AUTH', 'STARTTLS'],
    // Mail sits on our disk already when we answer; nothing more to say in the logs than we do.
    logger: false,
    onRcptTo(address, session: Session, callback) {
      if (session.envelope.rcptTo.length >= MAX_RECIPIENTS) {
        callback(reply(452, '4.5.3 Too many recipients'));
        return;
      }
      options
        .channelFor(address.address)
        .then((channel) => {
          if (!channel) {
            callback(reply(550, '5.1.1 No such mailbox here'));
            return;
          }
          session.channelByAddress ??= new Map();
          session.channelByAddress.set(address.address, channel.id);
          callback();
        })
        .catch((error: unknown) => {
          options.logger.warn({ err: error }, 'SMTP receiver could not look a recipient up');
          callback(reply(451, '4.3.0 Temporary failure, try again later'));
        });
    },
    onData(stream, session: Session, callback) {
      readMessage(stream, options.maxBytes)
        .then(async (raw) => {
          if (stream.sizeExceeded) {
            callback(reply(552, `5.3.4 Message larger than ${options.maxBytes} bytes`));
            return;
          }
          // This message's own recipients: an earlier message on the same connection may have had others.
          const channelId = session.envelope.rcptTo
            .map((r) => session.channelByAddress?.get(r.address))
            .find((id) => id !== undefined);
          if (!channelId) {
            callback(reply(503, '5.5.1 No valid recipients'));
            return;
          }
          const mailFrom = session.envelope.mailFrom;
          await options.receive({
            channelId,
            raw,
            envelope: {
              from: mailFrom ? mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
            },
          });
          callback();
        })
        .catch((error: unknown) => {
          options.logger.error({ err: error }, 'SMTP receiver could not store a message; answered 451');
          callback(reply(451, '4.3.0 Could not store the message, try again later'));
        });
    },
  });
  server.on('error', (error) => options.logger.warn({ err: error }, 'SMTP receiver connection error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
