/** Waiting on a Listeners' next value in tests, instead of sleeping. */
import type { Listeners } from '../../src/shared/listeners'

/** The next value `listeners` tell. */
export function nextValue<T>(listeners: Listeners<T>): Promise<T> {
  return new Promise((resolve) => {
    const off = listeners.add((value) => {
      off()
      resolve(value)
    })
  })
}
