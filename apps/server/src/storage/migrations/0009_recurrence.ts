import type { Migration } from './types.ts';

/**
 * Case fingerprints for similar-case detection (MinHash bands) and the spikes raised per cluster
 * (modules/recurrence). A case's site and status are not copied here: queries join `cases`, so
 * visibility and "still open" are always read from the case itself.
 */
export const recurrence: Migration = {
  id: '0009_recurrence',
  async up(db, t) {
    await db.schema
      .createTable('case_fingerprints')
      .addColumn('case_id', 'text', (c) => c.primaryKey())
      // The signature format (modules/recurrence/minhash.ts SIGNATURE_VERSION).
      .addColumn('version', 'integer', (c) => c.notNull())
      // Base64 of the MinHash values, little-endian 32-bit each.
      .addColumn('signature', 'text', (c) => c.notNull())
      .addColumn('shingles', 'integer', (c) => c.notNull())
      // The same-category-and-product rule: the case's category and its folded product reference.
      .addColumn('category_id', 'text')
      .addColumn('product_key', 'text')
      // The case's creation instant (copied: clustering reads fingerprints by age).
      .addColumn('case_created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('case_fingerprints_created_idx')
      .on('case_fingerprints')
      .column('case_created_at')
      .execute();
    await db.schema
      .createIndex('case_fingerprints_product_idx')
      .on('case_fingerprints')
      .columns(['category_id', 'product_key', 'case_created_at'])
      .where('product_key', 'is not', null)
      .execute();

    // One row per (case, band): the LSH bucket of that band. Similar cases share a bucket in a band.
    await db.schema
      .createTable('case_fingerprint_bands')
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('band', 'integer', (c) => c.notNull())
      .addColumn('bucket', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('case_fingerprint_bands_pk', ['case_id', 'band'])
      .execute();
    await db.schema
      .createIndex('case_fingerprint_bands_bucket_idx')
      .on('case_fingerprint_bands')
      .columns(['band', 'bucket'])
      .execute();

    // A spike raised for a cluster: its key (earliest case), the counts it was raised on.
    await db.schema
      .createTable('recurrence_spikes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('cluster_key', 'text', (c) => c.notNull())
      // The current period [period_start, period_end) the burst was counted in.
      .addColumn('period_start', t.timestamp, (c) => c.notNull())
      .addColumn('period_end', t.timestamp, (c) => c.notNull())
      .addColumn('current_count', 'integer', (c) => c.notNull())
      // Cases of the baseline periods, and how many periods that is (the average is their ratio).
      .addColumn('baseline_count', 'integer', (c) => c.notNull())
      .addColumn('baseline_periods', 'integer', (c) => c.notNull())
      .addColumn('detected_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('recurrence_spikes_detected_idx')
      .on('recurrence_spikes')
      .column('detected_at')
      .execute();
    // The cluster's cases when the spike was raised: the board narrows spikes to the caller's
    // sites through them, and a case already in a recent spike does not raise another.
    await db.schema
      .createTable('recurrence_spike_cases')
      .addColumn('spike_id', 'text', (c) => c.notNull().references('recurrence_spikes.id').onDelete('cascade'))
      .addColumn('case_id', 'text', (c) => c.notNull())
      // In the current period (true) or the baseline (false).
      .addColumn('current', t.bool, (c) => c.notNull())
      .addPrimaryKeyConstraint('recurrence_spike_cases_pk', ['spike_id', 'case_id'])
      .execute();
    await db.schema
      .createIndex('recurrence_spike_cases_case_idx')
      .on('recurrence_spike_cases')
      .column('case_id')
      .execute();
  },
};
