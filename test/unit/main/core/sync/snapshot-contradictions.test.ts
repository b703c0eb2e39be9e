// A snapshot whose open invites contradict its own sessions: those invites are left out, and logged.
import { describe, expect, it } from 'vitest'
import { snapshotWithoutTakenInvites } from '../../../../../src/main/core/sync/snapshot-contradictions'
import {
  anInvite,
  aRequest,
  aSession,
  aSnapshot,
  endedSession,
  FIXTURE_NOW,
} from '../../../../support/fixtures'
import { linesLogger } from '../../db/cache-test-kit'

describe('snapshotWithoutTakenInvites', () => {
  const taken = aRequest({ id: 'req_taken' })
  const session = endedSession(aSession({ id: 'ses_1', request: taken }), FIXTURE_NOW)

  it('leaves out an open invite to a request one of its sessions took, and says which in the log', () => {
    const log = linesLogger()
    const other = anInvite({ request: aRequest({ id: 'req_other' }) })
    const snapshot = aSnapshot({ openInvites: [anInvite({ request: taken }), other], sessions: [session] })
    const checked = snapshotWithoutTakenInvites(snapshot, log)
    expect(checked.left).toBe(1)
    expect(checked.snapshot.openInvites).toEqual([other])
    expect(log.lines).toEqual([expect.stringMatching(/request req_taken, which session ses_1/)])
  })

  it('keeps a snapshot with nothing to leave out as it is', () => {
    const snapshot = aSnapshot({
      openInvites: [anInvite({ request: aRequest({ id: 'req_other' }) })],
      sessions: [session],
    })
    expect(snapshotWithoutTakenInvites(snapshot, linesLogger())).toEqual({ snapshot, left: 0 })
  })
})
