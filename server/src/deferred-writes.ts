/**
 * The writes the event log (event-log.ts) puts off until a transaction's events were sent: what
 * can be rebuilt from the committed rows, so no invite waits for it. A batch whose own transaction
 * fails is carried, and runs again inside the next transaction.
 */
import type Database from 'better-sqlite3'
import { inImmediateTransaction } from './db/immediate-transaction'

/** The writes deferred by the open transaction, and those carried from a failed one. */
export class DeferredWrites {
  /** Writes the current transaction deferred until its events were sent. */
  private deferred: Array<() => void> = []
  /** Deferred writes whose own transaction failed: retried inside the next transaction. */
  private carried: Array<() => void> = []

  constructor(
    private readonly db: Database.Database,
    private readonly onDeferredError: (error: unknown) => void,
  ) {}

  /** Put `write` off until the open transaction's events were sent. */
  defer(write: () => void): void {
    this.deferred.push(write)
  }

  /** Take the carried writes, to run first inside the transaction beginning now. */
  takeCarried(): Array<() => void> {
    const carried = this.carried
    this.carried = []
    return carried
  }

  /** The transaction failed: its deferred writes go with it, and `carried` waits for the next one. */
  rolledBack(carried: Array<() => void>): void {
    this.deferred = []
    this.carried = carried
  }

  /** Run the deferred writes now, in a transaction of their own; a failure is reported, and carried. */
  writeDeferred(): void {
    const writes = this.deferred
    this.deferred = []
    try {
      this.writeNow(writes)
    } catch (error) {
      this.onDeferredError(error)
    }
  }

  /** Run the carried writes now; throws if they still cannot be written. */
  settle(): void {
    this.writeNow(this.takeCarried())
  }

  /** Run `writes` in a transaction of their own; if it fails they are carried to the next one. */
  private writeNow(writes: Array<() => void>): void {
    if (writes.length === 0) return
    try {
      inImmediateTransaction(this.db, () => {
        for (const write of writes) write()
      })
    } catch (error) {
      this.carried = [...this.carried, ...writes]
      throw error
    }
  }
}
