import { CSRF_COOKIE, CSRF_HEADER, type ErrorBody } from '@redress/contract';

export type ApiErrorDetail = NonNullable<ErrorBody['error']['details']>[number];

/**
 * A failed API call. `code` is the server's stable error code (`invalid_credentials`,
 * `validation_failed`…), or `network` when the server could not be reached and `unknown` when it
 * answered without a Redress error body. Screens translate the code; they never show `message`,
 * which is for logs.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: readonly ApiErrorDetail[];
  /** From `Retry-After`, in seconds, when the server sent one. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    details: readonly ApiErrorDetail[] = [],
    retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The details about one field, matched by its last path segment (`/body/email` → `email`). */
  detailsFor(field: string): readonly ApiErrorDetail[] {
    return this.details.filter((detail) => detail.field?.split(/[/.]/).pop() === field);
  }
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** One cookie's value from a `document.cookie` string, or `undefined`. */
export const readCookie = (name: string, cookies: string = document.cookie): string | undefined => {
  for (const pair of cookies.split(';')) {
    const index = pair.indexOf('=');
    if (index === -1) continue;
    if (pair.slice(0, index).trim() === name) return decodeURIComponent(pair.slice(index + 1).trim());
  }
  return undefined;
};

const isErrorBody = (value: unknown): value is ErrorBody => {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = value.error;
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string';
};

const parseRetryAfter = (header: string | null): number | undefined => {
  if (header === null) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : undefined;
};

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as `multipart/form-data` (the browser writes the boundary); takes the place of `body`. */
  form?: FormData;
  /** Extra request headers, e.g. the portal's `x-portal-token`. */
  headers?: Record<string, string>;
  /** Defaults to `same-origin`; the customer portal sends no cookies (`omit`). */
  credentials?: RequestCredentials;
  signal?: AbortSignal;
}

/**
 * Calls the Redress API on the same origin with the session cookie. Unsafe methods echo the
 * `redress_csrf` cookie in `x-csrf-token` (double-submit CSRF protection). Resolves with the
 * parsed JSON body (`undefined` for 204) and rejects with an {@link ApiError}.
 */
export const apiRequest = async <T>(path: string, options: RequestOptions = {}): Promise<T> => {
  const method = options.method ?? 'GET';
  const headers = new Headers({ accept: 'application/json', ...options.headers });
  if (options.body !== undefined && options.form === undefined) headers.set('content-type', 'application/json');
  if (UNSAFE_METHODS.has(method)) {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf !== undefined) headers.set(CSRF_HEADER, csrf);
  }

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: options.credentials ?? 'same-origin',
      ...(options.form !== undefined
        ? { body: options.form }
        : options.body === undefined
          ? {}
          : { body: JSON.stringify(options.body) }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network', cause instanceof Error ? cause.message : 'Network error');
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }

  if (!response.ok) {
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    if (isErrorBody(json)) {
      const { code, message, details } = json.error;
      throw new ApiError(response.status, code, message, details ?? [], retryAfter);
    }
    throw new ApiError(response.status, 'unknown', `HTTP ${response.status}`, [], retryAfter);
  }
  return json as T;
};

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => apiRequest<T>(path, signal ? { signal } : {}),
  post: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'POST', body }),
};
