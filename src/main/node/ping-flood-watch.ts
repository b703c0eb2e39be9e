/**
 * A platform's heartbeat pings, watched for a flood: socket.io answers each at once, whether or not
 * the platform reads the answers, so one that sends pings without end and reads nothing would fill
 * the app's memory with them.
 */

/**
 * An honest engine.io server sends its next heartbeat ping only once the last was answered, its
 * ping interval later, so a handful within one second is already more than any platform sends.
 */
const MOST_PINGS_PER_SECOND = 5

/** Why a connection ended when its platform flooded it with pings. */
export const PING_FLOOD =
  'the platform sent heartbeat pings far faster than any platform does, so Standby closed the connection'

/**
 * Counts one connection's pings in one-second windows of `now` (a monotonic clock in ms); `heard`
 * says whether they now flood it, and it stays flooded until `reset` for the next connection.
 */
export function pingFloodWatch(now: () => number = () => performance.now()): {
  heard(): boolean
  reset(): void
  readonly flooded: boolean
} {
  let windowStart = -Infinity
  let count = 0
  let flooded = false
  return {
    heard() {
      const at = now()
      if (at - windowStart >= 1_000) {
        windowStart = at
        count = 0
      }
      count++
      if (count > MOST_PINGS_PER_SECOND) flooded = true
      return flooded
    },
    reset() {
      windowStart = -Infinity
      count = 0
      flooded = false
    },
    get flooded() {
      return flooded
    },
  }
}
