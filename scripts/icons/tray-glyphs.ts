// The tray's pictures, one per state of src/main/core/tray/tray-icon-state.ts: the app's "standing
// by" glyph (a dot inside a ring) changed so each state reads at 16 px without colour, since
// macOS template images are black and alpha only.
import type { TrayIconState } from '../../src/main/core/tray/tray-icon-state'
import { disc, minus, ring, stroke, union, type Layer, type Rgb, type Shape } from './raster'

/** The colours of a picture: its glyph, and the corner mark of an invite or silenced notifications. */
export interface TrayPalette {
  readonly glyph: Rgb
  readonly mark: Rgb
}

const BLACK: Rgb = [0, 0, 0]
const BLUE: Rgb = [31, 111, 235]
const AMBER: Rgb = [212, 140, 20]
const RED: Rgb = [207, 34, 46]
const ORANGE: Rgb = [251, 100, 0]
// Mid grey reads on light and dark taskbars alike.
const GREY: Rgb = [128, 134, 142]

/** macOS: the system tints the template image for the menu bar, so everything is black. */
export const TEMPLATE_PALETTE = (): TrayPalette => ({ glyph: BLACK, mark: BLACK })

/** Windows and Linux: the colour says the state before the shape does. */
export function colourPalette(state: TrayIconState): TrayPalette {
  const glyph: Record<TrayIconState, Rgb> = {
    online: BLUE,
    away: AMBER,
    busy: RED,
    invite: BLUE,
    reconnecting: GREY,
    offline: GREY,
    'signed-out': GREY,
    silenced: BLUE,
  }
  return { glyph: glyph[state], mark: state === 'silenced' ? AMBER : ORANGE }
}

const outline = ring(0.5, 0.5, 0.33, 0.46)
const dot = disc(0.5, 0.5, 0.2)
const standingBy = union(outline, dot)
/** The corner the marks take: the glyph is cut away around them so they stand apart. */
const corner = disc(0.8, 0.2, 0.28)

/** The outline broken into eight arcs: a link that is coming and going. */
const dashedOutline: Shape = (x, y) => {
  const turn = (Math.atan2(y - 0.5, x - 0.5) / (2 * Math.PI) + 1) % 1
  return outline(x, y) && Math.floor(turn * 16) % 2 === 0
}

const slash = stroke(0.2, 0.2, 0.8, 0.8, 0.06)
const shapes: Record<TrayIconState, { glyph: Shape; mark?: Shape }> = {
  online: { glyph: standingBy },
  // A crescent: the dot half in shadow.
  away: { glyph: union(outline, minus(dot, disc(0.62, 0.4, 0.17))) },
  // A bar across the middle, as "do not disturb" signs have.
  busy: { glyph: union(outline, stroke(0.36, 0.5, 0.64, 0.5, 0.085)) },
  invite: { glyph: minus(standingBy, corner), mark: disc(0.8, 0.2, 0.19) },
  reconnecting: { glyph: union(dashedOutline, dot) },
  // Struck through, with the outline parted where the stroke crosses it.
  offline: { glyph: union(minus(outline, stroke(0.2, 0.2, 0.8, 0.8, 0.13)), slash) },
  // The outline alone: nobody is standing by.
  'signed-out': { glyph: outline },
  // A stroke in the corner: the glyph is there, the sound is off.
  silenced: { glyph: minus(standingBy, corner), mark: stroke(0.68, 0.08, 0.92, 0.32, 0.07) },
}

/** The layers of one state's picture in one palette. */
export function trayGlyph(state: TrayIconState, palette: TrayPalette): ReadonlyArray<Layer> {
  const { glyph, mark } = shapes[state]
  return [
    { shape: glyph, color: palette.glyph },
    ...(mark === undefined ? [] : [{ shape: mark, color: palette.mark }]),
  ]
}

/** The taskbar overlay of Windows while invites wait: the invite's corner mark, on its own. */
export const OVERLAY_MARK: ReadonlyArray<Layer> = [{ shape: disc(0.5, 0.5, 0.42), color: ORANGE }]
