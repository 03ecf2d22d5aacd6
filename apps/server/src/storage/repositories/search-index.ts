import { EventType, type CaseStatus } from '@redress/contract';
import { PostgresAdapter, sql } from 'kysely';
import {
  analysedLength,
  buildSearchDocument,
  ftsColumns,
  MAX_DOCUMENT_CHARS,
  tsvectorLiteral,
  type SearchableCase,
  type SearchText,
} from '../../modules/search/index.ts';
import { readInt, readJson, readTime } from '../codec.ts';
import type { Database, Tx } from '../database.ts';
import type { EventProjection, StoredEvent } from '../events.ts';

/**
 * The writing side of the search index: loads what a case's document is made of, rebuilds the
 * document of each case an event changes inside the event's own transaction (the projection), and
 * rebuilds the whole index from the tables (after an erasure, or to change the analysis).
 */

/** The timeline events whose text is searchable, and the payload field holding it. */
const TEXT_EVENTS: Readonly<Record<string, { field: SearchText['field']; key: string }>> = {
  [EventType.CaseMessageRecorded]: { field: 'message', key: 'body' },
  [EventType.CaseNoteAdded]: { field: 'note', key: 'body' },
  [EventType.CaseCallLogged]: { field: 'call', key: 'summary' },
};

/** A customer's names as the event being projected says they are now (it may precede the row update). */
export interface NameOverride {
  readonly name?: string;
  readonly preferredName?: string | null;
}

/** `IN (…)` lists are cut to this many values, far below either backend's parameter limit. */
const IN_CHUNK = 500;

const chunks = <T>(items: readonly T[], size = IN_CHUNK): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/** Text events read per round trip while collecting a case's newest texts. */
const EVENT_PAGE = 50;

interface TextEventRow {
  readonly id: string;
  readonly subject_id: string;
  readonly seq: unknown;
  readonly type: string;
  readonly payload: unknown;
}

/** One page of a case's text events, newest first, older than `before` when given. */
const textEventPage = (tx: Tx, caseId: string, before: number | undefined): Promise<TextEventRow[]> => {
  let query = tx
    .selectFrom('events')
    .select(['id', 'subject_id', 'seq', 'type', 'payload'])
    .where('subject_type', '=', 'case')
    .where('subject_id', '=', caseId)
    .where('type', 'in', Object.keys(TEXT_EVENTS));
  if (before !== undefined) query = query.where('seq', '<', before);
  return query.orderBy('seq', 'desc').limit(EVENT_PAGE).execute();
};

/**
 * The first page of text events of each of several cases in one round trip (a page of search
 * hits, a batch of the fallback scan or of a rebuild), so loading many cases is not a query each.
 */
const firstPages = async (tx: Tx, caseIds: readonly string[]): Promise<Map<string, TextEventRow[]>> => {
  const ranked = tx
    .selectFrom('events')
    .select([
      'id',
      'subject_id',
      'seq',
      'type',
      'payload',
      sql<number>`row_number() over (partition by subject_id order by seq desc)`.as('rn'),
    ])
    .where('subject_type', '=', 'case')
    .where('subject_id', 'in', [...caseIds])
    .where('type', 'in', Object.keys(TEXT_EVENTS));
  const rows = await tx
    .selectFrom(ranked.as('e'))
    .select(['e.id', 'e.subject_id', 'e.seq', 'e.type', 'e.payload'])
    .where('e.rn', '<=', EVENT_PAGE)
    .orderBy('e.subject_id')
    .orderBy('e.seq', 'desc')
    .execute();
  const out = new Map<string, TextEventRow[]>();
  for (const row of rows) {
    let list = out.get(row.subject_id);
    if (!list) out.set(row.subject_id, (list = []));
    list.push(row);
  }
  return out;
};

/**
 * A case's message, note and call texts, newest first, until `budget` characters (counted as the
 * document counts them, `analysedLength`) are collected: pages through the case's events from the
 * newest (starting from `first` when its first page is already read), so the work is bounded by
 * the budget, not by the length of the case's history.
 */
