/**
 * "Add to calendar": a cached booked (or cancelled) session as an .ics file, handed to the OS's
 * calendar app when the host has one, and always returned so a page without one can download it.
 * The room's URL goes in only when it is a page of the platform signed in to (platform-page.ts).
 */
import { sessionCalendarFile } from '../../../shared/calendar/ics'
import type { CalendarExport } from '../../../shared/ipc/contract'
import type { CacheStore } from '../ports/cache-store'
import type { CalendarOpener } from '../ports/calendar-opener'
import type { Logger } from '../ports/logger'
import { platformPage } from '../rooms/platform-page'
import { errorMessage } from '../../../shared/error-message'

/** What the export reads: the cache, the platform signed in to, the platform's time, the host's calendar. */
export interface CalendarExportDeps {
  readonly cache: Pick<CacheStore, 'session' | 'expert'>
  readonly platformUrl: string | null
  readonly now: number
  /** Absent for a host without a calendar app. */
  readonly calendar: CalendarOpener | undefined
  readonly log: Logger
}

/** Build the calendar file of a cached session and hand it to the host's calendar app. */
export async function exportSessionToCalendar(
  deps: CalendarExportDeps,
  sessionId: string,
): Promise<CalendarExport> {
  const { cache, platformUrl, log } = deps
  const session = cache.session(sessionId)
  if (session === null) {
    return refused(
      'not_found',
      'This session is not in Standby’s list (any more); it cannot be added to a calendar.',
    )
  }
  if (session.state !== 'booked' && session.state !== 'cancelled') {
    return refused(
      'invalid_state',
      'Only a booked session (or a cancelled one, to remove it) goes to the calendar; this one has already started.',
    )
  }
  const page =
    session.roomUrl === null || platformUrl === null ? null : platformPage(session.roomUrl, platformUrl)
  const expert = cache.expert()
  const file = sessionCalendarFile({
    session,
    now: deps.now,
    roomUrl: page?.ok === true ? page.url : null,
    ...(expert === null ? {} : { organizer: { name: expert.name, email: expert.email } }),
  })
  if (deps.calendar === undefined) return { ok: true, result: { ...file, opened: false } }
  try {
    const opened = await deps.calendar.open(file)
    log.info(`Handed session ${session.id} to the calendar app (${file.fileName})`)
    return { ok: true, result: { ...file, opened } }
  } catch (error) {
    const reason = errorMessage(error)
    log.warn(`The calendar app did not open session ${session.id}: ${reason}`)
    return refused(
      'internal',
      'The calendar file did not open: check that a calendar app is set to open .ics files, then try Add to calendar again.',
    )
  }
}

function refused(code: 'not_found' | 'invalid_state' | 'internal', message: string): CalendarExport {
  return { ok: false, error: { code, message } }
}
