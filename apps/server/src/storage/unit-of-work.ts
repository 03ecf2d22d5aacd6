import type { UnitOfWork } from '../shared/unit-of-work.ts';
import type { Database, Tx } from './database.ts';

/**
 * Binds a repository factory to the database: `read` runs on the read side, `write` builds the
 * repository on the transaction so every call inside one `write` commits together.
 */
export const unitOfWork = <Port>(db: Database, build: (tx: Tx) => Port): UnitOfWork<Port> => ({
  read: build(db.read),
  write: (work) => db.write((tx) => work(build(tx))),
});
