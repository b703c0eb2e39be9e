/**
 * The platform's own downtime. A party cannot be found absent for a time the platform was down:
 * nobody could join then. So the platform writes now and then that it is running, and at start
 * keeps the span since as an outage, which the auto-cancel rule reads (sessions.ts). After a crash
 * the outage counts from the last mark, up to ALIVE_MARK_EVERY_MS before the crash: in doubt,
 * nobody pays a fee.
 */
import type { MarketplaceContext } from './context'

/** How often a running platform writes that it is alive. */
export const ALIVE_MARK_EVERY_MS = 10_000

/** How long an outage is kept: long past the join window of any session it could excuse. */
const OUTAGES_KEPT_MS = 7 * 24 * 60 * 60_000

/** A span the platform was down. */
export interface Outage {
  readonly from: number
  readonly until: number
}

/** When the platform last wrote that it was running; null before it ever did. */
function aliveAt(ctx: MarketplaceContext): number | null {
  return ctx.sql<[], number | null>('SELECT alive_at FROM platform_meta').pluck().get() ?? null
}

function writeAlive(ctx: MarketplaceContext, at: number): void {
  ctx.sql('UPDATE platform_meta SET alive_at = ?').run(at)
}

/** Keeps when the platform last said it was alive, to write it again only every so often. */
export class AliveMarks {
  private written = Number.NEGATIVE_INFINITY

  constructor(private readonly ctx: MarketplaceContext) {}

  /**
   * The platform starts: the span since it was last running is kept as an outage (none the first
   * time, nor when the clock reads earlier than that mark), and outages past keeping are dropped.
   */
  started(): Outage | null {
    const { ctx } = this
    const now = ctx.clock.now()
    const since = aliveAt(ctx)
    const outage = since !== null && since < now ? { from: since, until: now } : null
    ctx.db.transaction(() => {
      if (outage !== null)
        ctx
          .sql('INSERT INTO platform_outages (down_from, down_until) VALUES (?, ?)')
          .run(outage.from, outage.until)
      ctx.sql('DELETE FROM platform_outages WHERE down_until < ?').run(now - OUTAGES_KEPT_MS)
      writeAlive(ctx, now)
    })()
    this.written = now
    return outage
  }

  /** The platform is running: written when the last mark is ALIVE_MARK_EVERY_MS old (or older). */
  alive(): void {
    const now = this.ctx.clock.now()
    if (now >= this.written && now - this.written < ALIVE_MARK_EVERY_MS) return
    writeAlive(this.ctx, now)
    this.written = now
  }

  /** The platform stops on purpose: its outage starts now, not at the last mark. */
  stopping(): void {
    writeAlive(this.ctx, this.ctx.clock.now())
  }
}

/** Whether the platform was down at any moment between `from` and `to`. */
export function wasDownDuring(ctx: MarketplaceContext, from: number, to: number): boolean {
  return (
    ctx
      .sql<[number, number], number>(
        'SELECT 1 FROM platform_outages WHERE down_until > ? AND down_from < ? LIMIT 1',
      )
      .pluck()
      .get(from, to) !== undefined
  )
}