const newestTexts = async (
  tx: Tx,
  caseId: string,
  budget: number,
  first?: readonly TextEventRow[],
  complete = false,
): Promise<SearchText[]> => {
  const out: SearchText[] = [];
  let spent = 0;
  let page = first ?? (await textEventPage(tx, caseId, undefined));
  for (;;) {
    for (const event of page) {
      const spec = TEXT_EVENTS[event.type];
      const text = spec ? readJson<Record<string, unknown>>(event.payload)[spec.key] : undefined;
      if (!spec || typeof text !== 'string' || text.length === 0) continue;
      out.push({ field: spec.field, eventId: event.id, text });
      spent += analysedLength(text);
      if (spent >= budget) return out;
    }
    // A complete first page (a case created in this append: its events are all in hand) ends it.
    if (page.length < EVENT_PAGE || (complete && page === first)) return out;
    page = await textEventPage(tx, caseId, readInt(page.at(-1)!.seq));
  }
};

/**
 * The cases with these ids and their texts, in the order a document keeps them when it is full:
 * subject, customer names (the customer merged into, too), description, then messages, notes and
 * call summaries newest first — only as many as fit `textBudget` characters (by default what a
 * document analyses, `MAX_DOCUMENT_CHARS`, so the document built from them is the one built from
 * every text). Unknown ids are skipped.
 */
export const loadSearchableCases = async (
  tx: Tx,
  ids: readonly string[],
  overrides: ReadonlyMap<string, NameOverride> = new Map(),
  textBudget: number = MAX_DOCUMENT_CHARS,
  fresh: ReadonlyMap<string, readonly TextEventRow[]> = new Map(),
): Promise<SearchableCase[]> => {
  const out: SearchableCase[] = [];
  for (const batch of chunks([...new Set(ids)])) {
    const rows = await tx
      .selectFrom('cases')
      .select(['id', 'ref', 'subject', 'status', 'site_id', 'created_at', 'description', 'customer_id'])
      .where('id', 'in', batch)
      .orderBy('id')
      .execute();
    if (rows.length === 0) continue;
    const customers = new Map<string, { name: string; preferred: string | null; mergedInto: string | null }>();
    const loadCustomers = async (customerIds: string[]) => {
      const wanted = [...new Set(customerIds)].filter((id) => !customers.has(id));
      if (wanted.length === 0) return;
      const found = await tx
        .selectFrom('customers')
        .select(['id', 'name', 'preferred_name', 'merged_into'])
        .where('id', 'in', wanted)
        .execute();
      for (const c of found) {
        const override = overrides.get(c.id);
        customers.set(c.id, {
          name: override?.name ?? c.name,
          preferred: override?.preferredName !== undefined ? override.preferredName : c.preferred_name,
          mergedInto: c.merged_into,
        });
      }
    };
    await loadCustomers(rows.map((r) => r.customer_id));
    await loadCustomers([...customers.values()].flatMap((c) => (c.mergedInto ? [c.mergedInto] : [])));
    // One case (a write): its own bounded pages. Several: their first pages in one round trip.
    const stored = rows.filter((r) => !fresh.has(r.id)).map((r) => r.id);
    const pages = stored.length > 1 ? await firstPages(tx, stored) : undefined;
    for (const row of rows) {
      const texts: SearchText[] = [];
      if (row.subject) texts.push({ field: 'subject', eventId: null, text: row.subject });
      const names = new Set<string>();
      const customer = customers.get(row.customer_id);
      const survivor = customer?.mergedInto ? customers.get(customer.mergedInto) : undefined;
      for (const c of [customer, survivor]) {
        if (!c) continue;
        names.add(c.name);
        if (c.preferred) names.add(c.preferred);
      }
      for (const name of names) texts.push({ field: 'customer', eventId: null, text: name });
      texts.push({ field: 'description', eventId: null, text: row.description });
      const spent = texts.reduce((sum, t) => sum + analysedLength(t.text), 0);
      if (spent < textBudget) {
        texts.push(
          ...(await (fresh.has(row.id)
            ? newestTexts(tx, row.id, textBudget - spent, fresh.get(row.id), true)
            : newestTexts(tx, row.id, textBudget - spent, pages ? (pages.get(row.id) ?? []) : undefined))),
        );
      }
      out.push({
        id: row.id,
        ref: row.ref,
        subject: row.subject,
        status: row.status as CaseStatus,
        siteId: row.site_id,
        createdAt: readTime(row.created_at),
        texts,
      });
    }
  }
  return out;
};

