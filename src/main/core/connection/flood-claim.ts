/**
 * Whether the platform's word that it cut a connection because Standby sent it too many messages
 * (ClosingNotice) can be true. Standby sends a command when the expert acts, a replay page at a
 * time and a probe when the link is quiet, so on a connection where it sent only a few messages
 * lately the word is the platform's mistake (or a platform that was never let in to say it): told
 * as a fact, the expert would be sent to quit and restart Standby for nothing. It is then told as
 * what the platform said, and that its support can look into it.
 */
import { steadyNow, type Clock } from '../../../shared/clock'
import type { LinkConnection } from '../ports/link-transport'

/**
 * The fewest messages sent within FLOOD_WINDOW_MS that a platform may call too many. The reference
 * platform cuts only well past its expert's burst allowance, many times this; a platform with an
 * allowance this small would cut an expert answering a few invites, which its support should hear of.
 */
export const FEWEST_MESSAGES_OF_A_FLOOD = 40

/** How far back a flood of messages is counted. */
export const FLOOD_WINDOW_MS = 60_000

/** The messages Standby sent on the current connection lately, as times on a steady clock. */
export class SentLately {
  private times: number[] = []

  constructor(private readonly clock: Clock) {}

  /** A new connection: what went over an earlier one flooded nothing on this one. */
  opened(): void {
    this.times = []
  }

  /** A message went out. */
  sent(): void {
    this.times.push(steadyNow(this.clock))
    if (this.times.length > FEWEST_MESSAGES_OF_A_FLOOD) this.times.shift()
  }

  /** How many went out within FLOOD_WINDOW_MS (counted up to FEWEST_MESSAGES_OF_A_FLOOD). */
  count(): number {
    const since = steadyNow(this.clock) - FLOOD_WINDOW_MS
    return this.times.filter((at) => at >= since).length
  }
}

/** `connection`, with each message it sends counted in `sent`. */
export function countingSends(connection: LinkConnection, sent: SentLately): LinkConnection {
  return {
    connect: () => connection.connect(),
    disconnect: () => connection.disconnect(),
    request: (name, payload, abandon) => {
      sent.sent()
      return connection.request(name, payload, abandon)
    },
    ...(connection.lookingUp !== undefined && { lookingUp: () => connection.lookingUp!() }),
  }
}

/**
 * Why a connection was cut that the platform said it cut for too many messages, when Standby sent
 * only `count` messages on it within the window: what the platform said, as its word. A platform
 * counts what all of an expert's devices send against one budget, so another device signed in as
 * the expert (or someone holding their sign-in) may have sent them: said, so the expert can look.
 */
export function floodClaimedAfter(count: number): string {
  const what = count === 0 ? 'none on that connection' : `only ${count} in the last minute`
  return `the platform closed the connection, saying Standby sent it too many messages, though Standby had sent it ${what}; another device signed in as you may have sent them`
}
