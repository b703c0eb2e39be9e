/**
 * How far from now a time in a command or request may lie. The schemas bound every time absolutely;
 * these rules are relative to the platform's clock, so the platform checks them when a command or
 * request arrives.
 */
const DAY_MS = 24 * 60 * 60_000
const YEAR_MS = 365 * DAY_MS

/** A span around now: how far back and how far ahead a time may be. */
export interface TimeWindow {
  readonly pastMs: number
  readonly futureMs: number
  /** What the time is, for the sentence that refuses it ("A proposed time"). */
  readonly what: string
  /** The window in words, for the same sentence ("within the next two years"). */
  readonly inWords: string
}

/** A client's proposed time for a scheduled session: a year back to two years ahead. */
export const PROPOSED_TIME_WINDOW: TimeWindow = {
  pastMs: YEAR_MS,
  futureMs: 2 * YEAR_MS,
  what: 'A proposed time',
  inWords: 'between a year ago and two years from now',
}

/** "Online until": the app offers the next occurrence of a time of day; a week leaves room for any clock. */
export const ONLINE_UNTIL_WINDOW: TimeWindow = {
  pastMs: 0,
  futureMs: 7 * DAY_MS,
  what: '"Online until"',
  inWords: 'within the next seven days',
}

/** Why `t` falls outside `window` around `now`, as a sentence to show; null when it is inside. */
export function outsideWindow(t: number, now: number, window: TimeWindow): string | null {
  if (t < now - window.pastMs || t > now + window.futureMs) {
    return `${window.what} must be ${window.inWords}.`
  }
  return null
}
