import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody } from '@redress/contract';
import { AppError, ErrorCode, type ErrorDetail } from '../shared/errors.ts';

/** HTTP status for each domain error code — the only place codes meet statuses. */
const STATUS: Readonly<Record<ErrorCode, number>> = {
  validation_failed: 400,
  not_found: 404,
  unauthenticated: 401,
  forbidden: 404, // Forbidden looks exactly like not found: nobody learns what exists.
  invalid_credentials: 401,
  rate_limited: 429,
  csrf_rejected: 403,
  conflict: 409,
  invalid_transition: 409,
  idempotency_key_reused: 422,
  file_type_not_allowed: 415,
  rule_violated: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  data_dir_locked: 503,
  config_invalid: 500,
  not_ready: 503,
  link_invalid: 401,
  internal_error: 500,
};

interface AjvIssue {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Turns Fastify's schema-validation output into `{ field, message }` pairs, e.g. `/body/email`. */
const validationDetails = (error: FastifyError): ErrorDetail[] => {
  const issues = (error.validation ?? []) as AjvIssue[];
  const where = error.validationContext ?? 'body';
  return issues.map((issue) => {
    const missing = issue.params?.missingProperty;
    const extra = issue.params?.additionalProperty;
    const path = `${issue.instancePath ?? ''}${typeof missing === 'string' ? `/${missing}` : ''}${typeof extra === 'string' ? `/${extra}` : ''}`;
    const message =
      typeof extra === 'string'
        ? 'is not an accepted field'
        : typeof missing === 'string'
          ? 'is required'
          : (issue.message ?? 'is invalid');
    return { field: `/${where}${path}`, message };
  });
};

/**
 * For errors Fastify raises before routing (a malformed URL, say): the same envelope as the rest.
 * Passed as the `frameworkErrors` server option.
 */
export const frameworkErrorHandler = (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
  const mapped = new AppError(ErrorCode.ValidationFailed, 'The request URL is malformed', [
    { field: '/url', message: error.message },
  ]);
  void reply.status(400).send(errorBody(mapped, request.id));
};

/** Maps errors Fastify raises itself (parsing, limits, validation) onto domain codes. */
const fromFastifyError = (error: FastifyError): AppError | undefined => {
  if (error.validation) {
    const details = validationDetails(error);
    const first = details[0];
    return new AppError(
      ErrorCode.ValidationFailed,
      first ? `The request is not valid: ${first.field} ${first.message}` : 'The request is not valid',
      details,
    );
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(ErrorCode.PayloadTooLarge, 'The request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError(ErrorCode.UnsupportedMediaType, 'Send the body as application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError(ErrorCode.ValidationFailed, 'The JSON body is empty', [
        { field: '/body', message: 'is empty' },
      ]);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError(ErrorCode.ValidationFailed, 'The body is not valid JSON', [
        { field: '/body', message: 'is not valid JSON' },
      ]);
    default:
      break;
  }
  if (error.statusCode === 400 && error instanceof SyntaxError) {
    return new AppError(ErrorCode.ValidationFailed, 'The body is not valid JSON', [
      { field: '/body', message: 'is not valid JSON' },
    ]);
  }
  if (error.statusCode === 404) return new AppError(ErrorCode.NotFound, 'Not found');
  return undefined;
};

export const errorBody = (error: AppError, requestId: string): ErrorBody => ({
  error: {
    code: error.code,
    message: error.message,
    ...(error.details.length > 0 ? { details: error.details.map((d) => ({ ...d })) } : {}),
    requestId,
  },
});

/**
 * One error handler for the whole app: domain codes become statuses and a clear message; anything
 * unexpected is logged with its stack and answered as a 500 without internals.
 */
export const registerErrorHandling = (app: FastifyInstance): void => {
  app.setErrorHandler((raw: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) => {
    const error = raw instanceof AppError ? raw : fromFastifyError(raw);
    if (!error) {
      request.log.error({ err: raw }, 'unhandled error');
      const internal = new AppError(ErrorCode.Internal, 'Something went wrong on our side. The error has been logged.');
      return reply.status(500).send(errorBody(internal, request.id));
    }
    const status = STATUS[error.code];
    if (error.code === ErrorCode.Forbidden) {
      // Same code, message and status as a missing resource: a refusal reveals nothing.
      return reply.status(404).send(errorBody(new AppError(ErrorCode.NotFound, 'Not found'), request.id));
    }
    if (status >= 500) request.log.error({ err: raw }, error.message);
    if (error.retryAfterSeconds !== undefined) void reply.header('retry-after', String(error.retryAfterSeconds));
    return reply.status(status).send(errorBody(error, request.id));
  });

  app.setNotFoundHandler((request, reply) => {
    const path = (request.url.split('?')[0] ?? '').slice(0, 200);
    const error = new AppError(ErrorCode.NotFound, `No route ${request.method} ${path}`);
    return reply.status(404).send(errorBody(error, request.id));
  });
};