const isPostgres = (tx: Tx): boolean => tx.getExecutor().adapter instanceof PostgresAdapter;

/** Writes each case's document, replacing the one it had (its SQLite rowid is kept). */
const writeDocuments = async (tx: Tx, cases: readonly SearchableCase[]): Promise<void> => {
  if (cases.length === 0) return;
  const docs = cases.map((c) => ({ caseId: c.id, doc: buildSearchDocument(c.texts.map((t) => t.text)) }));
  if (isPostgres(tx)) {
    for (const batch of chunks(docs, 200)) {
      const values = batch.map((d) => sql`(${d.caseId}, ${tsvectorLiteral(d.doc)}::tsvector)`);
      await sql`INSERT INTO search_documents (case_id, doc) VALUES ${sql.join(values)}
        ON CONFLICT (case_id) DO UPDATE SET doc = excluded.doc`.execute(tx);
    }
    return;
  }
  const rowids = new Map<string, number>();
  for (const batch of chunks(docs.map((d) => d.caseId))) {
    const rows = await tx.selectFrom('search_cases').select(['id', 'case_id']).where('case_id', 'in', batch).execute();
    for (const row of rows) rowids.set(row.case_id, Number(row.id));
  }
  for (const { caseId, doc } of docs) {
    let rowid = rowids.get(caseId);
    if (rowid === undefined) {
      const row = await tx
        .insertInto('search_cases')
        .values({ case_id: caseId })
        .returning('id')
        .executeTakeFirstOrThrow();
      rowid = Number(row.id);
    } else {
      await sql`DELETE FROM search_fts WHERE rowid = ${rowid}`.execute(tx);
    }
    const { words, grams } = ftsColumns(doc);
    await sql`INSERT INTO search_fts (rowid, words, grams) VALUES (${rowid}, ${words}, ${grams})`.execute(tx);
  }
};

/** Cases loaded and written together while reindexing, so memory stays bounded. */
const REINDEX_BATCH = 100;

/** Rebuilds the documents of these cases from their rows and events, inside `tx`. */
export const reindexCases = async (
  tx: Tx,
  caseIds: readonly string[],
  overrides?: ReadonlyMap<string, NameOverride>,
  fresh: ReadonlyMap<string, readonly TextEventRow[]> = new Map(),
): Promise<void> => {
  for (const batch of chunks([...new Set(caseIds)], REINDEX_BATCH)) {
    const loaded = await loadSearchableCases(tx, batch, overrides, MAX_DOCUMENT_CHARS, fresh);
    await writeDocuments(tx, loaded);
  }
};

/**
 * Cases reindexed per customer when the customer is renamed or merged, inside the request that
 * did it: the newest ones. A customer with a longer history keeps the old name in the documents
 * of older cases until each is next written to (any message, note or call reindexes it) or the
 * index is rebuilt — the price of a rename that costs the same whatever the customer's history.
 */
export const MAX_RENAME_REINDEX = 200;

/** The newest `MAX_RENAME_REINDEX` cases of each of these customers and of the customers merged into it. */
const casesOfCustomers = async (tx: Tx, customerIds: readonly string[]): Promise<string[]> => {
  const out: string[] = [];
  for (const customerId of customerIds) {
    const rows = await tx
      .selectFrom('cases')
      .select('id')
      .where((eb) =>
        eb.or([
          eb('customer_id', '=', customerId),
          eb('customer_id', 'in', eb.selectFrom('customers').select('id').where('merged_into', '=', customerId)),
        ]),
      )
      .orderBy('id', 'desc')
      .limit(MAX_RENAME_REINDEX)
      .execute();
    out.push(...rows.map((r) => r.id));
  }
  return out;
};

const CASE_TEXT_EVENTS: readonly string[] = [EventType.CaseCreated, ...Object.keys(TEXT_EVENTS)];

/**
 * The cases each open transaction has indexed so far: a case indexed by an earlier append in the
 * same transaction has a document and stored texts, so it is not fresh whatever its events say.
 */
const indexedInTx = new WeakMap<Tx, Set<string>>();

