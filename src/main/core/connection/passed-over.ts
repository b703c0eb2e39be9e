/**
 * What the platform sent outside the protocol and the link passed over: a message of a name the
 * protocol does not have, a second welcome on a connection already welcomed, an event before the
 * platform let the connection in, values beyond the one a message carries; live events it could
 * not place (no readable id); and, in the sync engine's own account, the events the cache passed
 * over. Each is said in the log, a few per connection: a platform that keeps at it
 * would otherwise fill the log, whose size is capped, and push out every line that came before.
 * A platform that sends the same every time it lets Standby in, and then closes the connection,
 * would still write its few lines at every attempt, for good: a line an earlier connection wrote
 * is written again only once an hour, and the lines of all connections together have an hourly
 * budget too (a new broken event on each connection makes a new line each time).
 */
import { steadyNow, type Clock } from '../../../shared/clock'
import { shownText } from '../../../shared/protocol'
import type { Logger } from '../ports/logger'

/** The most lines one connection's messages passed over write to the log. */
export const MOST_PASSED_OVER_LOGGED = 5

/** How long a line an earlier connection wrote goes unwritten when a later one passes over the same. */
export const PASSED_OVER_AGAIN_AFTER_MS = 60 * 60 * 1000

/** The most lines all connections together write in an hour (steady clock). */
export const MOST_PASSED_OVER_AN_HOUR = 8 * MOST_PASSED_OVER_LOGGED

/** The most lines of earlier connections remembered: memory stays bounded whatever is sent. */
const MOST_REMEMBERED = 64

/** The most kinds of line this run knows it logged: past them, a new kind counts as any line. */
const MOST_KINDS = 64

/** A line's kind: its words, without the names, numbers and problems quoted in it, bounded. */
function kindOf(message: string): string {
  return message
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\([^)]*\)/g, '()')
    .replace(/\d+/g, '#')
    .slice(0, 200)
}

/** The name of a message as the log shows it: quoted, one line, bounded. */
export function messageName(name: unknown): string {
  return JSON.stringify(shownText(String(name), { max: 64 }))
}

/** One link's account of what it passed over, counted per connection and per hour. */
export class PassedOver {
  private logged = 0
  /** The lines this connection wrote: bounded, as only the few written are kept. */
  private readonly written = new Set<string>()
  /** Lines earlier connections wrote, by the steady time of their last writing, the oldest first. */
  private readonly earlier = new Map<string, number>()
  /** The steady time this hour's budget of lines began, and what it has spent and held back. */
  private hourFrom: number | undefined
  private hourLines = 0
  private heldBack = 0
  /** The kinds of line this run logged: the first of each is logged whatever the counts say. */
  private readonly kinds = new Set<string>()
  /** Where the lines about this connection's unreadable messages go: they count against the same few. */
  readonly messages: Pick<Logger, 'error'> = { error: (message, detail) => this.write(message, detail) }
  /**
   * The same, but a line this connection already wrote is not written again: a snapshot is read
   * at each catch-up, and the same broken entity in it would repeat its lines each time.
   */
  readonly once: Pick<Logger, 'error'> = {
    error: (message, detail) => {
      if (this.written.has(message)) return
      this.write(message, detail)
    },
  }

  constructor(
    private readonly log: Pick<Logger, 'error'>,
    private readonly clock: Clock,
  ) {}

  /** A new connection: what the last one sent no longer counts against it; an hour's held-back count is told. */
  newConnection(): void {
    this.logged = 0
    this.written.clear()
    if (this.heldBack > 0) this.rollHour(steadyNow(this.clock))
  }

  /** The platform sent `what` (which says what was made of it), outside the protocol. */
  tell(what: string): void {
    this.write(
      `The platform sent ${what}. That is not part of the Standby protocol; if it goes on, tell the platform's support.`,
    )
  }

  private write(message: string, detail?: unknown): void {
    const now = steadyNow(this.clock)
    // A kind never seen in this run is news: a storm of another kind's lines cannot hide it.
    if (this.firstOfKind(message)) {
      // Within the counts it takes its share of them, as any line does.
      this.rollHour(now)
      if (this.logged < MOST_PASSED_OVER_LOGGED) this.logged++
      if (this.hourLines < MOST_PASSED_OVER_AN_HOUR) this.hourLines++
      this.written.add(message)
      this.remember(message, now)
      return this.log.error(message, detail)
    }
    if (this.logged > MOST_PASSED_OVER_LOGGED) return
    if (!this.written.has(message) && this.writtenLately(message, now)) return
    if (!this.withinHour(now)) return
    this.logged++
    if (this.logged <= MOST_PASSED_OVER_LOGGED) {
      this.written.add(message)
      this.remember(message, now)
      return this.log.error(message, detail)
    }
    this.log.error(
      'The platform keeps sending messages Standby cannot read or that are outside its protocol; no more of them are logged until the next connection',
    )
  }

  /** Whether `message` is the first of its kind in this run, counting it as seen if so. */
  private firstOfKind(message: string): boolean {
    const kind = kindOf(message)
    if (this.kinds.has(kind) || this.kinds.size >= MOST_KINDS) return false
    this.kinds.add(kind)
    return true
  }

  /** Whether an earlier connection wrote `message` within the hour. */
  private writtenLately(message: string, now: number): boolean {
    const at = this.earlier.get(message)
    return at !== undefined && now - at < PASSED_OVER_AGAIN_AFTER_MS
  }

  private remember(message: string, now: number): void {
    this.earlier.delete(message)
    this.earlier.set(message, now)
    if (this.earlier.size > MOST_REMEMBERED) this.earlier.delete(this.earlier.keys().next().value as string)
  }

  /** Whether this hour's budget has a line left; says once when it runs out, and what it held back after. */
  private withinHour(now: number): boolean {
    this.rollHour(now)
    if (this.hourLines < MOST_PASSED_OVER_AN_HOUR) {
      this.hourLines++
      return true
    }
    if (this.heldBack++ === 0)
      this.log.error(
        'The platform keeps sending messages Standby cannot read or that are outside its protocol, over many connections; no more of them are logged for an hour, then how many there were.',
      )
    return false
  }

  /**
   * Once the hour is over, a new budget, and the count it held back logged: at the next line, or the
   * next connection, so a storm that stopped still has its count told.
   */
  private rollHour(now: number): void {
    if (this.hourFrom === undefined || now - this.hourFrom >= PASSED_OVER_AGAIN_AFTER_MS) {
      const held = this.heldBack
      this.hourFrom = now
      this.hourLines = 0
      this.heldBack = 0
      if (held > 0)
        this.log.error(
          `The platform sent ${held} more messages Standby could not read or that are outside its protocol in the hour after no more of them were logged; if it goes on, tell the platform's support.`,
        )
    }
  }
}
