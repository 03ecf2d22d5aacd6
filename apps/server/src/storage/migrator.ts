import { sql, type Kysely } from 'kysely';
import { MIGRATIONS } from './migrations/index.ts';
import { columnTypes, type DialectName, type Migration } from './migrations/types.ts';

/** Any Kysely instance: the migrator works below the typed schema. */
type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations run before the schema exists

// Arbitrary constant: PostgreSQL advisory-lock key so concurrent instances migrate one at a time.
const MIGRATION_LOCK_KEY = 7_302_115;

const ensureLedger = async (db: AnyDb, dialect: DialectName): Promise<void> => {
  const t = columnTypes(dialect);
  await db.schema
    .createTable('schema_migrations')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('applied_at', t.timestamp, (c) => c.notNull())
    .execute();
};

/**
 * Applies pending migrations, each in its own transaction with its ledger row, so a crash leaves
 * either the whole migration or none of it. Returns the ids it applied.
 */
export const migrate = async (
  db: AnyDb,
  dialect: DialectName,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<string[]> => {
  const applied: string[] = [];
  await db.transaction().execute(async (trx) => {
    if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx);
    await ensureLedger(trx, dialect);
    const done = new Set(
      (await trx.selectFrom('schema_migrations').select('id').execute()).map((row: { id: string }) => row.id),
    );
    for (const migration of migrations) {
      if (done.has(migration.id)) continue;
      await migration.up(trx, columnTypes(dialect));
      await trx
        .insertInto('schema_migrations')
        .values({ id: migration.id, applied_at: new Date().toISOString() })
        .execute();
      applied.push(migration.id);
    }
  });
  return applied;
};
