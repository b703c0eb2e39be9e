/**
 * The OS's calendar app. Electron: the file written to a private temp file and opened with its
 * default app; Node (browser shell, tests): recorded, and the page downloads the file itself.
 */
import type { CalendarFile } from '../../../shared/calendar/ics'

/** Hands a calendar file to the OS. */
export interface CalendarOpener {
  /**
   * Open `file` with the OS's calendar app: true when it was handed over, false when this host
   * has no calendar app to hand it to (the page offers it as a download); rejects when the OS
   * could not open it.
   */
  open(file: CalendarFile): Promise<boolean>
}
