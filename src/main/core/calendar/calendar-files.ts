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

/** The names of the folders of Standby's calendar files old enough to remove at `now`. */
export function calendarFoldersToRemove(found: ReadonlyArray<FoundFolder>, now: number): string[] {
  return found
    .filter((f) => f.name.startsWith(CALENDAR_FOLDER_PREFIX) && now - f.modifiedAt >= CALENDAR_FILES_KEPT_MS)
    .map((f) => f.name)
}
