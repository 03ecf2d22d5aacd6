/**
 * Similar-case fingerprints at scale: `node bench/recurrence/similar.ts [cases]` (default 100,000).
 *
 * Prints the time to fingerprint one complaint, the similar-cases candidate query over the band
 * index (p50/p95, and the query plan showing the index is used), and one spike sweep's clustering
 * — on the embedded database, and on PostgreSQL when BENCH_DATABASE_URL (or TEST_DATABASE_URL)
 * names a server where databases may be created. Synthetic complaints in four scripts: most are
 * random, one in fifty is a copy of one of 200 template letters with a word or two changed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import {
  caseText,
  classify,
  fingerprint,
  encodeSignature,
  SIGNATURE_VERSION,
  type CandidateCase,
} from '../../apps/server/src/modules/recurrence/index.ts';
import { findClusters, spikeWindows } from '../../apps/server/src/modules/recurrence/spikes.ts';
import type { Database } from '../../apps/server/src/storage/database.ts';
import { openPostgres } from '../../apps/server/src/storage/postgres.ts';
import { recurrenceRepository } from '../../apps/server/src/storage/repositories/recurrence.repository.ts';
import { openSqlite } from '../../apps/server/src/storage/sqlite/open.ts';

const CASES = Number(process.argv[2] ?? 100_000);
const QUERIES = 300;
const NOW = new Date('2026-03-02T09:00:00Z');
const DAY = 86_400_000;

/** A small deterministic generator, so both backends get the same data. */
const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const random = rng(42);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

const latinWord = (i: number): string => {
  let word = '';
  for (let n = i + 26 * 26; n > 0; n = Math.floor(n / 26)) word += String.fromCharCode(97 + (n % 26));
  return word;
};
const LATIN = Array.from({ length: 3_000 }, (_, i) => latinWord(i));
const HAN = Array.from({ length: 2_500 }, (_, i) => String.fromCodePoint(0x4e00 + i * 3));
const THAI = [
  'สินค้า',
  'ส่ง',
  'ช้า',
  'เงิน',
  'คืน',
  'ร้าน',
  'พนักงาน',
  'โทร',
  'รอ',
  'เสีย',
  'แตก',
  'หาย',
  'ผิด',
  'บริการ',
  'อาหาร',
  'เย็น',
  'แพง',
  'บัตร',
  'ค่า',
  'ธรรมเนียม',
];

const randomText = (): string => {
  const script = random();
  const length = 12 + Math.floor(random() * 20);
  if (script < 0.4) return Array.from({ length }, () => pick(LATIN)).join(' ');
  if (script < 0.8) return Array.from({ length: length * 2 }, () => pick(HAN)).join('');
  return Array.from({ length }, () => pick(THAI)).join('');
};
const TEMPLATES = Array.from({ length: 200 }, () => randomText());
const complaint = (): string => {
  if (random() >= 0.02) return randomText();
  const template = pick(TEMPLATES);
  return template.includes(' ') ? `${template} ${pick(LATIN)}` : `${template}${pick(HAN)}`;
};

const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
const ms = (n: number): string => `${n.toFixed(2)} ms`;

const texts = Array.from({ length: CASES }, () => complaint());

// 1. Fingerprinting alone (pure): warm up, then time every text once.
for (let i = 0; i < 2_000; i += 1) fingerprint(texts[i] as string);
const timings: number[] = [];
const prints = texts.map((text) => {
  const start = performance.now();
  const found = fingerprint(caseText(null, text));
  timings.push(performance.now() - start);
  return found;
});
timings.sort((a, b) => a - b);
console.log(`\nFingerprint one complaint (${CASES.toLocaleString()} synthetic, four scripts)`);
console.log(
  `  mean ${ms(timings.reduce((s, t) => s + t, 0) / timings.length)}  p50 ${ms(quantile(timings, 0.5))}  p95 ${ms(quantile(timings, 0.95))}  p99 ${ms(quantile(timings, 0.99))}`,
);

