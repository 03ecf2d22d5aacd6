import type { Kysely } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

/** Column types that differ between the backends; migrations use these instead of literals. */
export interface ColumnTypes {
  readonly dialect: DialectName;
  readonly timestamp: 'timestamptz' | 'text';
  readonly json: 'jsonb' | 'text';
  readonly bool: 'boolean' | 'integer';
  readonly bigint: 'bigint' | 'integer';
  /** An auto-incrementing 64-bit key: `bigserial` / `integer … autoincrement`. */
  readonly serial: 'bigserial' | 'integer';
}

export const columnTypes = (dialect: DialectName): ColumnTypes =>
  dialect === 'postgres'
    ? { dialect, timestamp: 'timestamptz', json: 'jsonb', bool: 'boolean', bigint: 'bigint', serial: 'bigserial' }
    : { dialect, timestamp: 'text', json: 'text', bool: 'integer', bigint: 'integer', serial: 'integer' };

/** One schema change, written once for both backends; `t` carries the few types that differ. */
export interface Migration {
  readonly id: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run below the typed schema
  up(db: Kysely<any>, t: ColumnTypes): Promise<void>;
}
