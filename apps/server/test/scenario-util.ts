import { describe, test } from 'node:test';
import { buildTestApp, type TestApp } from './factories.ts';
import { openTempPostgres, pgSkip } from './pg-util.ts';

/**
 * Runs one end-to-end story on a fresh app twice: on the embedded database, then on a temporary
 * PostgreSQL database (shown as skipped without `TEST_DATABASE_URL`). The app is closed either way.
 */
export const scenarioOnBothBackends = (name: string, scenario: (t: TestApp) => Promise<void>): void => {
  describe(name, () => {
    test('on the embedded database', async () => {
      const t = await buildTestApp();
      try {
        await scenario(t);
      } finally {
        await t.close();
      }
    });

    test('on PostgreSQL', { skip: pgSkip }, async (ctx) => {
      const { db } = await openTempPostgres(ctx);
      const t = await buildTestApp({ db });
      try {
        await scenario(t);
      } finally {
        await t.close();
      }
    });
  });
};
