import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { QueueKeys, type QueueKey } from '@redress/contract';
import type { CaseQueueFilter } from '../../modules/cases/index.ts';
import type { QueueRepository } from '../../modules/queues/index.ts';
import { readInt, toDbTime } from '../codec.ts';
import type { Tx } from '../database.ts';
import type { Schema } from '../schema.ts';
import { caseVisibleTo } from './scope-sql.ts';

/**
 * The agent's queues as SQL, in one place for counting them (`GET /queues`) and listing one
 * (`GET /cases?queue=…`, in cases.repository.ts), so a count always matches its list.
 */

type CasesBuilder = ExpressionBuilder<Schema, 'cases'>;

const NOTHING = sql<SqlBool>`1 = 0`;

/** Still being worked: neither resolved nor closed, and not merged into another case. */
export const caseIsWorked = (eb: CasesBuilder): Expression<SqlBool> =>
  // Literals, not parameters: SQLite uses the partial `cases_worked_site_idx` only for a WHERE
  // that names the same statuses.
  eb.and([
    eb('cases.merged_into_id', 'is', null),
    eb('cases.status', 'not in', [sql.lit('resolved'), sql.lit('closed')]),
  ]);

/**
 * The cases with a running clock due at or before `before`, as an uncorrelated `IN (SELECT …)`:
 * read once per query through `service_clocks_due_idx`, not probed per case.
 */
const runningDueBy = (eb: CasesBuilder, before: Date) =>
  eb
    .selectFrom('service_clocks as qc')
    .select('qc.case_id')
    .where('qc.state', '=', 'running')
    .where('qc.due_at', '<=', toDbTime(before));

const withOpenTasks = (eb: CasesBuilder) =>
  eb.selectFrom('internal_tasks as qt').select('qt.case_id').where('qt.status', '=', sql.lit('open'));

/** What sets a queue apart among the cases still being worked (definitions in the contract's queues.ts). */
const queueCondition = (eb: CasesBuilder, queue: CaseQueueFilter): Expression<SqlBool> => {
  switch (queue.key) {
    case 'mine':
      return queue.userId ? eb('cases.owner_id', '=', queue.userId) : NOTHING;
    case 'unassigned':
      return eb('cases.status', '=', 'new');
    case 'due_soon':
      return eb('cases.id', 'in', runningDueBy(eb, queue.dueBefore));
    case 'escalated':
      return eb('cases.escalation_level', '>', 0);
    case 'waiting_internal':
      return eb.or([eb('cases.status', '=', 'waiting_on_internal'), eb('cases.id', 'in', withOpenTasks(eb))]);
    case 'waiting_customer':
      return eb('cases.status', '=', 'waiting_on_customer');
  }
};

/** A WHERE condition on `cases`: the case is in `queue`. */
export const caseInQueue = (eb: CasesBuilder, queue: CaseQueueFilter): Expression<SqlBool> =>
  eb.and([caseIsWorked(eb), queueCondition(eb, queue)]);

/**
 * The earliest due time of the case's running clocks, as a correlated scalar subquery on `cases`
 * (null when none runs). It filters on the case alone and picks the running clocks inside the
 * aggregate, so both backends read the case's few clocks through `service_clocks_case_key_idx`:
 * with `state = 'running'` in the WHERE, SQLite walked every running clock through
 * `service_clocks_due_idx` for each listed case, and PostgreSQL turned the `min` into a walk of
 * that index in due order filtered by case.
 */
export const nextRunningDue = (eb: CasesBuilder) =>
  eb
    .selectFrom('service_clocks as nc')
    .select((inner) =>
      inner.fn.min(inner.case().when('nc.state', '=', sql.lit('running')).then(inner.ref('nc.due_at')).end()).as('due'),
    )
    .whereRef('nc.case_id', '=', 'cases.id');

/**
 * The queues port over Kysely: all six counts in one aggregate query over the cases the caller
 * may see (one `SUM(CASE …)` per queue), on both SQLite and PostgreSQL.
 */
export const queuesRepository = (db: Tx): QueueRepository => ({
  async countQueues(visibility, input) {
    let query = db.selectFrom('cases').where((eb) => caseIsWorked(eb));
    if (!visibility.all) query = query.where((eb) => caseVisibleTo(eb, visibility));
    const row = await query
      .select((eb) =>
        QueueKeys.map((key) =>
          eb.fn
            .coalesce(
              eb.fn.sum<number | string>(
                eb
                  .case()
                  .when(queueCondition(eb, { key, ...input }))
                  .then(1)
                  .else(0)
                  .end(),
              ),
              sql<number>`0`,
            )
            .as(key),
        ),
      )
      .executeTakeFirst();
    const counts = {} as Record<QueueKey, number>;
    for (const key of QueueKeys) counts[key] = row ? readInt((row as Record<string, unknown>)[key] ?? 0) : 0;
    return counts;
  },
});
