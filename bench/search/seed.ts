// Seeds the search benchmark's cases straight into `cases` and the index tables, in bulk: the
// same rows and index documents the projection would write, without the API or the segmenter.
import { sql } from 'kysely';
import { ftsColumns, tsvectorLiteral } from '../../apps/server/src/modules/search/index.ts';
import type { Database, Tx } from '../../apps/server/src/storage/database.ts';
import { buildCorpus, CORPUS_LANGUAGES, randomStream } from './corpus.ts';

export const SEED_SITES = ['site_bench1', 'site_bench2', 'site_bench3', 'site_bench4'];
const CATEGORIES = ['cat_bench1', 'cat_bench2', 'cat_bench3'];
const STATUSES = ['new', 'acknowledged', 'investigating', 'waiting_on_customer', 'resolved', 'closed'];
/** Cases per transaction. */
const BATCH = 10_000;
/** Rows per multi-row INSERT on SQLite (parameters per statement stay far below its limit). */
const ROWS_PER_STATEMENT = 500;

interface CaseRow {
  readonly id: string;
  readonly ref: string;
  readonly status: string;
  readonly customer_id: string;
  readonly channel: string;
  readonly subject: string;
  readonly description: string;
  readonly language: string;
  readonly category_id: string | null;
  readonly severity: string;
  readonly safety: boolean;
  readonly priority: string;
  readonly site_id: string;
  readonly owner_id: string;
  readonly created_at: string;
  readonly updated_at: string;
}

const pad = (n: number) => String(n).padStart(8, '0');

const seedReference = async (tx: Tx, pg: boolean, at: string, names: readonly string[]) => {
  const json = (value: unknown) => (pg ? sql`${JSON.stringify(value)}::jsonb` : sql`${JSON.stringify(value)}`);
  for (const [i, site] of SEED_SITES.entries()) {
    await sql`INSERT INTO sites (id, name, code, time_zone, created_at) VALUES (${site}, ${`Bench ${i}`}, ${`B-${i}`}, 'Asia/Taipei', ${at})`.execute(
      tx,
    );
  }
  await sql`INSERT INTO users (id, email, name, role, locale, site_id, created_at, updated_at)
    VALUES ('usr_bench', 'bench@example.test', 'Bench', 'agent', 'en', ${SEED_SITES[0]}, ${at}, ${at}),
      ('usr_owner', 'owner@example.test', 'Owner', 'agent', 'en', ${SEED_SITES[0]}, ${at}, ${at})`.execute(tx);
  for (const category of CATEGORIES) {
    await sql`INSERT INTO categories (id, names, kind, created_at)
      VALUES (${category}, ${json({ en: category })}, 'product_quality', ${at})`.execute(tx);
  }
  for (const [i, name] of names.entries()) {
    await sql`INSERT INTO customers (id, name, search_name, notes_what_matters, consent, created_at, updated_at)
      VALUES (${`cus_bench${i}`}, ${name}, ${name.toLowerCase()}, ${json({ priorities: [], text: null })}, ${json({})}, ${at}, ${at})`.execute(
      tx,
    );
  }
};

const insertSqlite = async (
  tx: Tx,
  rows: readonly CaseRow[],
  docs: readonly { words: string; grams: string }[],
  first: number,
) => {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    await tx
      .insertInto('cases')
      .values(chunk.map((r) => ({ ...r, safety: r.safety ? 1 : 0 })) as never)
      .execute();
    await tx
      .insertInto('search_cases')
      .values(chunk.map((r, k) => ({ id: first + i + k, case_id: r.id })))
      .execute();
    const values = chunk.map((_, k) => {
      const doc = docs[i + k]!;
      return sql`(${first + i + k}, ${doc.words}, ${doc.grams})`;
    });
    await sql`INSERT INTO search_fts (rowid, words, grams) VALUES ${sql.join(values)}`.execute(tx);
  }
};

