import { describe, expect, it } from 'vitest'
import { JoinedParts, joinSnapshotParts, movesOn } from '../../../../../src/main/core/sync/snapshot-parts'
import { anExpert, anInvite, aMessage, aRequest, aSession, aSnapshot } from '../../../../support/fixtures'

describe('joining the parts of a snapshot', () => {
  it("keeps the first part's cursor and the later copy of an entity sent twice", () => {
    const invite = anInvite({ id: 'inv_1', request: aRequest({ id: 'req_1' }) })
    const other = anInvite({ id: 'inv_2', request: aRequest({ id: 'req_2' }) })
    const first = aSnapshot({
      openInvites: [invite],
      cursor: 10,
      cursorDigest: 'd10',
      next: { list: 'openInvites', id: 'inv_1' },
    })
    const newer = { ...invite, expiresAt: invite.expiresAt + 1 }
    const second = aSnapshot({
      expert: anExpert({ name: 'Renamed' }),
      openInvites: [newer, other],
      cursor: 12,
    })
    expect(joinSnapshotParts(first, second)).toEqual({
      ...first,
      next: undefined,
      expert: second.expert,
      openInvites: [newer, other],
    })
  })
})

describe('ids a snapshot sends twice', () => {
  it('notes each id sent again with other content, in one part or in two, and not one sent again the same', () => {
    const session = aSession({ id: 'ses_d', request: aRequest({ id: 'req_1' }) })
    const message = aMessage({ id: 'msg_d' })
    const invite = anInvite({ id: 'inv_1' })
    const joined = new JoinedParts(
      aSnapshot({
        openInvites: [invite, invite],
        sessions: [session, { ...session, request: aRequest({ id: 'req_2' }) }],
        recentMessages: [message],
      }),
    )
    joined.add(aSnapshot({ openInvites: [invite], recentMessages: [{ ...message, body: 'Other words' }] }))
    expect(joined.differing).toEqual([
      { what: 'session', id: 'ses_d' },
      { what: 'message', id: 'msg_d' },
    ])
    expect(joined.whole().recentMessages).toEqual([{ ...message, body: 'Other words' }])
  })
})

describe('whether a part moves the snapshot on', () => {
  it('moves on to a later id in the same list or to a later list, never back or in place', () => {
    const at = { list: 'sessions', id: 'ses_5' } as const
    expect(movesOn(at, { list: 'sessions', id: 'ses_6' })).toBe(true)
    expect(movesOn(at, { list: 'recentMessages', id: 'a' })).toBe(true)
    expect(movesOn(at, at)).toBe(false)
    expect(movesOn(at, { list: 'sessions', id: 'ses_4' })).toBe(false)
    expect(movesOn(at, { list: 'openInvites', id: 'z' })).toBe(false)
  })
})
