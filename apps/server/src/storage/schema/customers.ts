/** Tables of the customers area; filled in with its migration. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the customers migration
export interface CustomerTables {}
