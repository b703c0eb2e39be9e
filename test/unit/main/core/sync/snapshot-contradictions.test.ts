// A snapshot whose open invites contradict its own sessions, or that holds another expert's
// sessions or messages: those rows are left out, and logged.
import { describe, expect, it } from 'vitest'
import {
  snapshotWithoutOthersRows,
  snapshotWithoutTakenInvites,
} from '../../../../../src/main/core/sync/snapshot-contradictions'
import {
  anInvite,
  aRequest,
  aMessage,
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

describe('snapshotWithoutOthersRows', () => {
  it("leaves out another expert's sessions and messages, and says which in the log", () => {
    const log = linesLogger()
    const ours = aSession({ id: 'ses_ada' })
    const ourMessage = aMessage({ id: 'msg_ada' })
    const snapshot = aSnapshot({
      sessions: [ours, aSession({ id: 'ses_bob', expertId: 'exp_bob' })],
      recentMessages: [ourMessage, aMessage({ id: 'msg_bob', expertId: 'exp_bob' })],
    })
    const checked = snapshotWithoutOthersRows(snapshot, log)
    expect(checked.left).toBe(2)
    expect(checked.snapshot.sessions).toEqual([ours])
    expect(checked.snapshot.recentMessages).toEqual([ourMessage])
    expect(log.lines).toEqual([
      expect.stringMatching(/^error .*session ses_bob .*another expert \(exp_bob\)/),
      expect.stringMatching(/^error .*message msg_bob .*another expert \(exp_bob\)/),
    ])
  })

  it('keeps a snapshot of its own expert only as it is', () => {
    const snapshot = aSnapshot({ sessions: [aSession()], recentMessages: [aMessage()] })
    expect(snapshotWithoutOthersRows(snapshot, linesLogger())).toEqual({ snapshot, left: 0 })
  })
})
