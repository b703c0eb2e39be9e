// Merging a pushed cache change into the window's lists, as the host would have read them.
import { describe, expect, it } from 'vitest'
import { withChange, withMessages, type CachedLists } from '../../../src/renderer/logic/cache-change'
import { THREAD_MESSAGES_LISTED } from '../../../src/shared/ipc/list-limits'
import { OPEN_INVITES_LISTED } from '../../../src/shared/ipc/list-limits'
import type { Message } from '../../../src/shared/protocol/entities'
import { aMessage, anInvite, aRequest, aSession, FIXTURE_NOW, MINUTE } from '../../support/fixtures'

/** A thread as the host reads it: these messages, none earlier. */
const read = (...messages: Message[]) => ({ messages, earlier: false })

const invite = (n: number, sentAt = FIXTURE_NOW + n) =>
  anInvite({ id: `inv_${n}`, request: aRequest({ id: `req_${n}` }), sentAt })
const session = (n: number, bookedStart: number) =>
  aSession({ id: `ses_${n}`, request: aRequest({ id: `req_${n}` }), bookedStart, state: 'booked' })

const lists = (over: Partial<CachedLists> = {}): CachedLists => ({
  expert: null,
  invites: { open: [invite(1)], missed: [] },
  upcoming: [session(1, FIXTURE_NOW + 10 * MINUTE)],
  upcomingLater: false,
  ...over,
})

describe('a pushed change', () => {
  it('puts a new invite first, moves a taken one to missed and drops an accepted one', () => {
    const after = withChange(lists(), { invites: [invite(2)], sessions: [] })
    expect(after.invites.open.map((i) => i.id)).toEqual(['inv_2', 'inv_1'])
    const taken = withChange(after, { invites: [{ ...invite(1), state: 'taken' }], sessions: [] })
    expect(taken.invites.open.map((i) => i.id)).toEqual(['inv_2'])
    expect(taken.invites.missed.map((i) => i.id)).toEqual(['inv_1'])
    const accepted = withChange(taken, { invites: [{ ...invite(2), state: 'accepted' }], sessions: [] })
    expect(accepted.invites).toEqual({ open: [], missed: [taken.invites.missed[0]] })
  })

  it('keeps the newest open invites only, however many a platform pushes', () => {
    const flood = Array.from({ length: OPEN_INVITES_LISTED + 50 }, (_, n) => invite(n + 2))
    const after = withChange(lists(), { invites: flood, sessions: [] })
    expect(after.invites.open).toHaveLength(OPEN_INVITES_LISTED)
    expect(after.invites.open[0]?.id).toBe(`inv_${OPEN_INVITES_LISTED + 51}`)
  })

  it('keeps upcoming soonest first and drops a session that ended; an untouched list stays the same', () => {
    const before = lists()
    const sooner = session(2, FIXTURE_NOW + MINUTE)
    const after = withChange(before, { invites: [], sessions: [sooner] })
    expect(after.upcoming.map((s) => s.id)).toEqual(['ses_2', 'ses_1'])
    expect(after.invites).toBe(before.invites)
    const ended = withChange(after, { invites: [], sessions: [{ ...sooner, state: 'ended' }] })
    expect(ended.upcoming.map((s) => s.id)).toEqual(['ses_1'])
  })

  it('adds a pushed message to its own thread once', () => {
    const first = aMessage({ id: 'msg_1', requestId: 'req_1', sentAt: FIXTURE_NOW })
    const next = aMessage({ id: 'msg_2', requestId: 'req_1', sentAt: FIXTURE_NOW + 1 })
    const elsewhere = aMessage({ id: 'msg_3', requestId: 'req_9' })
    const thread = withMessages(read(first), 'req_1', [next, elsewhere])
    expect(thread.messages.map((m) => m.id)).toEqual(['msg_1', 'msg_2'])
    expect(withMessages(thread, 'req_1', [next])).toBe(thread)
  })

  it('takes a message the platform moved to another request out of the thread shown, and shows a message sent again as it now is', () => {
    const first = aMessage({ id: 'msg_1', requestId: 'req_1', sentAt: FIXTURE_NOW, body: 'Hello' })
    const second = aMessage({ id: 'msg_2', requestId: 'req_1', sentAt: FIXTURE_NOW + 1 })
    const thread = read(first, second)
    const moved = withMessages(thread, 'req_1', [{ ...second, requestId: 'req_9' }])
    expect(moved.messages.map((m) => m.id)).toEqual(['msg_1'])
    expect(
      withMessages(read(), 'req_9', [{ ...second, requestId: 'req_9' }]).messages.map((m) => m.id),
    ).toEqual(['msg_2'])
    const edited = withMessages(thread, 'req_1', [{ ...first, body: 'Hello again' }])
    expect(edited.messages.map((m) => m.body)).toEqual(['Hello again', second.body])
  })

  it('keeps only the latest messages the host lists, in its order (time sent, then as stored), and then says earlier ones are not shown', () => {
    const many = Array.from({ length: THREAD_MESSAGES_LISTED }, (_, n) =>
      aMessage({ id: `msg_${String(n).padStart(4, '0')}`, requestId: 'req_1', sentAt: FIXTURE_NOW + n }),
    )
    const same = aMessage({ id: 'msg_b', requestId: 'req_1', sentAt: FIXTURE_NOW + THREAD_MESSAGES_LISTED })
    const sameTime = aMessage({ id: 'msg_a', requestId: 'req_1', sentAt: same.sentAt })
    const thread = withMessages(read(...many), 'req_1', [same, sameTime])
    expect(thread.messages).toHaveLength(THREAD_MESSAGES_LISTED)
    expect(thread.messages.slice(-2).map((m) => m.id)).toEqual(['msg_b', 'msg_a'])
    expect(thread.messages[0]?.id).toBe('msg_0002')
    expect(thread.earlier).toBe(true)
    // Once let go, the start stays untold when a message leaves the thread again.
    expect(withMessages(thread, 'req_1', [{ ...same, requestId: 'req_9' }]).earlier).toBe(true)
  })
  it('leaves out a pushed message older than the oldest shown of a thread that says its start is not shown', () => {
    // One stored row failed to read: the host showed fewer than it keeps, and said earlier ones exist.
    const shown = [10, 11].map((n) =>
      aMessage({ id: `msg_${n}`, requestId: 'req_1', sentAt: FIXTURE_NOW + n }),
    )
    const cut = { messages: shown, earlier: true }
    const old = aMessage({ id: 'msg_1', requestId: 'req_1', sentAt: FIXTURE_NOW + 1 })
    const next = aMessage({ id: 'msg_12', requestId: 'req_1', sentAt: FIXTURE_NOW + 12 })
    expect(withMessages(cut, 'req_1', [old, next]).messages.map((m) => m.id)).toEqual([
      'msg_10',
      'msg_11',
      'msg_12',
    ])
    // A thread shown from its start takes it in its place.
    expect(withMessages(read(...shown), 'req_1', [old]).messages.map((m) => m.id)).toEqual([
      'msg_1',
      'msg_10',
      'msg_11',
    ])
  })
})
