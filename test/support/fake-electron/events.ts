/** Electron's event objects, and the errors Electron throws when a destroyed object is used. */
import type { Event } from 'electron'
import { fake } from './state'

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

/**
 * Tells `event` as Electron's BaseWindow tells 'focus' and 'blur' (EmitEventSoon), with the app's
 * 'browser-window-focus' or 'browser-window-blur': in a task posted for later, bound to the
 * window's weak pointer, so a listener never runs within the call that moved the focus, and none
 * runs for a window closed meanwhile. The fake posts a microtask, which a test awaits with
 * {@link toldSoon}, without a timer, real or faked.
 */
export function emitSoon(
  window: { readonly destroyed: boolean; emit(event: string, ...args: unknown[]): boolean },
  event: 'focus' | 'blur',
  ...args: unknown[]
): void {
  queueMicrotask(() => {
    if (window.destroyed) return
    // Electron's BrowserWindow hands each on to the app first, from a listener of its own.
    fake.app.emit(`browser-window-${event}`, preventableEvent(), window)
    window.emit(event, ...args)
  })
}

/**
 * Settles once every event the fakes told "soon" so far (a window's 'focus' and 'blur', as
 * Electron posts them) has been told: they wait in the microtask queue, ahead of this one.
 */
export function toldSoon(): Promise<void> {
  return new Promise((resolve) => queueMicrotask(resolve))
}
