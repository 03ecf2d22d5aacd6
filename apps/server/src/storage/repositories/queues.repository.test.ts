import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CompiledQuery,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import { QueueKeys } from '@redress/contract';
import { describeBothBackends } from '../../../test/pg-util.ts';
import type { Case, CaseVisibility } from '../../modules/cases/index.ts';
import { newId } from '../../shared/ids.ts';
import { toDbJson, toDbTime } from '../codec.ts';
import type { Database } from '../database.ts';
import { casesRepository } from './cases.repository.ts';
import { queuesRepository } from './queues.repository.ts';

const AT = new Date('2026-03-02T09:00:00.000Z');
const HOUR = 3_600_000;
const everything: CaseVisibility = { all: true, siteIds: [], teamIds: [], userId: null };

/** Remembers the statements a repository runs, compiled, so a test can ask for their plans. */
const recorder = (db: Database) => {
  const statements: CompiledQuery[] = [];
  const plugin: KyselyPlugin = {
    transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
      statements.push(db.read.getExecutor().compileQuery(node, queryId));
      return node;
    },
    transformResult: async ({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => result,
  };
  return { tx: db.read.withPlugin(plugin), statements };
};

/** The plan of each statement, one line per step, as the backend explains it. */
const plans = async (db: Database, statements: readonly CompiledQuery[]): Promise<string[]> => {
  const out: string[] = [];
  for (const statement of statements) {
    const prefix = db.dialect === 'sqlite' ? 'EXPLAIN QUERY PLAN ' : 'EXPLAIN ';
    const result = await db.read.executeQuery(CompiledQuery.raw(prefix + statement.sql, [...statement.parameters]));
    const lines = result.rows.map((row) => {
      const r = row as Record<string, unknown>;
      const line = r.detail ?? r['QUERY PLAN'];
      return typeof line === 'string' ? line : JSON.stringify(r);
    });
    out.push(`${statement.sql}\n  ${lines.join('\n  ')}`);
  }
  return out;
};

/** A new case with one running clock due `dueInHours` after AT. */
const caseWithClock = async (db: Database, ref: string, dueInHours: number): Promise<string> => {
  const id = newId('case', AT);
  const record: Case = {
    id,
    ref,
    status: 'new',
    customerId: 'cus_1',
    channel: 'phone',
    subject: null,
    description: 'ทุเรียนเน่า',
    language: 'th',
    categoryId: null,
    severity: 'medium',
    safety: false,
    priority: 'normal',
    expectedRemedy: null,
    productRef: null,
    orderRef: null,
    tags: [],
    siteId: null,
    ownerId: 'usr_agent',
    resolution: null,
    customerDecision: null,
    mergedIntoId: null,
    createdAt: AT,
    updatedAt: AT,
    closedAt: null,
  };
  await db.write(async (tx) => {
    await casesRepository(tx).insertCase(record, 'usr_agent');
    await tx
      .insertInto('service_clocks')
      .values({
        id: newId('clk', AT),
        case_id: id,
        key: 'resolve',
        kind: 'resolve',
        subject_id: null,
        started_at: toDbTime(AT),
        due_at: toDbTime(new Date(AT.getTime() + dueInHours * HOUR)),
        warn_percents: toDbJson([75]),
        state: 'running',
        created_at: toDbTime(AT),
        updated_at: toDbTime(AT),
      })
      .execute();
  });
  return id;
};

describeBothBackends('queue and case-list query plans', (backend) => {
  test('due soon pages on from the due time it ordered by, even if that clock stops before the page is dressed', async (t) => {
    const db = await backend.open(t);
    await db.write((tx) =>
      tx
        .insertInto('users')
        .values({
          id: 'usr_agent',
          email: 'agent@example.test',
          name: '林小華',
          role: 'agent',
          password_hash: null,
          locale: 'en',
          site_id: null,
          created_at: toDbTime(AT),
          updated_at: toDbTime(AT),
          disabled_at: null,
        })
        .execute(),
    );
    const first = await caseWithClock(db, 'C-2026-000001', -2);
    const second = await caseWithClock(db, 'C-2026-000002', -1);
    const third = await caseWithClock(db, 'C-2026-000003', 1);
    // Right after the page's first statement, the listed case's clock is met.
    let stopped = false;
    const stopAfterFirst: KyselyPlugin = {
      transformQuery: ({ node }) => node,
      async transformResult({ result }) {
        if (!stopped) {
          stopped = true;
          await db.write((tx) =>
            tx.updateTable('service_clocks').set({ state: 'met' }).where('case_id', '=', first).execute(),
          );
        }
        return result;
      },
    };
    const queue = { key: 'due_soon' as const, userId: null, dueBefore: new Date(AT.getTime() + 2 * HOUR) };
    const page1 = await casesRepository(db.read.withPlugin(stopAfterFirst)).listCases(everything, {
      queue,
      sort: 'created_desc',
      limit: 1,
    });
    assert.ok(stopped);
    assert.deepEqual(
      page1.items.map((c) => c.id),
      [first],
    );
    assert.equal(page1.items[0]?.nextDueAt?.toISOString(), new Date(AT.getTime() - 2 * HOUR).toISOString());
    assert.ok(page1.nextCursor, 'more to come');
    const page2 = await casesRepository(db.read).listCases(everything, {
      queue,
      sort: 'created_desc',
      limit: 5,
      cursor: page1.nextCursor,
    });
    assert.deepEqual(
      page2.items.map((c) => c.id),
      [second, third],
    );
    assert.equal(page2.nextCursor, null);
  });

  test('a listed case reads its own clocks by case, not every running clock', async (t) => {
    const db = await backend.open(t);
    const { tx, statements } = recorder(db);
    const cases = casesRepository(tx);
    for (const key of QueueKeys) {
      const queue = { key, userId: 'usr_nobody', dueBefore: AT };
      await cases.listCases(everything, { queue, sort: 'created_desc', limit: 50 });
      await cases.listCases(everything, {
        queue,
        sort: 'created_desc',
        limit: 50,
        cursor: Buffer.from(JSON.stringify([AT.toISOString(), 'cas_x'])).toString('base64url'),
      });
    }
    await cases.listCases(everything, { sort: 'created_desc', limit: 50 });
    await queuesRepository(tx).countQueues(everything, { userId: 'usr_nobody', dueBefore: AT });
    const explained = await plans(db, statements);
    if (process.env.SHOW_PLANS) console.log(explained.join('\n\n'));
    // The counts read only the cases still worked and the open tasks, through their partial indexes.
    const count = explained.find((p) => p.includes('as "waiting_customer"')) ?? '';
    assert.match(count, /cases_worked_site_idx/, count);
    assert.match(count, /internal_tasks_open_case_idx/, count);
    if (db.dialect === 'sqlite') {
      for (const plan of explained.filter((p) => p.includes('"nc"'))) {
        assert.doesNotMatch(plan, /nc USING (COVERING )?INDEX service_clocks_due_idx/, plan);
        assert.match(plan, /nc USING INDEX service_clocks_case_key_idx \(case_id=\?\)/, plan);
      }
    } else {
      // PostgreSQL turned `min(due_at) … state = 'running'` into a walk of the due index, in due
      // order, filtered by case: every running clock per listed case once the table is large.
      for (const plan of explained.filter((p) => p.includes('"nc"'))) {
        assert.doesNotMatch(plan, /service_clocks_due_idx on service_clocks nc/, plan);
      }
    }
  });
});
