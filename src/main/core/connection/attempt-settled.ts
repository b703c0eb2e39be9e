/**
 * Waiting out a connection attempt under way. A press on a notification can come while Standby is
 * still making its connection: on Windows a press on a toast launches it and is heard at once, and
 * its command would fail as offline ("nothing was sent") although the platform answers a moment
 * later. An attempt ends within the link's connect timeout (welcomed, failed or refused), or with
 * a sign-out; then the command goes, or fails for what the connection is then.
 */
import type { Unsubscribe } from '../../../shared/listeners'

/** What tells an attempt under way and its end. */
export interface AttemptSignals {
  /** Whether an attempt to connect is under way now. */
  readonly underWay: () => boolean
  /** Subscriptions to what can end one: each welcome, each change of the connection state. */
  readonly ends: ReadonlyArray<(wake: () => void) => Unsubscribe>
}

/**
 * Settles once no connection attempt is under way; null when none is now, so a caller with nothing
 * to wait for goes on at once, in the same turn.
 */
export function attemptSettled({ underWay, ends }: AttemptSignals): Promise<void> | null {
  if (!underWay()) return null
  const next = (): Promise<void> =>
    new Promise((resolve) => {
      const offs: Unsubscribe[] = []
      const wake = (): void => {
        for (const off of offs) off()
        resolve()
      }
      for (const end of ends) offs.push(end(wake))
    })
  return (async () => {
    while (underWay()) await next()
  })()
}
