import type { NotificationDto } from '@redress/contract';
import type { RenderedNotification } from './notification.texts.ts';
import type { StoredNotification } from './notifications.repository.ts';

/** A notification as its reader sees it: rendered text, the case link and the draft, if any. */
export const presentNotification = (v: {
  readonly notification: StoredNotification;
  readonly rendered: RenderedNotification;
  readonly link: string | null;
  readonly draft: { readonly message: string; readonly proposedDueAt: string | null } | null;
}): NotificationDto => ({
  id: v.notification.id,
  kind: v.notification.kind,
  caseId: v.notification.caseId,
  caseRef: typeof v.notification.data.caseRef === 'string' ? v.notification.data.caseRef : null,
  title: v.rendered.title,
  body: v.rendered.body,
  link: v.link,
  draft: v.draft,
  createdAt: v.notification.createdAt.toISOString(),
  readAt: v.notification.readAt?.toISOString() ?? null,
});
