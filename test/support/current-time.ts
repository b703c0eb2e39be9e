/**
 * The page's current time, set for the tests of one describe block: the formatters decide which
 * year is current by it (a day outside it shows its year), so tests whose fixtures sit in one year
 * must say so, or they would go by the computer's clock and fail from the next New Year on.
 */
import { afterEach, beforeEach } from 'vitest'
import { setCurrentTime } from '../../src/renderer/logic/format'

/** Within the calling describe block, the page's current time is `now`; after each test, the page's own clock again. */
export function formatAsAt(now: number): void {
  beforeEach(() => setCurrentTime(() => now))
  afterEach(() => setCurrentTime(() => Date.now()))
}
