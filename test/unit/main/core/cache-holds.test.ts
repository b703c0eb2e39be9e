import { describe, expect, it } from 'vitest'
import { cacheHolds } from '../../../../src/main/core/cache-holds'
import { aSession, aSnapshot, anInvite, FIXTURE_NOW } from '../../../support/fixtures'
import { useFreshStores } from '../db/cache-test-kit'

describe('what the cache holds for a link or a notification’s press', () => {
  const freshStore = useFreshStores()

  it('an invite of the expert’s shown and since gone from the rows (a snapshot keeps open ones only) is still theirs; one never cached is not', () => {
    const { store } = freshStore()
    const shown = anInvite({ id: 'inv_shown' })
    const unseen = anInvite({ id: 'inv_unseen' })
    store.applySnapshot(
      aSnapshot({ cursor: 5, openInvites: [shown, unseen], sessions: [aSession({ id: 'ses_1' })] }),
    )
    store.markNotified([shown.id], FIXTURE_NOW)
    store.applySnapshot(aSnapshot({ cursor: 9, openInvites: [], sessions: [aSession({ id: 'ses_1' })] }))
    expect(store.invite(shown.id)).toBeNull()
    expect(cacheHolds(store, { inviteId: shown.id })).toBe(true)
    expect(cacheHolds(store, { inviteId: unseen.id })).toBe(false)
    expect(cacheHolds(store, { inviteId: 'inv_other_account' })).toBe(false)
    expect(cacheHolds(store, { sessionId: 'ses_1' })).toBe(true)
    expect(cacheHolds(store, { sessionId: 'ses_other_account' })).toBe(false)
    // A sign-out forgets which were shown with everything else.
    store.clear()
    expect(cacheHolds(store, { inviteId: shown.id })).toBe(false)
  })
})
