/** Lexicon entries administrators add to the escalation-signal rules, and what the category model needs. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- tables are added by this change
export interface LanguageTables {}