const seed = async (db: Database): Promise<void> => {
  const at = NOW.toISOString();
  await db.write(async (tx) => {
    await tx
      .insertInto('sites')
      .values({ id: 'site_bench', name: 'Bench', code: 'BENCH', time_zone: 'UTC', created_at: at, archived_at: null })
      .execute();
    await tx
      .insertInto('users')
      .values({
        id: 'usr_bench',
        email: 'bench@example.test',
        name: 'Bench',
        role: 'agent',
        password_hash: null,
        locale: 'en',
        site_id: 'site_bench',
        created_at: at,
        updated_at: at,
        disabled_at: null,
      })
      .execute();
  });
  const started = performance.now();
  for (let from = 0; from < CASES; from += 500) {
    await db.write(async (tx) => {
      const ids = texts.slice(from, from + 500).map((_, k) => from + k);
      const created = (i: number) => new Date(NOW.getTime() - (i / CASES) * 365 * DAY).toISOString();
      await tx
        .insertInto('cases')
        .values(
          ids.map((i) => ({
            id: `case_${String(i).padStart(8, '0')}`,
            ref: `C-2026-${i}`,
            status: i % 3 === 0 ? 'closed' : 'in_progress',
            customer_id: 'cus_bench',
            channel: 'web',
            subject: null,
            description: texts[i] as string,
            language: null,
            category_id: null,
            severity: 'medium',
            safety: false,
            priority: 'normal',
            expected_remedy: null,
            product_ref: null,
            order_ref: null,
            site_id: 'site_bench',
            owner_id: 'usr_bench',
            resolution: null,
            customer_decision: null,
            merged_into_id: null,
            policy_id: null,
            created_by: null,
            created_at: created(i),
            updated_at: created(i),
            closed_at: null,
          })),
        )
        .execute();
      const withPrints = ids.filter((i) => prints[i]);
      if (withPrints.length === 0) return;
      await tx
        .insertInto('case_fingerprints')
        .values(
          withPrints.map((i) => ({
            case_id: `case_${String(i).padStart(8, '0')}`,
            version: SIGNATURE_VERSION,
            signature: encodeSignature(prints[i]!.signature),
            shingles: prints[i]!.shingles,
            category_id: null,
            product_key: null,
            case_created_at: created(i),
            updated_at: created(i),
          })),
        )
        .execute();
      const bands = withPrints.flatMap((i) =>
        prints[i]!.buckets.map((bucket, band) => ({ case_id: `case_${String(i).padStart(8, '0')}`, band, bucket })),
      );
      for (let b = 0; b < bands.length; b += 2_000) {
        await tx
          .insertInto('case_fingerprint_bands')
          .values(bands.slice(b, b + 2_000))
          .execute();
      }
    });
  }
  console.log(
    `  seeded ${CASES.toLocaleString()} cases and fingerprints in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
};

const measure = async (name: string, db: Database): Promise<void> => {
  console.log(`\n${name}`);
  await seed(db);
  await db.write((tx) => sql`analyze`.execute(tx));
  const repo = recurrenceRepository(db.read);
  const latencies: number[] = [];
  let candidatesSeen = 0;
  let linked = 0;
  for (let q = 0; q < QUERIES; q += 1) {
    const i = Math.floor(random() * CASES);
    const own = prints[i];
    if (!own) continue;
    const start = performance.now();
    const candidates: CandidateCase[] = await repo.candidates(
      {
        caseId: `case_${String(i).padStart(8, '0')}`,
        buckets: own.buckets,
        categoryId: null,
        productKey: null,
        since: new Date(NOW.getTime() - 90 * DAY),
        sites: { all: false, siteIds: ['site_bench'] },
        limit: 2_000,
      },
      SIGNATURE_VERSION,
    );
    const self = { signature: own.signature, categoryId: null, productKey: null };
    linked += candidates.filter((c) => classify(self, c)).length;
    latencies.push(performance.now() - start);
    candidatesSeen += candidates.length;
  }
  latencies.sort((a, b) => a - b);
  console.log(
    `  similar query + classify (${latencies.length} cases): p50 ${ms(quantile(latencies, 0.5))}  p95 ${ms(quantile(latencies, 0.95))}  max ${ms(latencies.at(-1) ?? 0)}; ${(candidatesSeen / latencies.length).toFixed(1)} candidates and ${(linked / latencies.length).toFixed(1)} similar per query`,
  );

  const probe = prints.find(Boolean)!;
  const inBands = probe.buckets.map((bucket, band) => sql`(b.band = ${band} and b.bucket = ${bucket})`);
  const plan = await sql<
    Record<string, unknown>
  >`${sql.raw(db.dialect === 'sqlite' ? 'explain query plan' : 'explain')} select b.case_id from case_fingerprint_bands b where ${sql.join(inBands, sql` or `)}`.execute(
    db.read,
  );
  const lines = plan.rows.map((r) => {
    const detail = r.detail ?? r['QUERY PLAN'];
    return typeof detail === 'string' ? detail : JSON.stringify(r);
  });
  console.log(
    `  band lookup plan: ${[...new Set(lines)]
      .slice(0, 3)
      .map((l) => l.slice(0, 120))
      .join(' | ')}`,
  );

  const { since, baselineSince } = spikeWindows(NOW);
  const start = performance.now();
  const members = await repo.fingerprintsSince(baselineSince, SIGNATURE_VERSION);
  const loaded = performance.now();
  const clusters = findClusters(members, since);
  console.log(
    `  spike sweep over the last 5 weeks: ${members.length.toLocaleString()} fingerprints loaded in ${ms(loaded - start)}, clustered in ${ms(performance.now() - loaded)} (${clusters.length.toLocaleString()} clusters with a case this week)`,
  );
};

const dir = mkdtempSync(join(tmpdir(), 'redress-bench-recurrence-'));
try {
  const db = await openSqlite({ dataDir: dir, synchronous: 'NORMAL' });
  try {
    await measure('SQLite (embedded)', db);
  } finally {
    await db.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const adminUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
if (adminUrl) {
  const name = `redress_bench_${randomBytes(4).toString('hex')}`;
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(text).finally(() => client.end());
  };
  await admin(`CREATE DATABASE ${name} TEMPLATE template0`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres({ url: url.toString(), poolSize: 4 });
  try {
    await measure('PostgreSQL', db);
  } finally {
    await db.close();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
} else {
  console.log('\nPostgreSQL: skipped (set BENCH_DATABASE_URL)');
}
