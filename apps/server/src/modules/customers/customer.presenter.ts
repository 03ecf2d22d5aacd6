import type { AuditEntryDto, ConsentDto, CustomerDto, CustomerProductDto, CustomerSummaryDto } from '@redress/contract';
import type { AuditEntry } from './customer.repository.ts';
import {
  maskEmail,
  maskPhone,
  type Consent,
  type Customer,
  type CustomerProduct,
  type CustomerProfile,
} from './customer.ts';

const presentConsent = (consent: Consent): ConsentDto => {
  const flag = (f: Consent[keyof Consent]) => (f ? { granted: f.granted, changedAt: f.changedAt.toISOString() } : null);
  return {
    contactEmail: flag(consent.contactEmail),
    contactPhone: flag(consent.contactPhone),
    marketing: flag(consent.marketing),
    dataProcessing: flag(consent.dataProcessing),
  };
};

export const presentProduct = (product: CustomerProduct): CustomerProductDto => ({
  id: product.id,
  product: product.product,
  orderRef: product.orderRef,
  purchasedAt: product.purchasedAt?.toISOString() ?? null,
  notes: product.notes,
  addedAt: product.addedAt.toISOString(),
});

/** The full record, contacts in clear: only for callers holding `customer:read`, after an audited read. */
export const presentCustomer = (customer: CustomerProfile): CustomerDto => ({
  id: customer.id,
  name: customer.name,
  preferredName: customer.preferredName,
  language: customer.language,
  emails: [...customer.emails],
  phones: [...customer.phones],
  externalIds: customer.externalIds.map((x) => ({ kind: x.kind, value: x.value })),
  products: customer.products.map(presentProduct),
  whatMatters: { priorities: [...customer.whatMatters.priorities], text: customer.whatMatters.text },
  consent: presentConsent(customer.consent),
  mergedFrom: [...customer.mergedFrom],
  createdAt: customer.createdAt.toISOString(),
  updatedAt: customer.updatedAt.toISOString(),
});

/** A list or match entry: enough to recognise the customer, contacts masked. */
export const presentCustomerSummary = (customer: Customer): CustomerSummaryDto => ({
  id: customer.id,
  name: customer.name,
  preferredName: customer.preferredName,
  language: customer.language,
  emails: customer.emails.map(maskEmail),
  phones: customer.phones.map(maskPhone),
  externalIds: customer.externalIds.map((x) => ({ kind: x.kind, value: x.value })),
  createdAt: customer.createdAt.toISOString(),
});

export const presentAuditEntry = (entry: AuditEntry): AuditEntryDto => ({
  id: entry.id,
  customerId: entry.customerId,
  actorId: entry.actorId,
  action: entry.action,
  requestId: entry.requestId,
  detail: entry.detail,
  at: entry.at.toISOString(),
});
