/**
 * Holds one of the app's windows across its destruction. A window closed for good (Alt+F4 or
 * Cmd+W on the popover, the OS at session end, a page calling window.close()) throws on every
 * later call, so nothing may keep using it: the slot hands out the live one, made anew on demand.
 */

/** Anything that is destroyed in Electron's sense. */
export interface Destroyable {
  isDestroyed(): boolean
}

/** One window of the app, recreated when asked for after it was destroyed. */
export interface WindowSlot<W extends Destroyable> {
  /** The live window, created now if there is none (at first, or since the last one was destroyed). */
  get(): W
  /** The live window, or undefined: for work that must not open a window (pushes, hiding). */
  current(): W | undefined
}

/**
 * A slot that calls `create` whenever a window is wanted and none is alive. `gone` tells a window
 * that is no longer to be used (one closing, not yet destroyed); by default, a destroyed one.
 */
export function windowSlot<W extends Destroyable>(
  create: () => W,
  gone: (window: W) => boolean = (window) => window.isDestroyed(),
): WindowSlot<W> {
  let window: W | undefined
  const current = (): W | undefined => (window !== undefined && !gone(window) ? window : undefined)
  return {
    current,
    get: () => current() ?? (window = create()),
  }
}
