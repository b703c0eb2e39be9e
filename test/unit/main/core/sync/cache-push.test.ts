// What a `cache.changed` push carries after a batch: the touched entities as the cache now holds them.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cacheChangeOf } from '../../../../../src/main/core/sync/cache-push'
import { CacheChange, MOST_CHANGED } from '../../../../../src/shared/ipc/contract'
import type { PlatformEvent } from '../../../../../src/shared/protocol'
import {
  aMessage,
  anExpert,
  anInvite,
  aRequest,
  aSession,
  expertUpdated,
  FIXTURE_NOW,
  inviteClosed,
  inviteCreated,
  messageCreated,
  sessionUpdated,
} from '../../../../support/fixtures'
import { storeFactory, useTempDirs } from '../../db/cache-test-kit'

const tempDir = useTempDirs()
const openStore = storeFactory()

/** A cache holding the expert, with `events` applied; the push for them. */
function pushFor(
  events: ReadonlyArray<PlatformEvent>,
  version = 7,
  now = FIXTURE_NOW,
  held: ReadonlyArray<PlatformEvent> = [],
): CacheChange {
  const { store } = openStore(join(tempDir(), 'cache.db'))
  store.applyEvents([expertUpdated(1, anExpert()), ...held])
  const { applied } = store.applyEvents(events)
  return cacheChangeOf({ kind: 'events', events: applied }, store, version, now)
}

describe('the cache.changed push', () => {
  it('carries an invite created and closed in one batch as the cache holds it after the batch', () => {
    const invite = anInvite({ id: 'inv_1' })
    const change = pushFor([inviteCreated(2, invite), inviteClosed(3, 'inv_1', 'taken')])
    expect(change).toEqual({
      version: 7,
      full: false,
      invites: [{ ...invite, state: 'taken' }],
      sessions: [],
      messages: [],
    })
    expect(CacheChange.safeParse(change).success).toBe(true)
  })

  it('carries only the message for a chat message, and the expert only when it changed', () => {
    const message = aMessage()
    // The message's thread is an invite the cache held before.
    const thread = inviteCreated(2, anInvite({ request: aRequest({ id: message.requestId }) }))
    expect(pushFor([messageCreated(3, message)], 7, FIXTURE_NOW, [thread])).toEqual({
      version: 7,
      full: false,
      invites: [],
      sessions: [],
      messages: [message],
    })
    const busy = anExpert({ availability: 'busy' })
    const session = aSession()
    const change = pushFor([sessionUpdated(2, session), expertUpdated(3, busy)])
    expect(change).toMatchObject({ expert: busy, sessions: [session], invites: [] })
  })

  it('carries an invite whose time ran out by the platform’s clock as expired, though the platform still calls it open', () => {
    const invite = anInvite({ id: 'inv_1' })
    const change = pushFor([inviteCreated(2, invite)], 7, invite.expiresAt)
    expect(change.invites).toEqual([{ ...invite, state: 'expired' }])
  })

  it('says full for a snapshot and for a batch larger than a push may carry', () => {
    const { store } = openStore(join(tempDir(), 'other.db'))
    expect(cacheChangeOf({ kind: 'replaced' }, store, 1, FIXTURE_NOW)).toMatchObject({
      version: 1,
      full: true,
    })
    const many = Array.from({ length: MOST_CHANGED + 1 }, (_, i) =>
      inviteCreated(i + 2, anInvite({ id: `inv_${i}`, request: aRequest({ id: `req_${i}` }) })),
    )
    expect(pushFor(many)).toEqual({ version: 7, full: true, invites: [], sessions: [], messages: [] })
  })
})
