/** Tables of the cases area; filled in with its migration. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the cases migration
export interface CaseTables {}
