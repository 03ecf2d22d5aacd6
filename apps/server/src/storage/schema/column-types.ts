import type { ColumnType } from 'kysely';

/** Column types shared by every area's table declarations: how each backend's values read back. */

/** An instant: written as an ISO-8601 UTC string, read back as `Date` (PG) or string (SQLite). */
export type Timestamp = ColumnType<Date | string, string, string>;
export type NullableTimestamp = ColumnType<Date | string | null, string | null, string | null>;
/** JSON: written as text, read back parsed (PG jsonb) or as text (SQLite). */
export type Json = ColumnType<unknown, string, string>;
export type Bool = ColumnType<boolean | number, boolean, boolean>;
/** bigint / integer: PG returns bigint columns as strings. */
export type BigCount = ColumnType<number | string | bigint, number, number | string | bigint>;
/** An auto-incrementing key: assigned by the database, never written. */
export type Serial = ColumnType<number | string | bigint, never, never>;
