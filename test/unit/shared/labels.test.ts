import { describe, expect, it } from 'vitest'
import { inviteNotification } from '../../../src/main/core/sync/invite-notification'
import { renderFirstFrame } from '../../../src/renderer/first-frame/render-first-frame'
import { InviteReason } from '../../../src/shared/protocol'
import { presenceLabel } from '../../../src/shared/labels'
import {
  aFirstFrame,
  aRequest,
  aScheduledRequest,
  anExpert,
  anInvite,
  FIXTURE_NOW,
  MINUTE,
} from '../../support/fixtures'
import { inviteCardText } from '../../support/invite-card-text'

describe('an invite’s words', () => {
  const requests = [
    aRequest({ title: 'Hooks question' }),
    aScheduledRequest('req_s', FIXTURE_NOW + 60 * MINUTE, { title: 'Hooks question' }),
  ]

  it('are the same in its notification and on the card it opens', () => {
    for (const reason of InviteReason.options) {
      for (const request of requests) {
        const invite = anInvite({ reason, request })
        const notification = inviteNotification(invite, FIXTURE_NOW)
        const [kind, why] = notification.body.split('\n')[0]!.split(' · ')
        const card = inviteCardText(invite)
        expect(card).toContain(kind)
        expect(card).toContain(why)
        expect(card).toContain(request.title)
      }
    }
  })

  it('use typographic apostrophes', () => {
    for (const reason of InviteReason.options) {
      const invite = anInvite({ reason })
      expect(inviteNotification(invite, FIXTURE_NOW).body).not.toContain("'")
      expect(inviteCardText(invite)).not.toContain("'")
    }
  })
})

describe('the expert’s availability in words', () => {
  it('says why when a rule set it, and only the availability when the expert chose it', () => {
    expect(presenceLabel(anExpert({ availability: 'online' }))).toBe('Online')
    expect(
      presenceLabel(anExpert({ availability: 'away', availabilityCause: 'idle', idleMinutes: 10 })),
    ).toBe('Away — idle for 10 min')
    // Idle for hours before the app could say so (asleep, offline): hours, not hundreds of minutes.
    const idleFor = (idleMinutes: number): string =>
      presenceLabel(anExpert({ availability: 'away', availabilityCause: 'idle', idleMinutes }))
    expect([idleFor(59), idleFor(60), idleFor(125), idleFor(1440)]).toEqual([
      'Away — idle for 59 min',
      'Away — idle for 1 h',
      'Away — idle for 2 h 5 min',
      'Away — idle for 24 h',
    ])
    expect(presenceLabel(anExpert({ availability: 'away', availabilityCause: 'screen_locked' }))).toBe(
      'Away — screen locked',
    )
    expect(presenceLabel(anExpert({ availability: 'away', availabilityCause: 'online_until' }))).toBe(
      'Away — online time ended',
    )
    expect(presenceLabel(anExpert({ availability: 'busy', availabilityCause: 'session' }))).toBe(
      'Busy — in a session',
    )
    expect(presenceLabel(anExpert({ availability: 'away' }))).toBe('Away')
    expect(presenceLabel(anExpert({ availability: 'busy' }))).toBe('Busy')
    expect(presenceLabel(anExpert({ availability: 'offline' }))).toBe('Offline')
  })

  it('are what the window shows beside the expert’s name', () => {
    const expert = anExpert({ availability: 'away', availabilityCause: 'idle', idleMinutes: 10 })
    const page = renderFirstFrame(aFirstFrame({ expert, invites: { open: [], missed: [] }, upcoming: [] }))
    expect(page).toContain('Away — idle for 10 min')
  })
})
