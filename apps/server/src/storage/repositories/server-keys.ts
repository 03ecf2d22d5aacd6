import type { Database } from '../database.ts';

/**
 * A server key by name (`links` signs portal and survey links), read once and kept: keys are made
 * by migration and never change while the process runs.
 */
export const serverKeyLoader = (db: Database, name: string): (() => Promise<string>) => {
  let loaded: Promise<string> | undefined;
  return () => {
    loaded ??= db.read
      .selectFrom('server_keys')
      .select('value')
      .where('name', '=', name)
      .executeTakeFirstOrThrow()
      .then((row) => row.value)
      .catch((error: unknown) => {
        loaded = undefined;
        throw error;
      });
    return loaded;
  };
};
