import { foundation } from './0001_foundation.ts';
import type { Migration } from './types.ts';

/** Every migration in the order it runs. Append only: a released migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [foundation];
