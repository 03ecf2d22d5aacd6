import { ApiError } from './api.ts';

/** API error codes the console has words for; any other code reads as `errors.unknown`. */
const KNOWN_CODES = [
  'invalid_credentials',
  'rate_limited',
  'validation_failed',
  'unauthenticated',
  'csrf_rejected',
  'network',
  'not_found',
  'forbidden',
  'conflict',
  'invalid_transition',
  'rule_violated',
] as const;
type KnownCode = (typeof KNOWN_CODES)[number];

export type ErrorMessageKey = `errors.${KnownCode}` | 'errors.rate_limited_wait' | 'errors.unknown';

/** A message to show for a failure: a catalogue key and its ICU values, translated at render time. */
export interface ErrorMessage {
  key: ErrorMessageKey;
  values?: Record<string, number | string>;
  /** The server's error code (`not_found`…), `network`, or `unknown`: for screens that react to one. */
  code?: string;
}

const isKnownCode = (code: string): code is KnownCode => (KNOWN_CODES as readonly string[]).includes(code);

/**
 * Chooses the words for a failure from its stable code, never from the server's English `message`,
 * so the reader gets it in their language. Kept as a key so a language switch re-translates it.
 */
export const describeError = (error: unknown): ErrorMessage => {
  if (!(error instanceof ApiError)) return { key: 'errors.unknown', code: 'unknown' };
  if (!isKnownCode(error.code)) return { key: 'errors.unknown', code: error.code };
  if (error.code === 'rate_limited' && error.retryAfterSeconds !== undefined && error.retryAfterSeconds > 0) {
    return { key: 'errors.rate_limited_wait', values: { seconds: error.retryAfterSeconds }, code: error.code };
  }
  return { key: `errors.${error.code}`, code: error.code };
};
