import { PostgresAdapter, sql, type Selectable } from 'kysely';
import type {
  CaseChannel,
  CaseLinkKind,
  CasePriority,
  CaseStatus,
  ExpectedRemedy,
  InfluencerRelationship,
  KeyPersonRole,
  ResolutionKind,
  Severity,
} from '@redress/contract';
import type {
  Case,
  CaseListItem,
  CaseRepository,
  CustomerDecision,
  KeyPerson,
  Resolution,
} from '../../modules/cases/index.ts';
import { readBool, readInt, readJson, readOptionalTime, readTime, toDbJson, toDbTime } from '../codec.ts';
import type { Tx } from '../database.ts';
import { appendEvent } from '../events.ts';
import { caseLookups } from './case-lookups.repository.ts';
import { clocksRepository, type ClockConfigCache } from './clocks.repository.ts';
import { caseInQueue, nextRunningDue } from './queues.repository.ts';
import { caseVisibleTo } from './scope-sql.ts';
import type { Schema } from '../schema.ts';

type CaseRow = Selectable<Schema['cases']>;

interface StoredResolution {
  text: string;
  kind: ResolutionKind;
  rootCauseId: string;
  recordedAt: string;
  recordedBy: string | null;
}
interface StoredDecision {
  accepted: boolean;
  note: string | null;
  recordedAt: string;
  recordedBy: string | null;
}

const toResolution = (value: unknown): Resolution | null => {
  const stored = value === null || value === undefined ? null : readJson<StoredResolution | null>(value);
  return stored ? { ...stored, recordedAt: readTime(stored.recordedAt) } : null;
};
const toDecision = (value: unknown): CustomerDecision | null => {
  const stored = value === null || value === undefined ? null : readJson<StoredDecision | null>(value);
  return stored ? { ...stored, recordedAt: readTime(stored.recordedAt) } : null;
};

const toCase = (row: CaseRow, tags: readonly string[]): Case => ({
  id: row.id,
  ref: row.ref,
  status: row.status as CaseStatus,
  customerId: row.customer_id,
  channel: row.channel as CaseChannel,
  subject: row.subject,
  description: row.description,
  language: row.language,
  categoryId: row.category_id,
  severity: row.severity as Severity,
  safety: readBool(row.safety),
  priority: row.priority as CasePriority,
  expectedRemedy: row.expected_remedy as ExpectedRemedy | null,
  productRef: row.product_ref,
  orderRef: row.order_ref,
  tags,
  siteId: row.site_id,
  ownerId: row.owner_id,
  resolution: toResolution(row.resolution),
  customerDecision: toDecision(row.customer_decision),
  mergedIntoId: row.merged_into_id,
  createdAt: readTime(row.created_at),
  updatedAt: readTime(row.updated_at),
  closedAt: readOptionalTime(row.closed_at),
});

const mutableColumns = (record: Case) => ({
  status: record.status,
  subject: record.subject,
  description: record.description,
  language: record.language,
  category_id: record.categoryId,
  severity: record.severity,
  safety: record.safety,
  priority: record.priority,
  expected_remedy: record.expectedRemedy,
  product_ref: record.productRef,
  order_ref: record.orderRef,
  site_id: record.siteId,
  owner_id: record.ownerId,
  resolution: record.resolution
    ? toDbJson({ ...record.resolution, recordedAt: toDbTime(record.resolution.recordedAt) })
    : null,
  customer_decision: record.customerDecision
    ? toDbJson({ ...record.customerDecision, recordedAt: toDbTime(record.customerDecision.recordedAt) })
    : null,
  merged_into_id: record.mergedIntoId,
  updated_at: toDbTime(record.updatedAt),
  closed_at: record.closedAt ? toDbTime(record.closedAt) : null,
});

const encodeCursor = (parts: readonly string[]): string => Buffer.from(JSON.stringify(parts)).toString('base64url');
const decodeCursor = (cursor: string): string[] | undefined => {
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(parts) && parts.every((p) => typeof p === 'string') ? parts : undefined;
  } catch {
    return undefined;
  }
};

