/**
 * The timed rules go row by row, and one row the platform cannot process (a value stored wrong by
 * hand or by an old bug, a constraint that now refuses it) must not stop the rule for everyone
 * else: it is logged, once until it goes through so the log is not flooded every second, and
 * skipped, and it is tried again at the next sweep in case what stopped it was passing.
 */
import type { MarketplaceContext } from './context'

/** Run `apply` on each row on its own; returns how many went through. */
export function applyEach<T extends { readonly id: string }>(
  ctx: MarketplaceContext,
  rule: string,
  rows: ReadonlyArray<T>,
  apply: (row: T) => void,
): number {
  let applied = 0
  for (const row of rows) {
    try {
      apply(row)
      applied++
      wentThrough(ctx, `${rule}:${row.id}`)
    } catch (error) {
      logOnce(ctx, `${rule}:${row.id}`, `${rule}: skipped a row the platform cannot process`, {
        id: row.id,
        error: String(error),
      })
    }
  }
  return applied
}

/** `write` each row in a transaction of its own (its events with it); returns how many went through. */
export function writeEach<T extends { readonly id: string }>(
  ctx: MarketplaceContext,
  rule: string,
  rows: ReadonlyArray<T>,
  write: (row: T) => void,
): number {
  return applyEach(ctx, rule, rows, (row) => ctx.events.transact(() => write(row)))
}

/** Run a whole rule; if it fails (its query, say), log it once per run and report nothing done. */
export function runRule(ctx: MarketplaceContext, rule: string, run: () => number): number {
  try {
    const applied = run()
    wentThrough(ctx, rule)
    return applied
  } catch (error) {
    logOnce(ctx, rule, `${rule} failed; the other timed rules went on, and it is tried again`, {
      error: String(error),
    })
    return 0
  }
}

/**
 * What failed went through: its failure is no longer kept (the keys of every row that ever failed
 * would otherwise pile up for as long as the platform runs), and a later failure is logged afresh.
 */
function wentThrough(ctx: MarketplaceContext, key: string): void {
  if (ctx.reportedFailures.size > 0) ctx.reportedFailures.delete(key)
}

function logOnce(
  ctx: MarketplaceContext,
  key: string,
  message: string,
  fields: Readonly<Record<string, string>>,
): void {
  if (ctx.reportedFailures.has(key)) return
  ctx.reportedFailures.add(key)
  ctx.logger.error(message, fields)
}
