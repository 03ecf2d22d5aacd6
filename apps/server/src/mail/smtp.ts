import { createTransport } from 'nodemailer';
import type { CustomerMailer } from '../modules/correspondence/index.ts';
import type { Mailer } from '../modules/notifications/index.ts';

export interface SmtpMailerOptions {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465` (TLS from the start). */
  readonly url: string;
  /** The From header, e.g. `Redress <redress@example.com>`. */
  readonly from: string;
  /** Milliseconds to wait for the connection, the greeting and each answer. Default 30 s. */
  readonly timeoutMs?: number;
}

/** An SMTP error's reply code (nodemailer sets `responseCode` on refusals). */
const replyCode = (error: unknown): number | null => {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' ? code : null;
};

/**
 * The mail transport over SMTP (nodemailer). One connection per message: notification mail is
 * light, and a pooled connection would outlive a restarted mail server. A 5xx reply to the message
 * or its recipient is a permanent refusal (`rejected`); anything else that fails is thrown so the
 * job is retried.
 */
const transportFor = (options: { readonly url: string; readonly timeoutMs?: number }) => {
  const timeout = options.timeoutMs ?? 30_000;
  return createTransport({
    url: options.url,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
};

export const createSmtpMailer = (options: SmtpMailerOptions): Mailer => {
  const transport = transportFor(options);
  return {
    async send(message) {
      try {
        const info = await transport.sendMail({
          from: options.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: message.messageId,
          // Notifications are machine mail: no auto-replies back to it (RFC 3834).
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
        return info.rejected.length > 0 && info.accepted.length === 0 ? 'rejected' : 'sent';
      } catch (error) {
        const code = replyCode(error);
        if (code !== null && code >= 500 && code < 600) return 'rejected';
        throw error;
      }
    },
  };
};

/**
 * The customer e-mail transport over SMTP: threading headers (In-Reply-To, References), the
 * Reply-To that routes the answer back to its case, and `Auto-Submitted` on automatic mail so
 * that out-of-office replies do not answer it (RFC 3834). Errors are thrown as nodemailer raises
 * them (a refusal carries `responseCode` and the `command` it answered); the caller tells a
 * refusal of the recipient or message from what may pass.
 */
export const createSmtpCustomerMailer = (options: {
  readonly url: string;
  readonly timeoutMs?: number;
}): CustomerMailer => {
  const transport = transportFor(options);
  return {
    async send(mail) {
      const info = await transport.sendMail({
        from: mail.from,
        // One mailbox, as given: a comma in it cannot split it into two recipients.
        to: { name: '', address: mail.to },
        replyTo: mail.replyTo,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
        ...(mail.references.length > 0 ? { references: [...mail.references] } : {}),
        headers: mail.autoSubmitted ? { 'Auto-Submitted': mail.autoSubmitted } : {},
      });
      if (info.rejected.length > 0 && info.accepted.length === 0) {
        throw Object.assign(new Error('the mail server refused the recipient'), {
          responseCode: 550,
          command: 'RCPT TO',
        });
      }
    },
  };
};
