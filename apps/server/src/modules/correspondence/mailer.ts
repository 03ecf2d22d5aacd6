/**
 * The port to the transport that delivers customer e-mail (SMTP in `mail/smtp.ts`). Unlike a
 * notification, a customer e-mail threads: it carries In-Reply-To, References and a Reply-To that
 * routes the answer back to its case.
 */
export interface CustomerMail {
  readonly from: string;
  /** One address, passed to the transport as one (a comma in it never splits it in two). */
  readonly to: string;
  readonly replyTo: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** `<eml_…@host>`, the same on every attempt. */
  readonly messageId: string;
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
  /** RFC 3834: `auto-generated` (acknowledgements, links) or `auto-replied`; null for a person's mail. */
  readonly autoSubmitted: 'auto-generated' | 'auto-replied' | null;
}

/**
 * Resolves when the server accepted the message. Rejects otherwise, with the SMTP reply's
 * `responseCode` and the `command` it answered (`RCPT TO`, `DATA`, `AUTH PLAIN`, …) when there was
 * one: the caller tells a refusal of the recipient or message from what may pass.
 */
export interface CustomerMailer {
  send(mail: CustomerMail): Promise<void>;
}
