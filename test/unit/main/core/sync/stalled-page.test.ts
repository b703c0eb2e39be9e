import { describe, expect, it } from 'vitest'
import { parseReplayPage, type ReplayPage } from '../../../../../src/main/core/connection/replay-page'
import { StreamNotFollowable } from '../../../../../src/main/core/sync/snapshot-assembly'
import { stalledPage } from '../../../../../src/main/core/sync/stalled-page'

/** A page after event 4, with `events` and more to come. */
function pageOf(events: unknown[]): Extract<ReplayPage, { kind: 'events' }> {
  const page = parseReplayPage({ kind: 'events', events, latestId: 9, hasMore: true }, { error: () => {} })
  if (page.kind !== 'events') throw new Error('not a page of events')
  return page
}

describe('a page that moved the cache nowhere', () => {
  it('from a platform ahead of this version (kinds of events it does not know): stops, and says to update', () => {
    const error = stalledPage(pageOf([{ type: 'payout.sent', ref: 'p_1' }]), 4)
    expect(error).toBeInstanceOf(StreamNotFollowable)
    expect(error.message).toMatch(/kinds of events this version of Standby does not know. Update Standby/)
  })

  it('with malformed events: blames the platform, says to tell its support, and is tried again', () => {
    for (const garbage of [{ type: 'invite.created', id: 'five' }, { payload: {} }, 'junk', null]) {
      const error = stalledPage(pageOf([{ type: 'payout.sent' }, garbage]), 4)
      expect(error).not.toBeInstanceOf(StreamNotFollowable)
      expect(error.message).toMatch(/after event 4 that are malformed .* tell the platform's support/)
      expect(error.message).not.toMatch(/[Uu]pdate Standby/)
    }
  })

  it('with no events past the cursor though more follow: is tried again, since the platform can mend it', () => {
    const error = stalledPage(pageOf([]), 4)
    expect(error).not.toBeInstanceOf(StreamNotFollowable)
    expect(error.message).toMatch(/events after event 4 but sent none/)
  })
})
