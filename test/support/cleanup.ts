/** Teardown registered as a test goes, run in reverse after each test, even when it fails. */
import { afterEach } from 'vitest'

/** Returns `defer(fn)`: `fn` runs after the current test, last registered first. */
export function useCleanup(): (fn: () => Promise<void> | void) => void {
  const pending: Array<() => Promise<void> | void> = []
  afterEach(async () => {
    for (const fn of pending.splice(0).reverse()) await fn()
  })
  return (fn) => void pending.push(fn)
}
