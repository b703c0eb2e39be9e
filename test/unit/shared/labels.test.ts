import { describe, expect, it } from 'vitest'
import { inviteNotification } from '../../../src/main/core/sync/invite-notification'
import { renderFirstFrame } from '../../../src/renderer/first-frame/render-first-frame'
import { InviteReason, type Invite } from '../../../src/shared/protocol'
import {
  aFirstFrame,
  aRequest,
  aScheduledRequest,
  anExpert,
  anInvite,
  FIXTURE_NOW,
  MINUTE,
} from '../../support/fixtures'

// The card as the window renders it, with apostrophes as the page shows them.
function cardText(invite: Invite): string {
  return renderFirstFrame(
    aFirstFrame({ expert: anExpert(), invites: { open: [invite], missed: [] }, upcoming: [] }),
  )
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
}

describe('an invite’s words', () => {
  const requests = [
    aRequest({ title: 'Hooks question' }),
    aScheduledRequest('req_s', FIXTURE_NOW + 60 * MINUTE, { title: 'Hooks question' }),
  ]

  it('are the same in its notification and on the card it opens', () => {
    for (const reason of InviteReason.options) {
      for (const request of requests) {
        const invite = anInvite({ reason, request })
        const notification = inviteNotification(invite)
        const [kind, why] = notification.body.split('\n').at(-1)!.split(' · ')
        const card = cardText(invite)
        expect(card).toContain(kind)
        expect(card).toContain(why)
        expect(card).toContain(request.title)
      }
    }
  })

  it('use typographic apostrophes', () => {
    for (const reason of InviteReason.options) {
      const invite = anInvite({ reason })
      expect(inviteNotification(invite).body).not.toContain("'")
      expect(cardText(invite)).not.toContain("'")
    }
  })
})
