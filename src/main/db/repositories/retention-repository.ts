/**
 * The cache's retention, one batch at a time (retention-policy.ts says what goes and why). Each
 * table is walked in its key's order, ROWS_PER_BATCH rows a batch, so a batch costs what it looks
 * at, never a scan of the table, whatever the table holds; rows kept are passed once per pass.
 */
import type Database from 'better-sqlite3'
import { preparedOnUse } from './prepared-on-use'
import {
  NEWEST_MISSED,
  RETAINED_MS,
  RETENTION_STEPS,
  ROWS_PER_BATCH,
  SHOWN_CAP_AT,
} from '../retention-policy'

/** Where a pass stands: the step, the last key looked at, and the shown invites' bound for the pass. */
export interface RetentionPosition {
  readonly step: number
  readonly after: number | string
  /** Shown invites before this time may go (RETENTION_STEPS' `@shownBefore`); null: none may. */
  readonly shownBefore: number | null
}

/** One batch: how many rows went, and where the pass goes on (null once it is done). */
export interface RetentionBatch {
  readonly removed: number
  readonly next: RetentionPosition | null
}

type Bound = Database.Statement<[number | string, number], { last: number | string | null }>

/** Runs the retention steps. Each batch runs inside the caller's transaction. */
export class RetentionRepository {
  private readonly lastOfBatch: ReadonlyArray<Bound>
  private readonly deleteInBatch: ReadonlyArray<Database.Statement<[Record<string, unknown>]>>
  private readonly selectNewestMissed: Database.Statement<[{ now: number }], { id: string }>
  private readonly selectShownCap: Database.Statement<[], { at: number }>

  constructor(db: Database.Database) {
    this.lastOfBatch = RETENTION_STEPS.map(({ table, key }) =>
      preparedOnUse(
        db,
        `SELECT max(k) AS last FROM (SELECT ${key} AS k FROM ${table} WHERE ${key} > ? ORDER BY ${key} LIMIT ?)`,
      ),
    )
    this.deleteInBatch = RETENTION_STEPS.map(({ table, key, condition }) =>
      preparedOnUse(db, `DELETE FROM ${table} WHERE ${key} > @after AND ${key} <= @last AND (${condition})`),
    )
    this.selectNewestMissed = preparedOnUse(db, NEWEST_MISSED)
    this.selectShownCap = preparedOnUse(db, SHOWN_CAP_AT)
  }

  /** Where a pass at platform time `now` starts. */
  start(now: number): RetentionPosition {
    const cap = this.selectShownCap.get()?.at
    // Past the newest SHOWN_REMEMBERED and RETAINED_MS old, both.
    const shownBefore = cap === undefined ? null : Math.min(cap, now - RETAINED_MS)
    return { step: 0, after: RETENTION_STEPS[0]!.first, shownBefore }
  }

  /** Look at the next batch of rows of the pass at `position`, at platform time `now`, and delete those that may go. */
  batch(now: number, position: RetentionPosition): RetentionBatch {
    const step = RETENTION_STEPS[position.step]
    if (step === undefined) return { removed: 0, next: null }
    const last = this.lastOfBatch[position.step]!.get(position.after, ROWS_PER_BATCH)?.last ?? null
    if (last === null || (step.table === 'shown_invites' && position.shownBefore === null)) {
      const following = RETENTION_STEPS[position.step + 1]
      const next =
        following === undefined ? null : { ...position, step: position.step + 1, after: following.first }
      return { removed: 0, next }
    }
    const keep = step.table === 'invites' ? this.newestMissed(now) : '[]'
    const { changes } = this.deleteInBatch[position.step]!.run({
      after: position.after,
      last,
      now,
      cutoff: now - RETAINED_MS,
      keep,
      shownBefore: position.shownBefore,
    })
    return { removed: changes, next: { ...position, after: last } }
  }

  /** The ids of the Missed list at `now`, as JSON. */
  private newestMissed(now: number): string {
    return JSON.stringify(this.selectNewestMissed.all({ now }).map((row) => row.id))
  }
}
