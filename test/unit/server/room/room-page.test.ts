import { describe, expect, it } from 'vitest'
import { renderRoomPage } from '../../../../server/src/room/room-page'
import type { Cancellation } from '../../../../src/shared/protocol'
import { aSession } from '../../../support/fixtures'

describe('the room page’s times', () => {
  it('names the zone of each time, so the two showings of a repeated hour read apart', () => {
    // 2026-11-01 in New York: 01:30 EDT, then an hour later 01:30 EST.
    const page = (bookedStart: number): string =>
      renderRoomPage({ session: aSession({ bookedStart }), thread: [], timeZone: 'America/New_York' })
    const first = page(Date.UTC(2026, 10, 1, 5, 30))
    const second = page(Date.UTC(2026, 10, 1, 6, 30))
    expect(first).toContain('booked for 1 Nov 2026, 01:30 GMT-4')
    expect(second).toContain('booked for 1 Nov 2026, 01:30 GMT-5')
  })

  it('writes a half- or quarter-hour zone with its offset named', () => {
    const html = renderRoomPage({
      session: aSession({ bookedStart: Date.UTC(2026, 0, 10, 3, 15) }),
      thread: [],
      timeZone: 'Asia/Kathmandu',
    })
    expect(html).toContain('booked for 10 Jan 2026, 09:00 GMT+5:45')
  })
})

describe('the room page of a cancelled session', () => {
  const cancelled = (cancellation: Cancellation): string =>
    renderRoomPage({
      session: aSession({ state: 'cancelled', cancellation }),
      thread: [],
      timeZone: 'Europe/Berlin',
    })
  const at = Date.UTC(2026, 0, 10, 9)

  it.each([
    { by: 'client', reason: 'client_cancelled', says: 'cancelled by the client' },
    { by: 'expert', reason: 'expert_cancelled', says: 'cancelled by you' },
  ] as const)('says a session the $by cancelled was cancelled by them', ({ by, reason, says }) => {
    const page = cancelled({ reason, by, feeAssessedTo: null, cancelledAt: at })
    expect(page).toContain(says)
    expect(page).not.toContain('did not join')
  })

  it('says the platform cancelled a session for an absence', () => {
    const absent = cancelled({ reason: 'client_absent', feeAssessedTo: 'client', cancelledAt: at })
    expect(absent).toContain('cancelled by the platform: a party did not join in time')
  })
})
