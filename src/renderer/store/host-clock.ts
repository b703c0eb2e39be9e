/**
 * The host's "now". Countdowns and the Start window follow the host's clock, not the page's:
 * in tests the host runs a ManualClock that the test advances, and in the app both agree. The
 * host is asked once a second (one local IPC call); a failed answer falls back to the page's clock.
 */
import type { StandbyApi } from '../../shared/ipc/standby-api'
import { createValueStore, readableOf, type ReadableStore } from './value-store'

/** The host's time, refreshed every tick. */
export interface HostClock extends ReadableStore<number> {
  /** Settles after the first answer from the host. */
  readonly ready: Promise<void>
  /** Ask the host now rather than at the next tick. */
  refresh(): Promise<void>
  stop(): void
}

/** Start following the host's clock, from `initial` (a pre-rendered frame's time) until it answers. */
export function createHostClock(
  api: Pick<StandbyApi, 'app'>,
  tickMs = 1_000,
  initial: number = Date.now(),
): HostClock {
  const store = createValueStore(initial)
  let inFlight: Promise<void> | undefined
  const refresh = (): Promise<void> =>
    (inFlight ??= api.app
      .getTime()
      .then((result) => store.set(result.ok ? result.value.now : Date.now()))
      .finally(() => {
        inFlight = undefined
      }))
  const ready = refresh()
  const timer = window.setInterval(() => void refresh(), tickMs)
  return {
    ...readableOf(store),
    ready,
    refresh,
    stop: () => window.clearInterval(timer),
  }
}
