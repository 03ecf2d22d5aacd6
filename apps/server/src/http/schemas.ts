import { ErrorBody } from '@redress/contract';

/** Error responses every authenticated route may give; spread into a route's `response`. */
export const authErrors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 429: ErrorBody } as const;