const likePattern = (q: string): string => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const toKeyPerson = (row: Selectable<Schema['case_key_people']>): KeyPerson => ({
  id: row.id,
  caseId: row.case_id,
  role: row.role as KeyPersonRole,
  userId: row.user_id,
  name: row.name,
  relationship: row.relationship as InfluencerRelationship | null,
  contact: row.contact,
  consent: row.consent === null ? null : readBool(row.consent),
  note: row.note,
  createdBy: row.created_by,
  createdAt: readTime(row.created_at),
});

/**
 * The cases port over Kysely; `tx` is either the read side or an open transaction. `clockConfig`
 * caches the policies and calendars the case's clocks read (none: read each time).
 */
export const casesRepository = (tx: Tx, clockConfig?: ClockConfigCache): CaseRepository => {
  const isPostgres = tx.getExecutor().adapter instanceof PostgresAdapter;
  const tagsOf = async (ids: readonly string[]): Promise<Map<string, string[]>> => {
    const out = new Map<string, string[]>();
    if (ids.length === 0) return out;
    const rows = await tx
      .selectFrom('case_tags')
      .selectAll()
      .where('case_id', 'in', [...ids])
      .orderBy('tag')
      .execute();
    for (const row of rows) out.set(row.case_id, [...(out.get(row.case_id) ?? []), row.tag]);
    return out;
  };
  const withTags = async (rows: readonly CaseRow[]): Promise<Case[]> => {
    const tags = await tagsOf(rows.map((r) => r.id));
    return rows.map((row) => toCase(row, tags.get(row.id) ?? []));
  };
  /**
   * What a listed case shows beside its own columns, for a whole page in one query: its next
   * running clock's due time and its customer's name (the surviving record's after a merge).
   */
  const withListExtras = async (rows: readonly CaseRow[]): Promise<CaseListItem[]> => {
    const items = await withTags(rows);
    if (rows.length === 0) return [];
    const extras = await tx
      .selectFrom('cases')
      .leftJoin('customers as cu', 'cu.id', 'cases.customer_id')
      .leftJoin('customers as survivor', 'survivor.id', 'cu.merged_into')
      .select((eb) => [
        'cases.id',
        'cu.name as customer_name',
        'survivor.name as survivor_name',
        nextRunningDue(eb).as('next_due'),
      ])
      .where(
        'cases.id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    const byId = new Map(extras.map((row) => [row.id, row]));
    return items.map((item, i) => {
      const extra = byId.get(item.id);
      return {
        ...item,
        nextDueAt: readOptionalTime(extra?.next_due),
        escalationRank: readInt(rows[i]?.escalation_level ?? 0),
        customerName: extra?.survivor_name ?? extra?.customer_name ?? '',
      };
    });
  };
  const writeTags = async (caseId: string, tags: readonly string[]) => {
    await tx.deleteFrom('case_tags').where('case_id', '=', caseId).execute();
    if (tags.length > 0) {
      await tx
        .insertInto('case_tags')
        .values(tags.map((tag) => ({ case_id: caseId, tag })))
        .execute();
    }
  };

  return {
    clocks: clocksRepository(tx, clockConfig),
    async nextRefSequence(year) {
      // One statement, atomic on both backends: PostgreSQL locks the counter row until commit, so
      // concurrent creators queue on it; the embedded store has a single writer.
      const row = await tx
        .insertInto('case_ref_counters')
        .values({ year, last: 1 })
        .onConflict((oc) => oc.column('year').doUpdateSet({ last: sql`case_ref_counters.last + 1` }))
        .returning('last')
        .executeTakeFirstOrThrow();
      return readInt(row.last);
    },
    async insertCase(record, createdBy) {
      await tx
        .insertInto('cases')
        .values({
          ...mutableColumns(record),
          id: record.id,
          ref: record.ref,
          customer_id: record.customerId,
          channel: record.channel,
          created_by: createdBy,
          created_at: toDbTime(record.createdAt),
        })
        .execute();
      await writeTags(record.id, record.tags);
    },
    async saveCase(record) {
      await tx.updateTable('cases').set(mutableColumns(record)).where('id', '=', record.id).execute();
      await writeTags(record.id, record.tags);
    },
    async findCase(id) {
      const row = await tx.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? (await withTags([row]))[0] : undefined;
    },
    async findVisibleCase(id, visibility, forUpdate = false) {
      let query = tx.selectFrom('cases').selectAll().where('cases.id', '=', id);
      if (!visibility.all) query = query.where((eb) => caseVisibleTo(eb, visibility));
      if (forUpdate && isPostgres) query = query.forUpdate('cases');
      const row = await query.executeTakeFirst();
      return row ? (await withTags([row]))[0] : undefined;
    },
    async listCases(visibility, filter) {
      let query = tx.selectFrom('cases').selectAll();
      if (!visibility.all) query = query.where((eb) => caseVisibleTo(eb, visibility));
      if (filter.status) query = query.where('cases.status', '=', filter.status);
      if (filter.siteId) query = query.where('cases.site_id', '=', filter.siteId);
      if (filter.ownerId) query = query.where('cases.owner_id', '=', filter.ownerId);
      if (filter.categoryId) query = query.where('cases.category_id', '=', filter.categoryId);
      if (filter.customerId) {
        const customerId = filter.customerId;
        query = query.where('cases.customer_id', 'in', (eb) =>
          eb
            .selectFrom('customers')
            .select('customers.id')
            .where((w) => w.or([w('customers.id', '=', customerId), w('customers.merged_into', '=', customerId)])),
        );
      }
      if (filter.openOnly) query = query.where('cases.status', 'not in', ['resolved', 'closed']);
      if (filter.notClosed) query = query.where('cases.status', '!=', 'closed');
      const q = filter.q?.trim();
      if (q) {
        const pattern = likePattern(q);
        query = query.where(
          (eb) =>
            sql<boolean>`(lower(${eb.ref('cases.ref')}) like ${pattern} escape '\\' or lower(coalesce(${eb.ref('cases.subject')}, '')) like ${pattern} escape '\\' or lower(${eb.ref('cases.description')}) like ${pattern} escape '\\')`,
        );
      }
      const queue = filter.queue;
      if (queue) query = query.where((eb) => caseInQueue(eb, queue));
      const cursor = filter.cursor ? decodeCursor(filter.cursor) : undefined;
      // Due soon: the soonest running clock first (then by id), whatever `sort` says.
      const byDue = queue?.key === 'due_soon';
      if (byDue) {
        if (cursor?.[0] && cursor[1]) {
          const [at, id] = cursor;
          query = query.where((eb) =>
            eb.or([
              eb(nextRunningDue(eb), '>', at),
              eb.and([eb(nextRunningDue(eb), '=', at), eb('cases.id', '>', id)]),
            ]),
          );
        }
        // Ids are time-ordered (creation millisecond first), so ordering by id orders by creation.
      } else if (filter.sort === 'updated_desc') {
        if (cursor?.[0] && cursor[1]) {
          const [at, id] = cursor;
          query = query.where((eb) =>
            eb.or([
              eb('cases.updated_at', '<', at),
              eb.and([eb('cases.updated_at', '=', at), eb('cases.id', '<', id)]),
            ]),
          );
        }
        query = query.orderBy('cases.updated_at', 'desc').orderBy('cases.id', 'desc');
      } else {
        const ascending = filter.sort === 'created_asc';
        if (cursor?.[0]) query = query.where('cases.id', ascending ? '>' : '<', cursor[0]);
        query = query.orderBy('cases.id', ascending ? 'asc' : 'desc');
      }
      if (byDue) {
        // The due time is read once, in the same statement that orders the page by it, so the
        // cursor and what is shown agree with the order even if a clock stops meanwhile.
        const rows = await query
          .select((eb) => nextRunningDue(eb).as('next_due'))
          .orderBy('next_due', 'asc')
          .orderBy('cases.id', 'asc')
          .limit(filter.limit + 1)
          .execute();
        const page = rows.slice(0, filter.limit);
        const dueOf = new Map(page.map((row) => [row.id, readOptionalTime(row.next_due)]));
        const items = (await withListExtras(page)).map((item) => ({ ...item, nextDueAt: dueOf.get(item.id) ?? null }));
        const last = page.at(-1);
        const lastDue = last ? dueOf.get(last.id) : null;
        const nextCursor =
          rows.length > filter.limit && last && lastDue ? encodeCursor([toDbTime(lastDue), last.id]) : null;
        return { items, nextCursor };
      }
      const rows = await query.limit(filter.limit + 1).execute();
      const items = await withListExtras(rows.slice(0, filter.limit));
      const last = items.at(-1);
      const position = (item: CaseListItem): string[] =>
        filter.sort === 'updated_desc' ? [toDbTime(item.updatedAt), item.id] : [item.id];
      const nextCursor = rows.length > filter.limit && last ? encodeCursor(position(last)) : null;
      return { items, nextCursor };
    },

    async timeline(caseIds, limit) {
      if (caseIds.length === 0) return [];
      const rows = await tx
        .selectFrom('events')
        .leftJoin('users', 'users.id', 'events.actor_id')
        .select([
          'events.seq',
          'events.id',
          'events.type',
          'events.subject_id',
          'events.actor_id',
          'events.payload',
          'events.occurred_at',
          'users.name as actor_name',
        ])
        .where('events.subject_type', '=', 'case')
        .where('events.subject_id', 'in', [...caseIds])
        .orderBy('events.seq')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        id: row.id,
        seq: readInt(row.seq),
        type: row.type,
        caseId: row.subject_id,
        actorId: row.actor_id,
        actorName: row.actor_name ?? null,
        payload: readJson<Record<string, unknown>>(row.payload),
        occurredAt: readTime(row.occurred_at),
      }));
    },
    async mergedInto(caseId) {
      const rows = await tx
        .selectFrom('cases')
        .select('id')
        .where('merged_into_id', '=', caseId)
        .orderBy('id')
        .execute();
      return rows.map((r) => r.id);
    },

    async insertKeyPerson(person) {
      await tx
        .insertInto('case_key_people')
        .values({
          id: person.id,
          case_id: person.caseId,
          role: person.role,
          user_id: person.userId,
          name: person.name,
          relationship: person.relationship,
          contact: person.contact,
          consent: person.consent,
          note: person.note,
          created_by: person.createdBy,
          created_at: toDbTime(person.createdAt),
        })
        .execute();
    },
    async listKeyPeople(caseId) {
      const rows = await tx
        .selectFrom('case_key_people')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      // Roles in their natural order (first handler, authority, influencers), then as recorded.
      const rank = (role: string) => ['first_handler', 'authority', 'influencer'].indexOf(role);
      return rows.map(toKeyPerson).sort((a, b) => rank(a.role) - rank(b.role));
    },
    async insertLink(link) {
      const existing = await tx
        .selectFrom('case_links')
        .select('id')
        .where((eb) =>
          eb.or([
            eb.and([eb('from_case_id', '=', link.fromCaseId), eb('to_case_id', '=', link.toCaseId)]),
            eb.and([eb('from_case_id', '=', link.toCaseId), eb('to_case_id', '=', link.fromCaseId)]),
          ]),
        )
        .executeTakeFirst();
      if (existing) {
        if (!link.merged) return false;
        await tx
          .updateTable('case_links')
          .set({ kind: link.kind, merged: true })
          .where('id', '=', existing.id)
          .execute();
        return true;
      }
      await tx
        .insertInto('case_links')
        .values({
          id: link.id,
          from_case_id: link.fromCaseId,
          to_case_id: link.toCaseId,
          kind: link.kind,
          merged: link.merged,
          created_by: link.createdBy,
          created_at: toDbTime(link.createdAt),
        })
        .execute();
      return true;
    },
    async listLinks(caseId) {
      // A link reads the same from either end: the other case is across the join.
      const linked = (ours: 'from_case_id' | 'to_case_id', theirs: 'from_case_id' | 'to_case_id') =>
        tx
          .selectFrom('case_links')
          .innerJoin('cases', 'cases.id', `case_links.${theirs}`)
          .select([
            'cases.id as case_id',
            'cases.ref',
            'case_links.kind',
            'case_links.merged',
            'case_links.id as link_id',
          ])
          .where(`case_links.${ours}`, '=', caseId)
          .execute();
      const [outgoing, incoming] = await Promise.all([
        linked('from_case_id', 'to_case_id'),
        linked('to_case_id', 'from_case_id'),
      ]);
      return [...outgoing, ...incoming]
        .sort((a, b) => a.link_id.localeCompare(b.link_id))
        .map((row) => ({
          caseId: row.case_id,
          ref: row.ref,
          kind: row.kind as CaseLinkKind,
          merged: readBool(row.merged),
        }));
    },

    ...caseLookups(tx),

    async appendEvent(event) {
      await appendEvent(tx, event);
    },
  };
};
