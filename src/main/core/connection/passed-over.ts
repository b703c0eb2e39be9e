/**
 * What the platform sent outside the protocol and the link passed over: a message of a name the
 * protocol does not have, a second welcome on a connection already welcomed, an event before the
 * platform let the connection in, values beyond the one a message carries; live events it could
 * not place (no readable id); and, in the sync engine's own account, the events the cache passed
 * over. Each is said in the log, a few per connection: a platform that keeps at it
 * would otherwise fill the log, whose size is capped, and push out every line that came before.
 */
import { shownText } from '../../../shared/protocol'
import type { Logger } from '../ports/logger'

/** The most lines one connection's messages passed over write to the log. */
export const MOST_PASSED_OVER_LOGGED = 5

/** The name of a message as the log shows it: quoted, one line, bounded. */
export function messageName(name: unknown): string {
  return JSON.stringify(shownText(String(name), { max: 64 }))
}

/** One link's account of what it passed over, counted per connection. */
export class PassedOver {
  private logged = 0
  /** The lines this connection wrote: bounded, as only the few written are kept. */
  private readonly written = new Set<string>()
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

  constructor(private readonly log: Pick<Logger, 'error'>) {}

  /** A new connection: what the last one sent no longer counts against it. */
  newConnection(): void {
    this.logged = 0
    this.written.clear()
  }

  /** The platform sent `what` (which says what was made of it), outside the protocol. */
  tell(what: string): void {
    this.write(
      `The platform sent ${what}. That is not part of the Standby protocol; if it goes on, tell the platform's support.`,
    )
  }

  private write(message: string, detail?: unknown): void {
    if (this.logged > MOST_PASSED_OVER_LOGGED) return
    this.logged++
    if (this.logged <= MOST_PASSED_OVER_LOGGED) {
      this.written.add(message)
      return this.log.error(message, detail)
    }
    this.log.error(
      'The platform keeps sending messages Standby cannot read or that are outside its protocol; no more of them are logged until the next connection',
    )
  }
}
