// The app's glyph, a dot inside a ring ("standing by"), at any scale: the app icon's drawing.
import type { Shape } from './raster'

/** The glyph, centred in a unit square: a ring and a dot with clear space between them. */
export function circleGlyph(scale = 1): Shape {
  const outer = 0.46 * scale
  const inner = 0.33 * scale
  const dot = 0.2 * scale
  return (x, y) => {
    const r = Math.hypot(x - 0.5, y - 0.5)
    return r <= dot || (r >= inner && r <= outer)
  }
}
