import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { AppError, ErrorCode } from '../../shared/errors.ts';

export const LOCK_FILE = 'redress.lock';

/**
 * Holds an exclusive lock on the data directory for the life of the process.
 *
 * The lock is an SQLite file opened in EXCLUSIVE locking mode with a write transaction kept open:
 * the operating system releases it when the process exits for any reason — SIGKILL and power loss
 * included — so there is no stale lock file to clean up by hand.
 */
export interface DataDirLock {
  release(): void;
}

export const lockDataDir = (dataDir: string): DataDirLock => {
  const db = new DatabaseSync(join(dataDir, LOCK_FILE), { timeout: 0 });
  try {
    db.exec('PRAGMA locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER)');
  } catch (error) {
    db.close();
    const busy = error instanceof Error && /locked|busy/i.test(error.message);
    if (busy) {
      throw new AppError(
        ErrorCode.DataDirLocked,
        `Another Redress process is using the data directory ${dataDir}. Stop it first, or start this one with --data pointing elsewhere.`,
      );
    }
    throw error;
  }
  return {
    release: () => {
      try {
        db.exec('ROLLBACK');
      } finally {
        db.close();
      }
    },
  };
};
