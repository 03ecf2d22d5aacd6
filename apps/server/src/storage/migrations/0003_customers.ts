import type { Migration } from './types.ts';

/** The customers area's tables. */
export const customers: Migration = {
  id: '0003_customers',
  async up() {
    // Filled in by the customers change.
  },
};
