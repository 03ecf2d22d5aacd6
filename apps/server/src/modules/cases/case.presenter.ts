import type {
  CaseAction,
  CaseCustomerDto,
  CaseDto,
  CaseSummaryDto,
  CategoryDto,
  RootCauseDto,
  TimelineEntryDto,
} from '@redress/contract';
import type { Customer, MatchedBy } from '../customers/index.ts';
import type { Case } from './case.ts';
import type { CaseListItem, KeyPerson, LinkedCase, TimelineEvent } from './case.repository.ts';
import type { Category, RootCause } from './category.ts';

/** A case with what its detail view shows, as the service assembles it. */
export interface CaseView {
  readonly case: Case;
  readonly customer: Customer | undefined;
  readonly matchedBy?: MatchedBy | null;
  readonly ownerName: string | null;
  readonly categoryKind: Category['kind'] | null;
  /** Contact details are shown only to callers who may read customers. */
  readonly showContacts: boolean;
  readonly timeline?: readonly TimelineEvent[];
  readonly keyPeople?: readonly KeyPerson[];
  readonly links?: readonly LinkedCase[];
  readonly allowedActions?: readonly CaseAction[];
}

const iso = (at: Date | null): string | null => (at ? at.toISOString() : null);

export const presentCustomer = (
  customerId: string,
  customer: Customer | undefined,
  showContacts: boolean,
  matchedBy?: MatchedBy | null,
): CaseCustomerDto => ({
  id: customer?.id ?? customerId,
  name: customer?.name ?? '',
  preferredName: customer?.preferredName ?? null,
  language: customer?.language ?? null,
  ...(showContacts && customer ? { emails: [...customer.emails], phones: [...customer.phones] } : {}),
  ...(matchedBy !== undefined ? { matchedBy } : {}),
});

/** Payload fields that may hold a phone number or address: shown only to roles that read contacts. */
const CONTACT_FIELDS: readonly string[] = ['counterpart', 'contact', 'from', 'to', 'email', 'phone'];

export const presentTimelineEntry = (event: TimelineEvent, showContacts = true): TimelineEntryDto => ({
  id: event.id,
  seq: event.seq,
  type: event.type,
  caseId: event.caseId,
  actorId: event.actorId,
  actorName: event.actorName,
  occurredAt: event.occurredAt.toISOString(),
  data: showContacts
    ? event.payload
    : Object.fromEntries(Object.entries(event.payload).filter(([key]) => !CONTACT_FIELDS.includes(key))),
});

/** A case in a list; the queue fields (next due time, escalation rank, customer) when the list read them. */
export const presentCaseSummary = (record: Case | CaseListItem): CaseSummaryDto => ({
  id: record.id,
  ref: record.ref,
  status: record.status,
  channel: record.channel,
  subject: record.subject,
  severity: record.severity,
  safety: record.safety,
  priority: record.priority,
  siteId: record.siteId,
  ownerId: record.ownerId,
  customerId: record.customerId,
  categoryId: record.categoryId,
  createdAt: record.createdAt.toISOString(),
  updatedAt: record.updatedAt.toISOString(),
  ...('escalationRank' in record
    ? {
        nextDueAt: iso(record.nextDueAt),
        escalationRank: record.escalationRank,
        customerName: record.customerName,
      }
    : {}),
});

export const presentCase = (view: CaseView): CaseDto => {
  const c = view.case;
  return {
    id: c.id,
    ref: c.ref,
    status: c.status,
    channel: c.channel,
    subject: c.subject,
    description: c.description,
    language: c.language,
    categoryId: c.categoryId,
    categoryKind: view.categoryKind,
    severity: c.severity,
    safety: c.safety,
    priority: c.priority,
    expectedRemedy: c.expectedRemedy,
    productRef: c.productRef,
    orderRef: c.orderRef,
    tags: [...c.tags],
    siteId: c.siteId,
    owner: { id: c.ownerId, name: view.ownerName },
    customer: presentCustomer(c.customerId, view.customer, view.showContacts, view.matchedBy),
    resolution: c.resolution ? { ...c.resolution, recordedAt: c.resolution.recordedAt.toISOString() } : null,
    customerDecision: c.customerDecision
      ? { ...c.customerDecision, recordedAt: c.customerDecision.recordedAt.toISOString() }
      : null,
    mergedIntoId: c.mergedIntoId,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    closedAt: iso(c.closedAt),
    ...(view.keyPeople
      ? {
          keyPeople: view.keyPeople.map((p) => ({
            id: p.id,
            role: p.role,
            userId: p.userId,
            name: p.name,
            relationship: p.relationship,
            ...(view.showContacts ? { contact: p.contact } : {}),
            consent: p.consent,
            note: p.note,
            createdAt: p.createdAt.toISOString(),
          })),
        }
      : {}),
    ...(view.links ? { links: view.links.map((l) => ({ ...l })) } : {}),
    ...(view.timeline
      ? { timeline: view.timeline.map((entry) => presentTimelineEntry(entry, view.showContacts)) }
      : {}),
    ...(view.allowedActions ? { allowedActions: [...view.allowedActions] } : {}),
  };
};

export const presentCategory = (category: Category): CategoryDto => ({
  id: category.id,
  parentId: category.parentId,
  names: { ...category.names },
  kind: category.kind,
  createdAt: category.createdAt.toISOString(),
});

export const presentRootCause = (rootCause: RootCause): RootCauseDto => ({
  id: rootCause.id,
  code: rootCause.code,
  names: { ...rootCause.names },
  createdAt: rootCause.createdAt.toISOString(),
});
