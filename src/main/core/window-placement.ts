/**
 * Where the full window opens: where and as large as the expert last left it, as long as that
 * place is still on a screen. The window is closed to the tray many times a day and built anew
 * each time it is wanted, so without this it would forget a size the expert chose at every reopen.
 */
import { z } from 'zod'
import { errorMessage } from '../../shared/error-message'
import type { WindowSize } from '../../shared/window-sizes'
import type { Logger } from './ports/logger'
import type { SettingsStore } from './ports/settings'

/** A rectangle on the desktop, in the screen's coordinates (device-independent pixels). */
export interface DesktopRect {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

// Far beyond any desktop, yet well inside what Electron takes as a window's position and size.
const COORDINATE = z.number().int().min(-1_000_000).max(1_000_000)
const LENGTH = z.number().int().min(1).max(1_000_000)

/** The full window's place as it was last closed: its normal (unmaximized) bounds, and whether it was maximized. */
export const SavedWindowPlace = z.strictObject({
  x: COORDINATE,
  y: COORDINATE,
  width: LENGTH,
  height: LENGTH,
  maximized: z.boolean(),
})
/** The full window's place as it was last closed. */
export type SavedWindowPlace = z.infer<typeof SavedWindowPlace>

/** Where to open the window, and whether to maximize it once it shows. */
export interface WindowPlace {
  readonly bounds: DesktopRect
  readonly maximized: boolean
}

/**
 * How much of the window's top edge, its title bar, must be on a screen for the expert to grab
 * it: less, and the window opened where it was could not be moved back by hand.
 */
export const REACHABLE_TITLE_BAR = { width: 80, height: 24 } as const

/**
 * The place to open the full window at, from `saved` (null: never closed yet) and the work areas
 * of the screens attached now (the first is the primary one). Null means Electron's own place for a
 * new window. A size larger than the screen it opens on is cut to that screen; a place no longer
 * on any screen (a monitor unplugged, a resolution lowered) keeps its size and opens centred on
 * the primary screen.
 */
export function placeWindow(
  saved: SavedWindowPlace | null,
  workAreas: ReadonlyArray<DesktopRect>,
  least: WindowSize,
): WindowPlace | null {
  const screens = usableScreens(workAreas)
  const primary = screens[0]
  if (saved === null || primary === undefined) return null
  const home = screens.find((area) => titleBarReachable(saved, area))
  const area = home ?? primary
  const width = Math.max(least.width, Math.min(saved.width, area.width))
  const height = Math.max(least.height, Math.min(saved.height, area.height))
  const bounds =
    home === undefined
      ? {
          // On a screen smaller than the least window, its top left corner stays on the screen.
          x: area.x + Math.max(0, Math.round((area.width - width) / 2)),
          y: area.y + Math.max(0, Math.round((area.height - height) / 2)),
          width,
          height,
        }
      : {
          x: saved.x,
          y: within(saved.y, area.y, area.y + area.height - REACHABLE_TITLE_BAR.height),
          width,
          height,
        }
  return { bounds, maximized: saved.maximized }
}

/**
 * Where to move a window open now at `bounds` (its normal bounds), or null while its title bar is
 * on a screen attached now. A screen taken away under a window (a monitor unplugged, a laptop
 * undocked) leaves it where nobody can reach it wherever the OS or window manager does not move
 * it; the window goes where a saved place off every screen opens (placeWindow), in whole pixels.
 */
export function placeOffScreenWindow(
  bounds: DesktopRect,
  workAreas: ReadonlyArray<DesktopRect>,
  least: WindowSize,
): DesktopRect | null {
  const screens = usableScreens(workAreas)
  if (screens.length === 0 || screens.some((area) => titleBarReachable(bounds, area))) return null
  const whole = (value: number): number => Math.round(value)
  const saved = {
    x: whole(bounds.x),
    y: whole(bounds.y),
    width: whole(bounds.width),
    height: whole(bounds.height),
  }
  const placed = placeWindow({ ...saved, maximized: false }, screens, least)?.bounds
  return placed === undefined
    ? null
    : { x: whole(placed.x), y: whole(placed.y), width: whole(placed.width), height: whole(placed.height) }
}

/** The screens that offer a place: one reported with no area (being attached or detached as Standby asks) offers none. */
function usableScreens(workAreas: ReadonlyArray<DesktopRect>): DesktopRect[] {
  return workAreas.filter(
    (area) =>
      [area.x, area.y, area.width, area.height].every(Number.isFinite) && area.width > 0 && area.height > 0,
  )
}

/** Whether enough of the top edge of `window` lies inside `area` to grab and move it. */
function titleBarReachable(window: DesktopRect, area: DesktopRect): boolean {
  const left = Math.max(window.x, area.x)
  const right = Math.min(window.x + window.width, area.x + area.width)
  const top = window.y
  return (
    right - left >= REACHABLE_TITLE_BAR.width &&
    top >= area.y - REACHABLE_TITLE_BAR.height &&
    top + REACHABLE_TITLE_BAR.height <= area.y + area.height
  )
}

function within(value: number, least: number, most: number): number {
  return Math.min(Math.max(value, least), most)
}

/**
 * Keep `place` for the window's next opening. Written only when it moved: the window closes to
 * the tray many times a day. A place the settings refuse (a window dragged far beyond any
 * desktop) is logged and the one kept before stays.
 */
export function keepWindowPlace(
  settings: Pick<SettingsStore, 'get' | 'update'>,
  place: SavedWindowPlace,
  log: Logger,
): void {
  const kept = settings.get().mainWindowPlace
  if (
    kept !== null &&
    (Object.keys(place) as Array<keyof SavedWindowPlace>).every((key) => kept[key] === place[key])
  )
    return
  try {
    settings.update({ mainWindowPlace: place })
  } catch (error) {
    log.warn(
      `Could not keep where the window was, so it opens where it opened before: ${errorMessage(error)}`,
    )
  }
}
