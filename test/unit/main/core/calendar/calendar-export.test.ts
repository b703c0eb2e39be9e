import { describe, expect, it, vi } from 'vitest'
import { exportSessionToCalendar } from '../../../../../src/main/core/calendar/calendar-export'
import type { CalendarFile } from '../../../../../src/shared/calendar/ics'
import type { Session } from '../../../../../src/shared/protocol'
import { anExpert, aSession, FIXTURE_NOW } from '../../../../support/fixtures'
import { recordingLog } from '../../../../support/recording-log'

const LOCAL = 'http://127.0.0.1:4455'

function exportOf(
  session: Session | null,
  options: { open?: (file: CalendarFile) => Promise<boolean>; calendar?: false; platformUrl?: string } = {},
) {
  const open = vi.fn(options.open ?? (async () => true))
  const log = recordingLog()
  const outcome = exportSessionToCalendar(
    {
      cache: { session: () => session, expert: () => anExpert() },
      platformUrl: options.platformUrl ?? LOCAL,
      now: FIXTURE_NOW,
      calendar: options.calendar === false ? undefined : { open },
      log,
    },
    session?.id ?? 'ses_gone',
  )
  return { outcome, open, log }
}

describe('exportSessionToCalendar', () => {
  it('hands the booked session to the calendar app with the room on the platform signed in to', async () => {
    const session = aSession({ id: 'ses_1', roomUrl: '/rooms/ses_1?key=k' })
    const { outcome, open } = exportOf(session)
    const result = await outcome
    expect(result.ok && result.result.opened).toBe(true)
    expect(open).toHaveBeenCalledTimes(1)
    const file = open.mock.calls[0]![0]
    expect(file.fileName).toBe('standby-session-ses_1.ics')
    expect(file.content).toContain(`URL:${LOCAL}/rooms/ses_1?key=k\r\n`)
    expect(file.content).toContain('METHOD:PUBLISH\r\n')
    expect(result.ok && result.result.content).toBe(file.content)
  })

  it('gives a cancelled session as a cancellation of the same event', async () => {
    const cancellation = {
      reason: 'client_absent',
      feeAssessedTo: 'client',
      cancelledAt: FIXTURE_NOW,
    } as const
    const result = await exportOf(aSession({ id: 'ses_1', state: 'cancelled', cancellation })).outcome
    expect(result.ok && result.result.content).toContain('METHOD:CANCEL\r\n')
    expect(result.ok && result.result.content).toContain('STATUS:CANCELLED\r\n')
  })

  it('leaves out a room on another site', async () => {
    const session = aSession({ roomUrl: 'https://evil.example/rooms/1' })
    const result = await exportOf(session, { platformUrl: 'https://platform.example' }).outcome
    expect(result.ok).toBe(true)
    expect(result.ok && result.result.content).not.toContain('evil.example')
  })

  it('returns the file unopened for a host without a calendar app, for the page to download', async () => {
    const result = await exportOf(aSession(), { calendar: false }).outcome
    expect(result.ok && result.result.opened).toBe(false)
    expect(result.ok && result.result.content).toMatch(/^BEGIN:VCALENDAR\r\n/)
  })

  it('says so, and logs why, when the calendar app does not open the file', async () => {
    const { outcome, log } = exportOf(aSession({ id: 'ses_1' }), {
      open: async () => {
        throw new Error('no application for .ics')
      },
    })
    const result = await outcome
    expect(!result.ok && result.error.message).toMatch(/calendar app/)
    expect(log.lines.some((l) => l.includes('ses_1') && l.includes('no application'))).toBe(true)
  })

  it('refuses a session the cache does not hold, and one already started', async () => {
    const missing = await exportOf(null).outcome
    expect(!missing.ok && missing.error.code).toBe('not_found')
    const live = await exportOf(aSession({ state: 'live' })).outcome
    expect(!live.ok && live.error.code).toBe('invalid_state')
  })
})
