import type { Migration } from './types.ts';

/** The cases area's tables. */
export const cases: Migration = {
  id: '0004_cases',
  async up() {
    // Filled in by the cases change.
  },
};
