import { sql, type Expression, type SqlBool } from 'kysely';
import type { CaseStatus } from '@redress/contract';
import { decodeSignature, encodeSignature, type RecurrenceRepository } from '../../modules/recurrence/index.ts';
import { readTime, toDbTime } from '../codec.ts';
import type { Tx } from '../database.ts';
import { appendEvent } from '../events.ts';
import { caseAtSites } from './scope-sql.ts';

/** Ids per IN list: well under both backends' parameter limits. */
const CHUNK = 500;

const chunks = <T>(list: readonly T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
};

/**
 * Fingerprints, the LSH band index and spikes on Kysely, for SQLite and PostgreSQL alike. Site
 * scope and "open or recent" are read from the case row at query time (never copied), merged
 * cases are always left out: their primary case speaks for them.
 */
export const recurrenceRepository = (db: Tx): RecurrenceRepository => ({
  async findCaseText(caseId) {
    const row = await db
      .selectFrom('cases')
      .select(['id', 'subject', 'description', 'category_id', 'product_ref', 'created_at'])
      .where('id', '=', caseId)
      .executeTakeFirst();
    return row
      ? {
          id: row.id,
          subject: row.subject,
          description: row.description,
          categoryId: row.category_id,
          productRef: row.product_ref,
          createdAt: readTime(row.created_at),
        }
      : undefined;
  },

  async saveFingerprint(write) {
    const values = {
      case_id: write.caseId,
      version: write.version,
      signature: write.signature ? encodeSignature(write.signature) : '',
      shingles: write.shingles,
      category_id: write.categoryId,
      product_key: write.productKey,
      case_created_at: toDbTime(write.caseCreatedAt),
      updated_at: toDbTime(write.updatedAt),
    };
    await db
      .insertInto('case_fingerprints')
      .values(values)
      .onConflict((oc) =>
        oc.column('case_id').doUpdateSet({
          version: values.version,
          signature: values.signature,
          shingles: values.shingles,
          category_id: values.category_id,
          product_key: values.product_key,
          updated_at: values.updated_at,
        }),
      )
      .execute();
    await db.deleteFrom('case_fingerprint_bands').where('case_id', '=', write.caseId).execute();
    if (write.signature && write.buckets.length > 0) {
      await db
        .insertInto('case_fingerprint_bands')
        .values(write.buckets.map((bucket, band) => ({ case_id: write.caseId, band, bucket })))
        .execute();
    }
  },

  async candidates(query, version) {
    // The band index: (band = ? and bucket = ?) per band, each an index lookup on (band, bucket).
    const inBands = query.buckets.map((bucket, band) => sql<SqlBool>`(b.band = ${band} and b.bucket = ${bucket})`);
    const sources: Expression<SqlBool>[] = [];
    if (inBands.length > 0) {
      sources.push(
        sql<SqlBool>`f.case_id in (select b.case_id from case_fingerprint_bands b where ${sql.join(inBands, sql` or `)})`,
      );
    }
    if (query.categoryId !== null && query.productKey !== null) {
      sources.push(sql<SqlBool>`(f.category_id = ${query.categoryId} and f.product_key = ${query.productKey})`);
    }
    if (sources.length === 0) return [];
    const rows = await db
      .selectFrom('case_fingerprints as f')
      .innerJoin('cases', 'cases.id', 'f.case_id')
      .select([
        'cases.id',
        'cases.ref',
        'cases.subject',
        'cases.status',
        'cases.site_id',
        'cases.created_at',
        'f.signature',
        'f.category_id',
        'f.product_key',
      ])
      .where(sql<SqlBool>`(${sql.join(sources, sql` or `)})`)
      .where('f.version', '=', version)
      .where('f.shingles', '>', 0)
      .where('cases.id', '<>', query.caseId)
      .where('cases.merged_into_id', 'is', null)
      .where((eb) => eb.or([eb('cases.status', '<>', 'closed'), eb('cases.created_at', '>=', toDbTime(query.since))]))
      .where(caseAtSites(query.sites))
      .orderBy('cases.created_at', 'desc')
      .orderBy('cases.id', 'desc')
      .limit(query.limit)
      .execute();
    return rows.flatMap((row) => {
      const signature = decodeSignature(row.signature);
      if (!signature) return [];
      return [
        {
          caseId: row.id,
          ref: row.ref,
          subject: row.subject,
          status: row.status as CaseStatus,
          siteId: row.site_id,
          createdAt: readTime(row.created_at),
          signature,
          categoryId: row.category_id,
          productKey: row.product_key,
        },
      ];
    });
  },

  async fingerprintsSince(since, version) {
    const rows = await db
      .selectFrom('case_fingerprints as f')
      .innerJoin('cases', 'cases.id', 'f.case_id')
      .select(['f.case_id', 'f.case_created_at', 'f.signature', 'f.category_id', 'f.product_key'])
      .where('f.case_created_at', '>', toDbTime(since))
      .where('f.version', '=', version)
      .where('f.shingles', '>', 0)
      .where('cases.merged_into_id', 'is', null)
      .execute();
    return rows.flatMap((row) => {
      const signature = decodeSignature(row.signature);
      return signature
        ? [
            {
              caseId: row.case_id,
              createdAt: readTime(row.case_created_at),
              signature,
              categoryId: row.category_id,
              productKey: row.product_key,
            },
          ]
        : [];
    });
  },

  async casesWithoutFingerprint(since, version, limit) {
    const rows = await db
      .selectFrom('cases')
      .leftJoin('case_fingerprints as f', (join) =>
        join.onRef('f.case_id', '=', 'cases.id').on('f.version', '=', version),
      )
      .select([
        'cases.id',
        'cases.subject',
        'cases.description',
        'cases.category_id',
        'cases.product_ref',
        'cases.created_at',
      ])
      .where('cases.created_at', '>', toDbTime(since))
      .where('f.case_id', 'is', null)
      .orderBy('cases.created_at')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      subject: row.subject,
      description: row.description,
      categoryId: row.category_id,
      productRef: row.product_ref,
      createdAt: readTime(row.created_at),
    }));
  },

  async casesInSpikesSince(caseIds, since) {
    const found = new Set<string>();
    for (const chunk of chunks(caseIds)) {
      const rows = await db
        .selectFrom('recurrence_spike_cases as sc')
        .innerJoin('recurrence_spikes as s', 's.id', 'sc.spike_id')
        .select('sc.case_id')
        .where('sc.case_id', 'in', chunk)
        .where('s.detected_at', '>', toDbTime(since))
        .execute();
      for (const row of rows) found.add(row.case_id);
    }
    return found;
  },

  async insertSpike(spike) {
    await db
      .insertInto('recurrence_spikes')
      .values({
        id: spike.id,
        cluster_key: spike.clusterKey,
        period_start: toDbTime(spike.periodStart),
        period_end: toDbTime(spike.periodEnd),
        current_count: spike.currentIds.length,
        baseline_count: spike.baselineIds.length,
        baseline_periods: spike.baselinePeriods,
        detected_at: toDbTime(spike.detectedAt),
      })
      .execute();
    const rows = [
      ...spike.currentIds.map((caseId) => ({ spike_id: spike.id, case_id: caseId, current: true })),
      ...spike.baselineIds.map((caseId) => ({ spike_id: spike.id, case_id: caseId, current: false })),
    ];
    for (const chunk of chunks(rows)) await db.insertInto('recurrence_spike_cases').values(chunk).execute();
  },

  async appendEvent(event) {
    await appendEvent(db, event);
  },
});
