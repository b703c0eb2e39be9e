/**
 * The hour the clocks go back: its wall-clock times happen twice, so "Sun 1 Nov, 1:30" names two
 * moments an hour apart, and a client's two proposed times (or a session and its reminder) would
 * read the same. A time written in such an hour carries its zone's name ("1:30 EDT", "1:30 EST").
 * A time in the hour skipped when the clocks go forward needs nothing: no moment is written so.
 */
import { offsetAt, wallClockFormat } from './zone-offset'

/** Long enough to reach past any change of offset around a moment, short enough to never span two. */
const AROUND_MS = 12 * 60 * 60_000
/** The furthest moment a Date holds, either way. */
const LATEST_MS = 8.64e15
/** Grid readings kept: some years of every zone a list shows, in little memory. */
const GRID_POINTS_KEPT = 20_000

const gridOffsets = new Map<string, number>()

/** The zone's offset at `t`, a point of the grid, read once and kept (up to a bound). */
function gridOffset(timeZone: string, format: Intl.DateTimeFormat, t: number): number {
  const key = `${timeZone} ${t}`
  let offset = gridOffsets.get(key)
  if (offset === undefined) {
    offset = offsetAt(format, t)
    if (gridOffsets.size >= GRID_POINTS_KEPT) gridOffsets.clear()
    gridOffsets.set(key, offset)
  }
  return offset
}

/**
 * Whether the wall-clock time of `t` in `timeZone` (an IANA name, as an Intl format resolved it)
 * also names another moment, in the hour the clocks go back. False for a zone this computer does
 * not know and for a moment no Date holds.
 */
export function inRepeatedHour(t: number, timeZone: string): boolean {
  // Beyond what a Date holds (with the span around it), no wall clock can be read.
  if (!(Math.abs(t) <= LATEST_MS - 2 * AROUND_MS)) return false
  const format = wallClockFormat(timeZone)
  if (format === null) return false
  // Reading a wall clock is slow and a list writes many times: most moments are told apart by two
  // readings on a fixed grid, kept, when the offset is the same on both sides of them.
  const from = Math.floor((t - AROUND_MS / 2) / AROUND_MS) * AROUND_MS
  if (gridOffset(timeZone, format, from) === gridOffset(timeZone, format, from + 2 * AROUND_MS)) return false
  const here = offsetAt(format, t)
  for (const other of [offsetAt(format, t - AROUND_MS), offsetAt(format, t + AROUND_MS)]) {
    // The moment whose wall clock reads the same under the other offset, if the zone has it then.
    if (other !== here && offsetAt(format, t + here - other) === other) return true
  }
  return false
}
