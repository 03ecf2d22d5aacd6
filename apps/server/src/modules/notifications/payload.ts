/**
 * Reading event payloads and stored notification data, which are untyped JSON: each helper gives
 * the value when it has the expected shape, else null. Pure.
 */

/** A non-blank string. */
export const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

/** An integer (ranks, cycles, amounts in minor units). */
export const int = (value: unknown): number | null =>
  typeof value === 'number' && Number.isInteger(value) ? value : null;

/** A finite number (percentages). */
export const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;
