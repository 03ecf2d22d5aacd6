/** Case fingerprints for similar-case detection (MinHash bands) and the spikes raised per cluster. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- tables are added by this change
export interface RecurrenceTables {}
