import type { Migration } from './types.ts';

/** Lexicon entries administrators add to the escalation-signal rules, and what the category model needs. */
export const language: Migration = {
  id: '0008_language',
  async up() {
    // Tables added by this change.
  },
};
