import { randomBytes } from 'node:crypto';
import type { Deps } from './deps.ts';
import { ErrorCode, isAppError } from './shared/errors.ts';
import { systemContext } from './shared/unit-of-work.ts';

export const FIRST_ADMIN_EMAIL = 'admin@redress.local';

/**
 * On the very first start there is nobody to sign in as: create an administrator with a random
 * password and say so once, on the terminal (never in the log). Later starts do nothing.
 */
export const ensureFirstAdmin = async (deps: Deps, url: string, print: (line: string) => void): Promise<void> => {
  // The default escalation ladder and triggers, when none is configured yet. Two instances starting
  // together may race: the loser's insert fails on the unique rank, and the winner's ladder stands.
  const ctx = systemContext('first-run');
  await deps.escalation.ensureDefaultLadder(ctx).catch(async (error: unknown) => {
    if ((await deps.escalation.listLevels(ctx)).length === 0) throw error;
  });
  if ((await deps.identity.countUsers()) > 0) return;
  const password = randomBytes(12).toString('base64url');
  try {
    await deps.identity.createUser(systemContext('first-run'), {
      email: FIRST_ADMIN_EMAIL,
      name: 'Administrator',
      role: 'admin',
      password,
    });
  } catch (error) {
    // Another instance starting at the same moment created it first: nothing to say here.
    if (isAppError(error) && error.code === ErrorCode.Conflict) return;
    throw error;
  }
  const shown = url.replace('0.0.0.0', 'localhost').replace('127.0.0.1', 'localhost');
  print('');
  print(`  Redress is running at ${shown}`);
  print(`  Sign in as ${FIRST_ADMIN_EMAIL} with the password ${password}`);
  print('  (shown once — create your own users under Administration, or `npx redress user create`).');
  print('');
};
