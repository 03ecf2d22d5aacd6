/**
 * The one catalogue of domain error codes. Services throw `AppError` with a code;
 * the HTTP error plugin maps each code to a status and a translated message.
 * Codes are part of the public API: add, never rename.
 */
export const ErrorCode = {
  ValidationFailed: 'validation_failed',
  NotFound: 'not_found',
  Unauthenticated: 'unauthenticated',
  Forbidden: 'forbidden',
  InvalidCredentials: 'invalid_credentials',
  RateLimited: 'rate_limited',
  CsrfRejected: 'csrf_rejected',
  Conflict: 'conflict',
  /** A lifecycle transition that the case's current status does not allow. */
  InvalidTransition: 'invalid_transition',
  /** An `Idempotency-Key` reused with a different request body. */
  IdempotencyKeyReused: 'idempotency_key_reused',
  /** An upload whose sniffed type is not accepted. */
  FileTypeNotAllowed: 'file_type_not_allowed',
  /** A rule of the domain refused the change; the message says which. */
  RuleViolated: 'rule_violated',
  PayloadTooLarge: 'payload_too_large',
  UnsupportedMediaType: 'unsupported_media_type',
  DataDirLocked: 'data_dir_locked',
  ConfigInvalid: 'config_invalid',
  NotReady: 'not_ready',
  /** A portal or survey link that is expired, tampered with or for something else. */
  LinkInvalid: 'link_invalid',
  Internal: 'internal_error',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface ErrorDetail {
  /** JSON pointer-ish path of the offending field, e.g. `/body/email`. */
  readonly field?: string;
  readonly message: string;
}

/** An expected failure with a stable code. Never carries HTTP concepts. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: readonly ErrorDetail[];
  /** Seconds after which retrying may succeed (rate limits, not-ready). */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    details: readonly ErrorDetail[] = [],
    options: { retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
