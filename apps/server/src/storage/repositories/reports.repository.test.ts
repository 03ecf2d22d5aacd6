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
import { describeBothBackends } from '../../../test/pg-util.ts';
import type { SiteFilter } from '../../modules/reports/index.ts';
import type { Database } from '../database.ts';
import { reportsRepository } from './reports.repository.ts';

const NOW = new Date('2026-03-02T09:00:00.000Z');
const RANGE = { from: new Date('2026-02-01T00:00:00.000Z'), to: NOW };
const brand: SiteFilter = { all: true, siteIds: [] };

/** Each statement the repository runs, explained by the backend, one line per step. */
const explainAll = async (db: Database, run: (tx: Database['read']) => Promise<unknown>): Promise<string[]> => {
  const statements: CompiledQuery[] = [];
  const plugin: KyselyPlugin = {
    transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
      statements.push(db.read.getExecutor().compileQuery(node, queryId));
      return node;
    },
    transformResult: async ({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => result,
  };
  await run(db.read.withPlugin(plugin));
  const prefix = db.dialect === 'sqlite' ? 'EXPLAIN QUERY PLAN ' : 'EXPLAIN ';
  const out: string[] = [];
  for (const statement of statements) {
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

describeBothBackends('report query plans', (backend) => {
  test('a brand-wide report reads the clocks and promises due in its range through the due-time indexes', async (t) => {
    const db = await backend.open(t);
    const [clocks] = await explainAll(db, (tx) => reportsRepository(tx).clockCompliance(brand, RANGE, NOW));
    const [promises] = await explainAll(db, (tx) => reportsRepository(tx).promiseOutcomes(brand, RANGE, NOW));
    if (process.env.SHOW_PLANS) console.log([clocks, promises].join('\n\n'));
    assert.match(clocks ?? '', /service_clocks_due_at_idx/, clocks);
    assert.match(promises ?? '', /commitments_due_at_idx/, promises);
    if (db.dialect === 'sqlite') {
      assert.doesNotMatch(clocks ?? '', /SCAN c\b/, clocks);
      assert.doesNotMatch(promises ?? '', /SCAN m\b/, promises);
    } else {
      assert.doesNotMatch(clocks ?? '', /Seq Scan on service_clocks/, clocks);
      assert.doesNotMatch(promises ?? '', /Seq Scan on commitments/, promises);
    }
  });
});
