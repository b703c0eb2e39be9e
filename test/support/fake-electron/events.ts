/** Electron's event objects, and the errors Electron throws when a destroyed object is used. */
import type { Event } from 'electron'

/** An Electron event whose `preventDefault` a test can observe. */
export function preventableEvent<P extends object>(params: P = {} as P): Event<P> {
  let prevented = false
  return {
    ...params,
    preventDefault: () => {
      prevented = true
    },
    get defaultPrevented() {
      return prevented
    },
  }
}

/**
 * Throws what Electron throws when a method of a destroyed window or web contents is called:
 * its native bindings refuse every call but `isDestroyed()` and `destroy()` with this TypeError.
 */
export function assertNotDestroyed(object: { readonly destroyed: boolean }): void {
  if (object.destroyed) throw new TypeError('Object has been destroyed')
}

/**
 * Refuses a test's user action on something the user can no longer see (a destroyed window, a
 * removed tray icon, a closed notification): the test would be playing an impossible sequence.
 */
export function assertOnScreen(what: string, onScreen: boolean): void {
  if (!onScreen) throw new Error(`the test plays a user acting on ${what}, which is no longer on screen`)
}
