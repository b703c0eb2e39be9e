/**
 * The platform's "now", as the host estimates it. Countdowns and the Start window follow the
 * platform's clock, not the page's: the platform's clock decides when Start opens and when a
 * session is cancelled, and in tests the host runs a ManualClock that the test advances. The host
 * is asked once a second (one local IPC call), and again at once when it pushes a new offset; a
 * failed answer falls back to the page's clock plus the last offset the host reported.
 */
import { UNMEASURED_CLOCK, type PlatformClockState } from '../../shared/clock-skew'
import type { StandbyApi } from '../../shared/ipc/standby-api'
import { createValueStore, readableOf, type ReadableStore } from './value-store'

/** How many times one refresh asks while offset pushes keep overtaking its answers. */
const ASKS_PER_REFRESH = 3

/** The platform's time, refreshed every tick. */
export interface HostClock extends ReadableStore<number> {
  /** How far the computer's clock is off the platform's: the skew notice, and times taken locally. */
  readonly offset: ReadableStore<PlatformClockState>
  /** Settles after the first answer from the host. */
  readonly ready: Promise<void>
  /** Ask the host now rather than at the next tick. */
  refresh(): Promise<void>
  stop(): void
}

/**
 * Start following the host's estimate of the platform's clock, from `initial` and
 * `initialOffset` (a pre-rendered frame's) until it answers.
 */
export function createHostClock(
  api: Pick<StandbyApi, 'app' | 'clock'>,
  tickMs = 1_000,
  initial: number = Date.now(),
  initialOffset: PlatformClockState = UNMEASURED_CLOCK,
): HostClock {
  const store = createValueStore(initial)
  const offset = createValueStore(initialOffset)
  const setOffset = (next: PlatformClockState): void => {
    const current = offset.getSnapshot()
    if (next.offsetMs !== current.offsetMs || next.measured !== current.measured) offset.set(next)
  }
  let inFlight: Promise<void> | undefined
  // Offset pushes so far: an answer asked before the latest one predates it and is asked again.
  let pushes = 0
  async function ask(): Promise<void> {
    // Bounded, so a host pushing without pause cannot keep the page asking; the push's offset stands.
    for (let tries = 0; tries < ASKS_PER_REFRESH; tries++) {
      const asked = pushes
      const result = await api.app.getTime()
      if (asked !== pushes) continue
      if (!result.ok) return store.set(Date.now() + offset.getSnapshot().offsetMs)
      setOffset(result.value.clock)
      return store.set(result.value.now)
    }
  }
  const refresh = (): Promise<void> =>
    (inFlight ??= ask().finally(() => {
      inFlight = undefined
    }))
  const unsubscribe = api.clock.onChanged((next) => {
    pushes++
    setOffset(next)
    void refresh()
  })
  const ready = refresh()
  const timer = window.setInterval(() => void refresh(), tickMs)
  return {
    ...readableOf(store),
    offset: readableOf(offset),
    ready,
    refresh,
    stop: () => {
      window.clearInterval(timer)
      unsubscribe()
    },
  }
}
