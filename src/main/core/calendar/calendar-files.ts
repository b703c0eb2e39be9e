/**
 * Which of the calendar files handed to the OS are done with. Each goes in a private folder of its
 * own under the temp folder; the OS's calendar app reads it some moments after the hand-over (a
 * slow one, or one that asks first, much later), so a folder is removed only once it is this old:
 * at start (what earlier runs left) and after each hand-over, so they never pile up.
 */

/** How the name of a calendar file's folder begins. */
export const CALENDAR_FOLDER_PREFIX = 'standby-calendar-'

/** How long a calendar file is kept after it was written: time for any calendar app to read it. */
export const CALENDAR_FILES_KEPT_MS = 60 * 60_000

/** A folder found in the temp folder, with when it was last written. */
export interface FoundFolder {
  readonly name: string
  readonly modifiedAt: number
}

/** What a sweep does with the calendar folders it found. */
export interface CalendarSweep {
  /** Old enough that no calendar app still reads them. */
  readonly remove: ReadonlyArray<string>
  /**
   * Dated after `now`: written while the clock ran ahead, by this run or an earlier one, so how old
   * they are cannot be told. Dated `now` instead, they are kept the full time from here and then
   * removed like any other; left as they were, they would never be old enough.
   */
  readonly redate: ReadonlyArray<string>
}

/** What to do at `now` with the folders found: Standby's old ones removed, its future-dated ones dated now. */
export function planCalendarSweep(found: ReadonlyArray<FoundFolder>, now: number): CalendarSweep {
  const ours = found.filter((f) => f.name.startsWith(CALENDAR_FOLDER_PREFIX))
  return {
    remove: ours.filter((f) => now - f.modifiedAt >= CALENDAR_FILES_KEPT_MS).map((f) => f.name),
    redate: ours.filter((f) => f.modifiedAt > now).map((f) => f.name),
  }
}
