/**
 * What the recording adapters keep of their history. They stand in for the OS in the browser
 * shell as well as in tests, and the shell runs for days: each keeps the latest entries only,
 * far more than any test looks back on.
 */

/** How many entries of its history a recording adapter keeps. */
export const HISTORY_KEPT = 10_000

/** Add `entry` to `history`, letting the oldest go past `most`. */
export function record<T>(history: T[], entry: T, most: number = HISTORY_KEPT): void {
  history.push(entry)
  if (history.length > most) history.splice(0, history.length - most)
}

/** `list` with `entry` added last, the oldest let go past `most`. */
export function withLatest<T>(list: ReadonlyArray<T>, entry: T, most: number): T[] {
  return [...list, entry].slice(-most)
}
