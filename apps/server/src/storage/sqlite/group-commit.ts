import { AsyncLocalStorage } from 'node:async_hooks';
import type { NodeSqliteConnection } from './driver.ts';

/** A unit's handle on the shared writer: `revoked` once the unit has settled. */
export interface UnitHandle {
  revoked: boolean;
}

interface Unit<T> {
  readonly work: (handle: UnitHandle) => Promise<T>;
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
/** How long to keep retrying BEGIN while another process (a CLI command) holds the write lock. */
const BEGIN_RETRY_MS = 10_000;

const isBusy = (error: unknown): boolean =>
  error instanceof Error && /SQLITE_BUSY|database is locked/i.test(error.message);

/**
 * Group commit for the embedded database.
 *
 * node:sqlite is synchronous and a durable COMMIT costs an fsync. Callers that arrive while a
 * batch is being committed queue up; the next batch runs all of them in one `BEGIN IMMEDIATE …
 * COMMIT`, each inside its own SAVEPOINT so one failing unit rolls back alone. A caller's promise
 * settles only after the COMMIT that contains its unit returned — an acknowledged write is on disk.
 *
 * Units must do database work only (no network, no hashing): while a unit awaits, the batch waits.
 * A unit may not start another write (that would wait for itself): it is refused at once.
 */
export class GroupCommitWriter {
  readonly #connection: NodeSqliteConnection;
  readonly #queue: Unit<unknown>[] = [];
  readonly #inUnit = new AsyncLocalStorage<true>();
  #scheduled = false;
  #running = false;
  #closed = false;
  readonly stats: GroupCommitStats = { units: 0, commits: 0 };

  constructor(connection: NodeSqliteConnection) {
    this.#connection = connection;
  }

  /** Queues `work` for the next batch and settles with its result once that batch is durable. */
  submit<T>(work: (handle: UnitHandle) => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('The embedded database is closed'));
    if (this.#inUnit.getStore()) {
      return Promise.reject(
        new Error('A write was started inside another write; pass the open transaction down instead of nesting writes'),
      );
    }
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({
        work: work,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
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

  /**
   * BEGIN IMMEDIATE without blocking the event loop: the writer connection has no busy timeout,
   * so while another process holds the write lock we retry on timers instead of spinning inside SQLite.
   */
  async #begin(): Promise<void> {
    const started = Date.now();
    for (let delay = 1; ; delay = Math.min(delay * 2, 50)) {
      try {
        this.#exec('BEGIN IMMEDIATE');
        return;
      } catch (error) {
        if (!isBusy(error) || Date.now() - started > BEGIN_RETRY_MS) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  async #flush(): Promise<void> {
    if (this.#running || this.#queue.length === 0) return;
    this.#running = true;
    const batch = this.#queue.splice(0, MAX_BATCH);
    try {
      await this.#runBatch(batch);
    } catch (error) {
      // Anything unexpected fails the whole batch rather than leaving callers waiting forever.
      for (const unit of batch) unit.reject(error);
      if (this.#connection.raw.isTransaction) {
        try {
          this.#exec('ROLLBACK');
        } catch {
          // Nothing left to roll back.
        }
      }
    } finally {
      this.#running = false;
      if (this.#queue.length > 0) this.#schedule();
    }
  }

  async #runBatch(batch: Unit<unknown>[]): Promise<void> {
    await this.#begin();
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    for (const unit of batch) {
      const handle: UnitHandle = { revoked: false };
      this.#exec('SAVEPOINT unit');
      try {
        const value = await this.#inUnit.run(true, () => unit.work(handle));
        handle.revoked = true;
        this.#exec('RELEASE unit');
        outcomes.push({ ok: true, value });
      } catch (error) {
        handle.revoked = true;
        if (this.#connection.raw.isTransaction) {
          this.#exec('ROLLBACK TO unit');
          this.#exec('RELEASE unit');
        }
        outcomes.push({ ok: false, error });
      }
      // An I/O error or a full disk can end the whole transaction: then nothing of this batch is
      // committed, and every unit in it must be told so — never reported as durable.
      if (!this.#connection.raw.isTransaction) throw new Error('The write transaction was aborted by the database');
    }
    this.#exec('COMMIT');
    this.stats.commits += 1;
    batch.forEach((unit, index) => {
      const outcome = outcomes[index];
      if (outcome?.ok) {
        this.stats.units += 1;
        unit.resolve(outcome.value);
      } else unit.reject(outcome?.error);
    });
  }
}
