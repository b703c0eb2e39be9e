/**
 * The earnings chart's geometry: one bar per week from a shared zero line, up for what was earned
 * and down for a week whose fees paid outweighed it, scaled so the largest bar fills the plot.
 */

/** The plot's size in SVG user units. */
export interface PlotSize {
  readonly width: number
  readonly height: number
  /** Space between bars. */
  readonly gap: number
}

/** One bar, in SVG user units. */
export interface ChartBar {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
  readonly negative: boolean
}

/** The bars for `values` and where the zero line is. */
export function barLayout(
  values: ReadonlyArray<number>,
  size: PlotSize,
): { readonly bars: ReadonlyArray<ChartBar>; readonly zeroY: number } {
  const top = Math.max(0, ...values)
  const bottom = Math.min(0, ...values)
  // An all-zero chart still draws its zero line at the bottom.
  const span = top - bottom || 1
  const zeroY = (top / span) * size.height
  const slot = values.length === 0 ? 0 : size.width / values.length
  const width = Math.max(1, slot - size.gap)
  const bars = values.map((value, i) => {
    const height = (Math.abs(value) / span) * size.height
    return {
      x: i * slot + (slot - width) / 2,
      y: value >= 0 ? zeroY - height : zeroY,
      width,
      height,
      negative: value < 0,
    }
  })
  return { bars, zeroY: top === 0 && bottom === 0 ? size.height : zeroY }
}
