import { describe, expect, it } from 'vitest'
import { joinSnapshotParts } from '../../../../../src/main/core/sync/snapshot-parts'
import { anExpert, anInvite, aRequest, aSnapshot } from '../../../../support/fixtures'

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
