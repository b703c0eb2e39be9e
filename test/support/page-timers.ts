/** A page's timers in a unit test: `window` is the global, its clock fake and set to `now`. */
import { afterEach, beforeEach, vi } from 'vitest'

/** Each test of the calling suite runs with fake timers at `now` and a `window` to set them on. */
export function usePageTimersAt(now: number): void {
  beforeEach(() => {
    vi.useFakeTimers({ now })
    vi.stubGlobal('window', globalThis)
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.useRealTimers()
  })
}
