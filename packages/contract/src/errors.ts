import { Type, type Static } from 'typebox';

/** The body of every error response. `code` is stable; `message` is for people, in their language. */
export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String({ description: 'Stable machine-readable code, e.g. `validation_failed`.' }),
    message: Type.String(),
    details: Type.Optional(
      Type.Array(
        Type.Object({
          field: Type.Optional(Type.String({ description: 'Where the problem is, e.g. `/body/email`.' })),
          message: Type.String(),
        }),
      ),
    ),
    requestId: Type.Optional(Type.String()),
  }),
});
export type ErrorBody = Static<typeof ErrorBody>;

/**
 * The error statuses an API route may answer, each with the standard envelope; spread into a
 * route's `response` so OpenAPI documents them.
 */
export const ErrorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  422: ErrorBody,
  429: ErrorBody,
} as const;
