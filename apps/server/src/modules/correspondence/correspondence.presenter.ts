import type { CaseEmailDto, EmailPreviewDto, EmailTemplateDto } from '@redress/contract';
import type { EmailRecord } from './correspondence.repository.ts';
import type { TemplateView } from './email-templates.service.ts';
import type { RenderedEmail } from './render.ts';

export const presentTemplate = (t: TemplateView): EmailTemplateDto => ({
  kind: t.kind,
  language: t.language,
  subject: t.subject,
  body: t.body,
  customised: t.customised,
  variables: [...t.variables],
  required: [...t.required],
  updatedAt: t.updatedAt?.toISOString() ?? null,
});

export const presentPreview = (r: RenderedEmail): EmailPreviewDto => ({
  subject: r.subject,
  text: r.text,
  html: r.html,
});

/** An e-mail of a case; addresses only when the caller may read customers' contact details. */
export const presentCaseEmail = (e: EmailRecord, showAddresses: boolean): CaseEmailDto => ({
  id: e.id,
  direction: e.direction,
  status: e.status,
  reason: e.reason,
  template: e.template,
  language: e.language,
  messageId: e.messageId,
  inReplyTo: e.inReplyTo,
  subject: e.subject,
  text: e.textBody,
  html: e.htmlBody,
  from: showAddresses ? e.fromAddress : null,
  to: showAddresses ? [...e.toAddresses] : null,
  attachmentIds: [...e.attachmentIds],
  attempts: e.attempts,
  lastError: e.lastError,
  sentAt: e.sentAt?.toISOString() ?? null,
  createdAt: e.createdAt.toISOString(),
});
