import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { CSRF_COOKIE, SESSION_COOKIE } from '@redress/contract';
import { buildApp } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { createDeps, type Deps } from '../src/deps.ts';
import { fixedClock, type Clock } from '../src/shared/clock.ts';
import { systemContext } from '../src/shared/unit-of-work.ts';
import type { Database } from '../src/storage/index.ts';
import { openSqlite } from '../src/storage/sqlite/open.ts';

/** A fresh temporary directory, removed by the returned cleanup. */
export const tempDir = (prefix = 'redress-test-'): { dir: string; remove: () => void } => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
};

export const testConfig = (overrides: Partial<Config> = {}): Config => ({
  ...loadConfig({ LOG_LEVEL: 'silent' }, { dataDir: ':memory:', port: 0 }),
  ...overrides,
});

export interface TestApp {
  readonly app: FastifyInstance;
  readonly deps: Deps;
  readonly routes: Awaited<ReturnType<typeof buildApp>>['routes'];
  readonly clock: ReturnType<typeof fixedClock>;
  close(): Promise<void>;
}

/** The whole HTTP app on an in-memory embedded database, with a fixed clock. */
export const buildTestApp = async (options: { db?: Database; clock?: Clock } = {}): Promise<TestApp> => {
  const clock = fixedClock('2026-03-02T09:00:00.000Z');
  const db = options.db ?? (await openSqlite({ dataDir: ':memory:' }));
  const deps = createDeps(testConfig(), db, options.clock ?? clock);
  const { app, routes } = await buildApp(deps, { logger: false });
  return {
    app,
    deps,
    routes,
    clock,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
};

export const TEST_PASSWORD = 'correct horse battery';

/** Creates a user with `role` and the test password; returns the user. */
export const createUser = (deps: Deps, role: string, email = `${role}@example.test`) =>
  deps.identity.createUser(systemContext('test'), { email, name: `Test ${role}`, role, password: TEST_PASSWORD });

/** Signs in through the API and returns the cookie header and CSRF token a browser would send. */
export const signIn = async (
  app: FastifyInstance,
  email: string,
  password = TEST_PASSWORD,
): Promise<{ cookie: string; csrf: string; headers: Record<string, string> }> => {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookies = Object.fromEntries(response.cookies.map((c) => [c.name, c.value]));
  const session = cookies[SESSION_COOKIE];
  const csrf = cookies[CSRF_COOKIE];
  if (!session || !csrf) throw new Error('sign-in set no cookies');
  const cookie = `${SESSION_COOKIE}=${session}; ${CSRF_COOKIE}=${csrf}`;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
};

/** Creates an API token for the user and returns the Authorization header. */
export const bearerFor = async (deps: Deps, userId: string): Promise<Record<string, string>> => {
  const { token } = await deps.identity.createApiToken(systemContext('test'), { userId, name: 'test' });
  return { authorization: `Bearer ${token}` };
};

/** Creates a site through the organisation service (as the system). */
export const createSite = (deps: Deps, code: string, timeZone = 'Asia/Taipei') =>
  deps.org.createSite(systemContext('test'), { name: `Site ${code}`, code, timeZone });

/** Creates a team; `siteId` null makes it brand-wide. */
export const createTeam = (deps: Deps, name: string, kind: 'frontline' | 'department', siteId: string | null) =>
  deps.org.createTeam(systemContext('test'), { name, kind, siteId });

/** Creates a user with a role and a home site, optionally in teams; returns the user. */
export const createStaff = async (
  deps: Deps,
  role: string,
  email: string,
  siteId: string | null,
  teamIds: readonly string[] = [],
) => {
  const user = await createUser(deps, role, email);
  await deps.org.setUserSite(systemContext('test'), user.id, siteId);
  for (const teamId of teamIds) await deps.org.addMember(systemContext('test'), teamId, user.id);
  return user;
};
