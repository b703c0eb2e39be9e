// A snapshot whose open invites contradict its own sessions, or that holds another expert's
// sessions or messages, or two sessions or open invites for one request: those rows are left out,
// and logged.
import { describe, expect, it } from 'vitest'
import {
  snapshotWithOnePerRequest,
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

describe('snapshotWithOnePerRequest', () => {
  const request = aRequest({ id: 'req_1' })
  const none = { invite: () => false, session: () => false }

  it('keeps the session updated last, and the first of those that tie', () => {
    const log = linesLogger()
    const first = aSession({ id: 'ses_a', request, updatedAt: FIXTURE_NOW })
    const tied = { ...first, id: 'ses_b' }
    const last = { ...first, id: 'ses_c', updatedAt: FIXTURE_NOW + 1 }
    expect(
      snapshotWithOnePerRequest(aSnapshot({ sessions: [first, tied] }), log, none).snapshot.sessions,
    ).toEqual([first])
    const checked = snapshotWithOnePerRequest(aSnapshot({ sessions: [first, last, tied] }), log, none)
    expect(checked.snapshot.sessions).toEqual([last])
    expect(checked.left).toBe(2)
    expect(log.lines).toContainEqual(
      expect.stringMatching(/Left session ses_a .* request req_1, as session ses_c/),
    )
  })

  it('keeps the session the cache holds, though another was updated later', () => {
    const held = aSession({ id: 'ses_held', request, updatedAt: FIXTURE_NOW })
    const later = { ...held, id: 'ses_later', updatedAt: FIXTURE_NOW + 1 }
    const cached = { ...none, session: (id: string): boolean => id === held.id }
    const checked = snapshotWithOnePerRequest(aSnapshot({ sessions: [later, held] }), linesLogger(), cached)
    expect(checked.snapshot.sessions).toEqual([held])
    expect(checked.left).toBe(1)
  })

  it('keeps the open invite the cache holds, else the one sent first', () => {
    const early = anInvite({ id: 'inv_early', request, sentAt: FIXTURE_NOW - 1 })
    const late = { ...early, id: 'inv_late', sentAt: FIXTURE_NOW }
    const snapshot = aSnapshot({ openInvites: [late, early] })
    expect(snapshotWithOnePerRequest(snapshot, linesLogger(), none).snapshot.openInvites).toEqual([early])
    const held = { ...none, invite: (id: string): boolean => id === 'inv_late' }
    expect(snapshotWithOnePerRequest(snapshot, linesLogger(), held).snapshot.openInvites).toEqual([late])
  })

  it('keeps a snapshot with one of each per request as it is', () => {
    const snapshot = aSnapshot({
      openInvites: [anInvite({ request: aRequest({ id: 'req_2' }) })],
      sessions: [aSession({ request })],
    })
    expect(snapshotWithOnePerRequest(snapshot, linesLogger(), none)).toEqual({ snapshot, left: 0 })
  })
})
