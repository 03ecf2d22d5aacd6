import type { NodeSqliteConnection } from './driver.ts';

interface Unit<T> {
  readonly work: () => Promise<T>;
  readonly resolve: (value: T) => void;
  readonly reject: (error: unknown) => void;
}

export interface GroupCommitStats {
  /** Units of work committed (each one a caller's `write`). */
  units: number;
  /** COMMITs issued — each one fsync on `synchronous=FULL`. */
  commits: number;
}

/** Largest number of units sharing one COMMIT; keeps a batch's latency bounded under load. */
const MAX_BATCH = 512;

/**
 * Group commit for the embedded database.
 *
 * node:sqlite is synchronous and a durable COMMIT costs an fsync. Callers that arrive while a
 * batch is being committed queue up; the next batch runs all of them in one `BEGIN IMMEDIATE …
 * COMMIT`, each inside its own SAVEPOINT so one failing unit rolls back alone. A caller's promise
 * settles only after the COMMIT that contains its unit returned — an acknowledged write is on disk.
 *
 * Units must do database work only (no network, no hashing): while a unit awaits, the batch waits.
 */
export class GroupCommitWriter {
  readonly #connection: NodeSqliteConnection;
  readonly #queue: Unit<unknown>[] = [];
  #scheduled = false;
  #running = false;
  #closed = false;
  readonly stats: GroupCommitStats = { units: 0, commits: 0 };

  constructor(connection: NodeSqliteConnection) {
    this.#connection = connection;
  }

  /** Queues `work` for the next batch and settles with its result once that batch is durable. */
  submit<T>(work: () => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('The embedded database is closed'));
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.#schedule();
    });
  }

  /** Resolves when every queued unit has been committed or rejected. */
  async drain(): Promise<void> {
    while (this.#queue.length > 0 || this.#running || this.#scheduled) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  close(): void {
    this.#closed = true;
  }

  #schedule(): void {
    if (this.#scheduled || this.#running) return;
    this.#scheduled = true;
    // setImmediate lets every request already read off the sockets enqueue before the batch starts.
    setImmediate(() => {
      this.#scheduled = false;
      void this.#flush();
    });
  }

  #exec(sql: string): void {
    this.#connection.raw.exec(sql);
  }

  async #flush(): Promise<void> {
    if (this.#running || this.#queue.length === 0) return;
    this.#running = true;
    const batch = this.#queue.splice(0, MAX_BATCH);
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      this.#exec('BEGIN IMMEDIATE');
    } catch (error) {
      for (const unit of batch) unit.reject(error);
      this.#running = false;
      if (this.#queue.length > 0) this.#schedule();
      return;
    }
    for (const unit of batch) {
      this.#exec('SAVEPOINT unit');
      try {
        const value = await unit.work();
        this.#exec('RELEASE unit');
        outcomes.push({ ok: true, value });
      } catch (error) {
        try {
          this.#exec('ROLLBACK TO unit');
          this.#exec('RELEASE unit');
        } catch {
          // The transaction is already gone (e.g. SQLITE_FULL); COMMIT below reports it to all.
        }
        outcomes.push({ ok: false, error });
      }
    }
    let commitError: unknown;
    try {
      this.#exec('COMMIT');
      this.stats.commits += 1;
    } catch (error) {
      commitError = error;
      try {
        this.#exec('ROLLBACK');
      } catch {
        // Nothing left to roll back.
      }
    }
    batch.forEach((unit, index) => {
      const outcome = outcomes[index];
      if (commitError !== undefined) unit.reject(commitError);
      else if (outcome?.ok) {
        this.stats.units += 1;
        unit.resolve(outcome.value);
      } else unit.reject(outcome?.error);
    });
    this.#running = false;
    if (this.#queue.length > 0) this.#schedule();
  }
}
