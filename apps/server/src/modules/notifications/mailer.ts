/**
 * The port to a mail transport. The module decides what to send and to whom; the transport
 * (SMTP, in `mail/`) only delivers. Kept free of SMTP details so the core can be tested without it.
 */
export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** A stable Message-ID (`<…@…>`), so a resend after a crash can be recognised as the same mail. */
  readonly messageId: string;
}

/**
 * Resolves `sent` once the server accepted the message, `rejected` when it refused it for good
 * (a 5xx answer: retrying cannot help); throws when delivery may work later (connection refused,
 * a timeout, a 4xx answer), so the job runner retries.
 */
export interface Mailer {
  send(message: MailMessage): Promise<'sent' | 'rejected'>;
}
