// Bench fixture, run as a child process by console/run.ts: the real HTTP app (`createDeps` +
// `buildApp`, as `redress start` builds it, without the console's static files, the jobs or the
// scheduler) on an already seeded store, listening on 127.0.0.1, so the server and the load
// generator each get a core. Usage: server.ts --data <dir> [--pg <url>]; it reports its port on IPC.
import { buildApp } from '../../apps/server/src/app.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { createDeps } from '../../apps/server/src/deps.ts';
import { systemClock } from '../../apps/server/src/shared/clock.ts';
import { openDatabase } from '../../apps/server/src/storage/index.ts';

const argument = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};

const dataDir = argument('--data');
if (!dataDir) throw new Error('--data <dir> is required');
const config = loadConfig(
  {
    // Warnings and errors only, as the bench's other servers run: request logging is not measured.
    LOG_LEVEL: 'warn',
    // The embedded store commits durably, whatever the caller's shell says.
    REDRESS_SQLITE_SYNCHRONOUS: 'FULL',
    ...(argument('--pg') ? { DATABASE_URL: argument('--pg') } : {}),
  },
  { dataDir, port: 0, host: '127.0.0.1', roles: 'web' },
);
const db = await openDatabase(config);
const deps = createDeps(config, db, systemClock);
const { app } = await buildApp(deps);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void app
    .close()
    .then(() => db.close())
    .finally(() => process.exit(0));
};
// The parent going away (or asking) ends the fixture; it must never outlive the run.
process.on('disconnect', stop);
process.on('SIGTERM', stop);

await app.listen({ host: config.host, port: 0 });
const address = app.server.address();
process.send?.({ port: typeof address === 'object' && address ? address.port : 0, dialect: db.dialect });
