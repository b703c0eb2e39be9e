/**
 * The calendar app in plain Node (browser shell, tests): there is no calendar app to hand a file
 * to, so each file is kept and one line printed; the page, which receives the file in the answer,
 * offers it as a download instead.
 */
import type { CalendarFile } from '../../../shared/calendar/ics'
import type { CalendarOpener } from '../../core/ports/calendar-opener'
import { record } from './recorded-history'
import type { LineOutput } from './recording-notifier'

/** A CalendarOpener that remembers what it was given. */
export interface RecordingCalendar extends CalendarOpener {
  /** The files given so far, oldest first: the latest HISTORY_KEPT. */
  readonly files: ReadonlyArray<CalendarFile>
}

/** A calendar that records and prints; it answers false, so the page downloads the file. */
export function createRecordingCalendar(options: { readonly out?: LineOutput } = {}): RecordingCalendar {
  const files: CalendarFile[] = []
  return {
    files,
    open(file) {
      record(files, file)
      options.out?.write(`[calendar] Download ${file.fileName} from the page to add it to your calendar\n`)
      return Promise.resolve(false)
    },
  }
}