const insertPostgres = async (tx: Tx, rows: readonly CaseRow[], docs: readonly string[]) => {
  const col = <K extends keyof CaseRow>(key: K) => rows.map((r) => r[key]);
  await sql`INSERT INTO cases (id, ref, status, customer_id, channel, subject, description, language, category_id,
      severity, safety, priority, site_id, owner_id, created_at, updated_at)
    SELECT * FROM unnest(${col('id')}::text[], ${col('ref')}::text[], ${col('status')}::text[],
      ${col('customer_id')}::text[], ${col('channel')}::text[], ${col('subject')}::text[], ${col('description')}::text[],
      ${col('language')}::text[], ${col('category_id')}::text[], ${col('severity')}::text[], ${col('safety')}::boolean[],
      ${col('priority')}::text[], ${col('site_id')}::text[], ${col('owner_id')}::text[], ${col('created_at')}::timestamptz[],
      ${col('updated_at')}::timestamptz[])`.execute(tx);
  await sql`INSERT INTO search_documents (case_id, doc)
    SELECT id, doc::tsvector FROM unnest(${col('id')}::text[], ${docs}::text[]) AS u(id, doc)`.execute(tx);
};

/**
 * Seeds `count` cases (a quarter per language, interleaved, one second apart from `start`) with
 * their customers, sites and index documents. On PostgreSQL the GIN index is dropped for the load
 * and built once at the end, as a bulk import would. Ends with ANALYZE (and, on SQLite, FTS5's
 * `optimize`, which merges the index segments a bulk load leaves behind).
 */
export const seedSearchCorpus = async (
  db: Database,
  count: number,
  start: Date,
  onProgress: (done: number) => void,
): Promise<void> => {
  const pg = db.dialect === 'postgres';
  const corpus = buildCorpus();
  const random = randomStream(20_260_302);
  const names = [...new Set(Array.from({ length: 2_000 }, () => corpus.generate('en', random).customerName))];
  const at = start.toISOString();
  await db.write((tx) => seedReference(tx, pg, at, names));
  if (pg) await db.write((tx) => sql`DROP INDEX search_documents_doc_idx`.execute(tx));
  for (let first = 1; first <= count; first += BATCH) {
    const rows: CaseRow[] = [];
    const sqliteDocs: { words: string; grams: string }[] = [];
    const pgDocs: string[] = [];
    for (let n = first; n < Math.min(first + BATCH, count + 1); n += 1) {
      const language = CORPUS_LANGUAGES[n % CORPUS_LANGUAGES.length]!;
      const text = corpus.generate(language, random);
      const created = new Date(start.getTime() + n * 1000).toISOString();
      rows.push({
        id: `case_${pad(n)}`,
        ref: `C-2025-${pad(n)}`,
        status: STATUSES[Math.floor(random() * STATUSES.length)]!,
        customer_id: `cus_bench${Math.max(0, names.indexOf(text.customerName))}`,
        channel: 'web',
        subject: text.subject,
        description: text.description,
        language,
        category_id: random() < 0.3 ? null : CATEGORIES[Math.floor(random() * CATEGORIES.length)]!,
        severity: 'medium',
        safety: false,
        priority: 'normal',
        site_id: SEED_SITES[Math.floor(random() * SEED_SITES.length)]!,
        // Not the searcher: they see cases by site, not as their owner.
        owner_id: 'usr_owner',
        created_at: created,
        updated_at: created,
      });
      const doc = { words: text.words, grams: text.grams };
      if (pg) pgDocs.push(tsvectorLiteral(doc));
      else sqliteDocs.push(ftsColumns(doc));
    }
    await db.write((tx) => (pg ? insertPostgres(tx, rows, pgDocs) : insertSqlite(tx, rows, sqliteDocs, first)));
    onProgress(first + rows.length - 1);
  }
  await db.write(async (tx) => {
    if (pg) await sql`CREATE INDEX search_documents_doc_idx ON search_documents USING gin (doc)`.execute(tx);
    else await sql`INSERT INTO search_fts (search_fts) VALUES ('optimize')`.execute(tx);
  });
  await db.write((tx) => sql`ANALYZE`.execute(tx));
};
