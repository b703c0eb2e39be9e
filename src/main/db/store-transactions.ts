/**
 * The store's writes that take more than one statement, each one transaction (sqlite-cache-store.ts):
 * a batch of events, a snapshot, emptying the cache, marks, a retry key, a retention batch. Each
 * transaction is made on its first use, as a start may write none.
 */
import type Database from 'better-sqlite3'
import type { Snapshot } from '../../shared/protocol'
import type { ApplyResult, RetentionProgress, ShowingAt, StreamEntry } from '../core/ports/cache-store'
import { applyEventBatch, invitesAsWritten } from './apply-event-batch'
import type { CacheRepositories } from './cache-repositories'
import { transactionOnUse } from './repositories/prepared-on-use'
import type { RetentionPosition } from './repositories/retention-repository'
import { deleteEverything, rebuildFromSnapshot } from './snapshot-rebuild'

/** The store's transactions over one connection (see storeTransactions). */
export interface StoreTransactions {
  applyEvents(events: ReadonlyArray<StreamEntry>, showing: ShowingAt | undefined): ApplyResult
  applySnapshot(snapshot: Snapshot, partsThrough: number, leftOut: boolean): void
  clear(): void
  markNotified(ids: ReadonlyArray<string>, at: number): void
  markStandingWarned(keys: ReadonlyArray<string>, at: number): void
  markMessagesNotified(ids: ReadonlyArray<string>, at: number): void
  keepRetryKey(scope: string, command: string, key: string, at: number): void
  trim(now: number, from: RetentionProgress | undefined): RetentionProgress
}

/** The transactions the store writes in, over `db` and its repositories. */
export function storeTransactions(db: Database.Database, repos: CacheRepositories): StoreTransactions {
  // The cursor and parts mark are kept in memory (SyncStateRepository): one written in a
  // transaction that then rolls back is read again.
  const rollingBack = <A extends unknown[], R>(run: (...args: A) => R): ((...args: A) => R) => {
    const transaction = transactionOnUse(db, run)
    return (...args) => {
      try {
        return transaction(...args)
      } catch (error) {
        repos.sync.forgetKnown()
        throw error
      }
    }
  }
  return {
    applyEvents: rollingBack((events: ReadonlyArray<StreamEntry>, showing: ShowingAt | undefined) => {
      const result = applyEventBatch(repos, events)
      if (showing === undefined || result.applied.length === 0) return result
      // Marked in the commit that applies it, so showing a new invite costs no commit of its own;
      // still marked before it is shown: a crash in between loses it, never shows it twice. One
      // only: the caller marks the others one by one as it shows them, so a crash loses one.
      const unshown = repos.invites.unnotifiedOpen(showing.openAt, invitesAsWritten(result.applied))
      if (unshown[0] !== undefined) repos.invites.markNotified([unshown[0].id], showing.at)
      return { ...result, unshown }
    }),
    applySnapshot: rollingBack((snapshot: Snapshot, partsThrough: number, leftOut: boolean) =>
      rebuildFromSnapshot(repos, snapshot, partsThrough, leftOut),
    ),
    clear: rollingBack(() => deleteEverything(repos)),
    markNotified: transactionOnUse(db, (ids: ReadonlyArray<string>, at: number) =>
      repos.invites.markNotified(ids, at),
    ),
    markStandingWarned: transactionOnUse(db, (keys: ReadonlyArray<string>, at: number) =>
      repos.standing.markWarned(keys, at),
    ),
    markMessagesNotified: transactionOnUse(db, (ids: ReadonlyArray<string>, at: number) =>
      repos.messages.markNotified(ids, at),
    ),
    keepRetryKey: transactionOnUse(db, (scope: string, command: string, key: string, at: number) =>
      repos.retryKeys.keep(scope, command, key, at),
    ),
    trim: transactionOnUse(db, (now: number, from: RetentionProgress | undefined) => {
      const position = from === undefined ? repos.retention.start(now) : (from.position as RetentionPosition)
      const { removed, next } = repos.retention.batch(now, position)
      return { removed: (from?.removed ?? 0) + removed, position: next }
    }),
  }
}
