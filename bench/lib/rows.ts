import { randomBytes } from 'node:crypto';

/** One row shaped like Redress's `events` table (see apps/server/src/storage/schema.ts). */
export interface BenchEventRow {
  readonly id: string;
  readonly type: string;
  readonly subject_type: string;
  readonly subject_id: string;
  readonly actor_id: string | null;
  readonly request_id: string | null;
  /** JSON text. */
  readonly payload: string;
  /** ISO-8601 UTC. */
  readonly occurred_at: string;
}

/** The columns in insert order, for hand-written SQL in the ceilings. */
export const EVENT_COLUMNS = [
  'id',
  'type',
  'subject_type',
  'subject_id',
  'actor_id',
  'request_id',
  'payload',
  'occurred_at',
] as const;

const runTag = randomBytes(4).toString('hex');
let sequence = 0;

/**
 * A fresh event row with a unique id and a payload of a couple of hundred bytes — about what a
 * case transition records. Ids are unique across the whole run, so tables can be shared.
 */
export const benchEventRow = (): BenchEventRow => {
  sequence += 1;
  return {
    id: `evt_bench_${runTag}_${sequence}`,
    type: 'case.acknowledged',
    subject_type: 'case',
    subject_id: `case_bench_${sequence % 128}`,
    actor_id: 'usr_bench',
    request_id: `req_bench_${sequence}`,
    payload: JSON.stringify({
      caseId: `case_bench_${sequence % 128}`,
      channel: 'email',
      acknowledgedBy: 'usr_bench',
      dueAt: '2030-01-01T09:00:00.000Z',
      note: 'Benchmark row: a short acknowledgement recorded against the case timeline.',
    }),
    occurred_at: new Date().toISOString(),
  };
};

/** The row's values in `EVENT_COLUMNS` order. */
export const eventValues = (row: BenchEventRow): (string | null)[] => EVENT_COLUMNS.map((column) => row[column]);