/**
 * The cases created in this append, each with its text events from the same append, newest first:
 * every text such a case has is in hand, so its events and its (absent) document are not read.
 */
const freshCases = (tx: Tx, events: readonly StoredEvent[]): Map<string, TextEventRow[]> => {
  const fresh = new Map<string, TextEventRow[]>();
  const indexed = indexedInTx.get(tx);
  for (const event of events) {
    if (event.type === EventType.CaseCreated && !indexed?.has(event.subjectId)) fresh.set(event.subjectId, []);
  }
  for (const event of events) {
    const list = fresh.get(event.subjectId);
    if (!list || !TEXT_EVENTS[event.type] || event.subjectType !== 'case') continue;
    list.unshift({
      id: event.id,
      subject_id: event.subjectId,
      seq: event.seq,
      type: event.type,
      payload: event.payload,
    });
  }
  return fresh;
};

/**
 * Keeps the index in step with the log, in the writing transaction: a case is findable the moment
 * the request that created it returns, and by a message the moment it is recorded. Follows every
 * event that changes indexed text — creation, a subject edit, a message, note or call, a
 * customer's name change or merge — and rebuilds each affected case's document once per append.
 */
export const searchProjection: EventProjection = {
  name: 'search',
  types: [...CASE_TEXT_EVENTS, EventType.CaseFieldChanged, EventType.CustomerUpdated, EventType.CustomerMerged],
  async project(tx: Tx, events: readonly StoredEvent[]) {
    const caseIds = new Set<string>();
    const customerIds = new Set<string>();
    const overrides = new Map<string, NameOverride>();
    for (const event of events) {
      const payload = (event.payload ?? {}) as Record<string, unknown>;
      if (CASE_TEXT_EVENTS.includes(event.type)) caseIds.add(event.subjectId);
      else if (event.type === EventType.CaseFieldChanged && payload.field === 'subject') caseIds.add(event.subjectId);
      else if (event.type === EventType.CustomerMerged) customerIds.add(event.subjectId);
      else if (event.type === EventType.CustomerUpdated) {
        const changes = (payload.changes ?? {}) as Record<string, unknown>;
        if (!('name' in changes) && !('preferredName' in changes)) continue;
        customerIds.add(event.subjectId);
        overrides.set(event.subjectId, {
          ...overrides.get(event.subjectId),
          ...(typeof changes.name === 'string' ? { name: changes.name } : {}),
          ...('preferredName' in changes
            ? { preferredName: typeof changes.preferredName === 'string' ? changes.preferredName : null }
            : {}),
        });
      }
    }
    for (const id of await casesOfCustomers(tx, [...customerIds])) caseIds.add(id);
    await reindexCases(tx, [...caseIds], overrides, freshCases(tx, events));
    let indexed = indexedInTx.get(tx);
    if (!indexed) indexedInTx.set(tx, (indexed = new Set()));
    for (const id of caseIds) indexed.add(id);
  },
};

/**
 * Rebuilds the whole index from the cases, their events and their customers: empties it, then
 * indexes every case in creation order, `batchSize` cases per transaction (so a large store does
 * not hold one long write; searches meanwhile see a partial index). Cases written concurrently are
 * indexed by the projection as usual. Returns the number of cases indexed.
 */
export const rebuildSearchIndex = async (db: Database, options: { batchSize?: number } = {}): Promise<number> => {
  const batchSize = options.batchSize ?? 500;
  await db.write(async (tx) => {
    if (isPostgres(tx)) {
      await sql`DELETE FROM search_documents`.execute(tx);
    } else {
      await sql`INSERT INTO search_fts (search_fts) VALUES ('delete-all')`.execute(tx);
      await sql`DELETE FROM search_cases`.execute(tx);
    }
  });
  let after = '';
  let count = 0;
  for (;;) {
    const ids = await db.read
      .selectFrom('cases')
      .select('id')
      .where('id', '>', after)
      .orderBy('id')
      .limit(batchSize)
      .execute();
    if (ids.length === 0) return count;
    await db.write((tx) =>
      reindexCases(
        tx,
        ids.map((r) => r.id),
      ),
    );
    count += ids.length;
    after = ids.at(-1)!.id;
  }
};
