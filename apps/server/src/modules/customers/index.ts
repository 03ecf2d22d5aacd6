export {
  captureCustomer,
  normalizeCaptureInput,
  CAPTURE_FIELD_PREFIX,
  type CaptureCustomerInput,
  type CaptureResult,
} from './capture.service.ts';
export type {
  CustomerRepository,
  CustomerChanges,
  CustomerSearch,
  NewCustomer,
  NewProduct,
  AuditEntry,
  NewAuditEntry,
} from './customer.repository.ts';
export type {
  Consent,
  ConsentFlag,
  Customer,
  CustomerLanguage,
  CustomerProduct,
  CustomerProfile,
  ExternalId,
  MatchedBy,
  MatchHit,
  MatchKeys,
  WhatMatters,
} from './customer.ts';
export { nameSearchKey, normalizeEmail, normalizePhone, tryNormalizeEmail, tryNormalizePhone } from './customer.ts';
export {
  createCustomerService,
  type CustomerService,
  type CreateCustomerInput,
  type UpdateCustomerInput,
  type MatchInput,
} from './customer.service.ts';
export { presentCustomer, presentCustomerSummary, presentAuditEntry } from './customer.presenter.ts';
export { customersRoutes } from './customers.routes.ts';
