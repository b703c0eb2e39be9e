/**
 * A window whose page is gone stays on screen empty: Electron keeps the window when its renderer
 * crashes, is killed by the OS or runs out of memory, and when the page fails to load, and shows
 * nothing in it until the app loads it again. A page that hangs stays frozen just as long: Electron
 * only says so ('unresponsive'). A tray app runs for weeks, so its windows reload their page
 * themselves, within a bound, so a page that fails at once does not reload without end. A page
 * given up on is tried again when the expert next opens its window once the bound allows: the
 * popover is never built anew, and a moment of memory pressure would otherwise leave it empty for
 * the rest of the run.
 */
import type { RenderProcessGoneDetails, WebContents } from 'electron'
import { steadyNow, type Clock, type TimerHandle } from '../../shared/clock'
import type { Logger } from '../core/ports/logger'

/** How many reloads one page gets within RELOAD_WINDOW_MS; past that it is left as it is. */
export const MOST_RELOADS = 3
/** The span MOST_RELOADS counts over. */
export const RELOAD_WINDOW_MS = 60_000
/**
 * How long a page stays unresponsive before its renderer is restarted: long enough for a busy page
 * (a large catch-up, a machine waking from sleep) to answer again, which cancels it.
 */
export const HANG_BOUND_MS = 30_000

/** Chromium's net error for a load that was aborted (a new navigation took its place): no failure. */
const ERR_ABORTED = -3

/** For each page followed here, what tries it again if it was given up on (tryPageAgain). */
const retries = new WeakMap<object, () => boolean>()

/**
 * The expert opens the window of `contents`: a page left empty or frozen, its reloads spent, is
 * loaded afresh once a reload is within the bound again. Whether it was.
 */
export function tryPageAgain(contents: object): boolean {
  return retries.get(contents)?.() ?? false
}

/** What reloading a page needs. */
export interface PageRecoveryOptions {
  /** Names the window in log lines ("main", "popover"). */
  readonly name: string
  readonly clock: Clock
  readonly log: Logger
  /** The page is left empty or frozen, its reloads spent: it will not paint unless reloaded later. */
  readonly onGaveUp?: () => void
  /**
   * Whether the window's close went ahead: Electron destroys it only once its page has unloaded, and
   * a renderer lost meanwhile ends the close (Chromium stops waiting for the unload), not the page.
   */
  readonly closing?: () => boolean
}

/**
 * Reloads `contents` when its renderer is gone, its page failed to load or it stayed unresponsive
 * for HANG_BOUND_MS, at most MOST_RELOADS a minute.
 */
export function recoverLostPages(
  contents: Pick<WebContents, 'on' | 'isDestroyed' | 'reload' | 'forcefullyCrashRenderer'>,
  options: PageRecoveryOptions,
): void {
  const { name, clock, log } = options
  /** The page is not coming back: its window is destroyed or closing. */
  const gone = (): boolean => contents.isDestroyed() || (options.closing?.() ?? false)
  const reloads: number[] = []
  /** How the page was left when its reloads were spent, until it is loaded again. */
  let givenUp: 'empty' | 'frozen' | null = null
  /** Whether a reload is left within the bound. */
  const reloadLeft = (): boolean => {
    const now = steadyNow(clock)
    while (reloads.length > 0 && now - reloads[0]! >= RELOAD_WINDOW_MS) reloads.shift()
    return reloads.length < MOST_RELOADS
  }
  /** Whether a reload is left within the bound; when none is, says so and what to do. */
  const mayReload = (what: string, left: 'empty' | 'frozen'): boolean => {
    if (reloadLeft()) return true
    givenUp = left
    log.error(
      `The ${name} window's page ${what} again, ${MOST_RELOADS} times within a minute, so it is left ${left} ` +
        `until its window is opened after this minute. If it stays ${left}, quit Standby from the tray and ` +
        'start it again; if this keeps happening, send the log to support.',
    )
    options.onGaveUp?.()
    return false
  }
  const reload = (what: string): void => {
    if (gone() || !mayReload(what, 'empty')) return
    givenUp = null
    reloads.push(steadyNow(clock))
    log.warn(`The ${name} window's page ${what}; reloading it`)
    contents.reload()
  }
  let hang: TimerHandle | null = null
  const stopWaiting = (): void => {
    hang?.cancel()
    hang = null
  }
  contents.on('render-process-gone', (_event, details: RenderProcessGoneDetails) => {
    stopWaiting()
    // A clean exit is the window closing; everything else leaves the window empty.
    if (details.reason !== 'clean-exit') reload(`stopped (${details.reason})`)
  })
  // A hung renderer answers no reload: it is ended (Electron's way out of 'unresponsive'), and its
  // 'render-process-gone' reloads the page in a new one, counted as any other.
  contents.on('unresponsive', () => {
    if (gone()) return
    hang ??= clock.setTimeout(() => {
      hang = null
      const what = `did not answer for ${HANG_BOUND_MS / 1000} seconds`
      if (gone() || !mayReload(what, 'frozen')) return
      log.warn(`The ${name} window's page ${what}; restarting it`)
      contents.forcefullyCrashRenderer()
    }, HANG_BOUND_MS)
  })
  contents.on('responsive', () => {
    stopWaiting()
    if (givenUp === 'frozen') givenUp = null
  })
  contents.on('destroyed', stopWaiting)
  retries.set(contents, () => {
    if (givenUp === null || gone() || !reloadLeft()) return false
    const left = givenUp
    givenUp = null
    if (left === 'empty') {
      reload('was left empty and its window is opened')
      return true
    }
    // A hung renderer answers no reload: ended, its 'render-process-gone' reloads it (counted).
    log.warn(`The ${name} window's page was left frozen and its window is opened; restarting it`)
    contents.forcefullyCrashRenderer()
    return true
  })
  contents.on('did-fail-load', (_event, errorCode, errorDescription, _url, isMainFrame) => {
    if (isMainFrame && errorCode !== ERR_ABORTED) reload(`could not load (${errorDescription})`)
  })
}
