// The platform's refusals of a booking reach the expert as the card's error line says them, and a
// decline's reason travels from the window through the core to the platform.
import { describe, expect, it } from 'vitest'
import { fromCommand } from '../../../../src/renderer/logic/action-result'
import { adminFetch } from '../../../support/admin-api'
import { bookScheduled } from '../../../support/booking'
import { useCleanup } from '../../../support/cleanup'
import { inviteTitled, startOnlineCore } from '../../../support/test-core'
import type { TestPlatform } from '../../../support/test-platform'

const MINUTE = 60_000

/** A scheduled request to `expertId` alone at `times`. */
function requestAt(platform: TestPlatform, expertId: string, title: string, times: number[]): void {
  platform.server.marketplace.createRequest({
    clientId: platform.addClient(),
    title,
    kind: 'scheduled',
    proposedTimes: times,
    expectedDurationMinutes: 60,
    direct: { expertId, via: 'dashboard' },
  })
}

describe('booking and declining through the core', () => {
  const defer = useCleanup()

  it('a time that overlaps a booked session is refused with the session named, as the card says it', async () => {
    const { platform, expert, core } = await startOnlineCore(defer)
    const start = platform.clock.now() + 24 * 60 * MINUTE
    bookScheduled(platform, {
      expertId: expert.id,
      clientId: platform.addClient(),
      title: 'Tax return review',
      start,
    })
    requestAt(platform, expert.id, 'Second opinion', [start + 15 * MINUTE])
    const invite = await inviteTitled(core, 'Second opinion')

    const outcome = await core.runtime.api['invites.accept']({
      inviteId: invite.id,
      proposedTime: start + 15 * MINUTE,
    })
    expect(outcome).toMatchObject({ ok: false, error: { code: 'conflict' } })
    const line = fromCommand('book', { ok: true, value: outcome })
    expect(line).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^Could not book: that time overlaps your session “Tax return review” at /,
      ),
    })
    // The invite stays open: the expert can still book another time or decline it.
    expect(core.runtime.cache.openInvites(core.runtime.core.platformClock.now()).map((i) => i.id)).toContain(
      invite.id,
    )
  })

  it('a time already past by the platform’s clock is refused as passed', async () => {
    const { platform, expert, core } = await startOnlineCore(defer)
    const soon = platform.clock.now() + 5 * MINUTE
    requestAt(platform, expert.id, 'Quick look', [soon, soon + 60 * MINUTE])
    const invite = await inviteTitled(core, 'Quick look')
    platform.clock.advance(5 * MINUTE)
    const outcome = await core.runtime.api['invites.accept']({ inviteId: invite.id, proposedTime: soon })
    expect(outcome).toMatchObject({ ok: false, error: { code: 'time_passed' } })
  })

  it('a decline from the window carries the reason the expert chose to the platform', async () => {
    const { platform, expert, core } = await startOnlineCore(defer)
    requestAt(platform, expert.id, 'Cobol port', [platform.clock.now() + 60 * MINUTE])
    const invite = await inviteTitled(core, 'Cobol port')
    const outcome = await core.runtime.api['invites.decline']({
      inviteId: invite.id,
      reason: 'unclear_request',
    })
    expect(outcome).toMatchObject({ ok: true })
    const recorded = await (await adminFetch(platform.server, 'GET', `/admin/invites/${invite.id}`)).json()
    expect(recorded).toMatchObject({ invite: { state: 'declined' }, declineReason: 'unclear_request' })
  })
})
