import type { Migration } from './types.ts';

/** The attachments area's tables. */
export const attachments: Migration = {
  id: '0005_attachments',
  async up() {
    // Filled in by the attachments change.
  },
};
