/** A wait the platform asked for, in the words a sign-in form shows. */

/** "1 second", "45 seconds", "3 minutes", "2 hours": a wait rounded up, so nobody comes back early. */
export function describeWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1_000))
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`
  const minutes = Math.ceil(seconds / 60)
  if (minutes < 120) return minutes === 1 ? '1 minute' : `${minutes} minutes`
  return `${Math.ceil(minutes / 60)} hours`
}

/**
 * A command refused as too many at once, with the wait the platform asked for when it said one:
 * the expert presses again themselves, since Standby does not send it again by itself.
 */
export function busyWords(retryAfterMs: number | undefined): string {
  const when = retryAfterMs === undefined ? 'in a moment' : `in ${describeWait(retryAfterMs)}`
  return `The platform is busy: try again ${when}.`
}
