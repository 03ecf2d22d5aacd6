/**
 * The codec at the repository boundary. Writes use one representation on both backends
 * (ISO-8601 UTC strings for instants, JSON text, booleans — the SQLite driver binds them as 0/1);
 * reads differ by driver (PostgreSQL hands back `Date`, `boolean`, parsed JSON and `bigint` as
 * strings; SQLite hands back text and integers), so every repository reads through these.
 */

/** An instant as stored: always UTC with milliseconds, so text comparison orders it on SQLite. */
export const toDbTime = (at: Date): string => at.toISOString();

export const readTime = (value: unknown): Date => {
  if (value instanceof Date) return value;
  if (typeof value === 'string' || typeof value === 'number') {
    const at = new Date(value);
    if (!Number.isNaN(at.getTime())) return at;
  }
  throw new TypeError(`Not a stored timestamp: ${String(value)}`);
};

export const readOptionalTime = (value: unknown): Date | null =>
  value === null || value === undefined ? null : readTime(value);

export const readBool = (value: unknown): boolean => value === true || value === 1 || value === 1n || value === '1';

export const toDbJson = (value: unknown): string => JSON.stringify(value ?? null);

export const readJson = <T>(value: unknown): T => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));

/** Counts and sequence numbers: PostgreSQL `bigint` arrives as a string. */
export const readInt = (value: unknown): number => {
  const n = typeof value === 'bigint' ? Number(value) : Number(value);
  if (!Number.isFinite(n)) throw new TypeError(`Not a stored integer: ${String(value)}`);
  return n;
};
