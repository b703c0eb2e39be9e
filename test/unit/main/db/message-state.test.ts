import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  aMessage,
  anInvite,
  aRequest,
  aSession,
  aSnapshot,
  endedSession,
  FIXTURE_NOW,
  inviteClosed,
  inviteCreated,
  messageCreated,
  sessionUpdated,
} from '../../../support/fixtures'
import { storeFactory, useTempDirs } from './cache-test-kit'

const tempDir = useTempDirs()
const openStore = storeFactory()

const invited = anInvite({ id: 'inv_1', request: aRequest({ id: 'req_1' }) })
const booked = aSession({ id: 'ses_2', request: aRequest({ id: 'req_2' }) })
const fromClient = (id: string, requestId: string, at = FIXTURE_NOW) =>
  aMessage({ id, requestId, from: 'client', sentAt: at })
const fromExpert = (id: string, requestId: string) => aMessage({ id, requestId, from: 'expert' })

describe('unread messages in the cache', () => {
  it('counts the client’s unread messages per open invite and booked session, never the expert’s own', () => {
    const { store } = openStore(join(tempDir(), 'cache.db'))
    store.applyEvents([
      inviteCreated(1, invited),
      sessionUpdated(2, booked),
      messageCreated(3, fromClient('m1', 'req_1')),
      messageCreated(4, fromExpert('m2', 'req_1')),
      messageCreated(5, fromClient('m3', 'req_2')),
      messageCreated(6, fromClient('m4', 'req_2')),
    ])
    expect(sorted(store.unreadThreads(FIXTURE_NOW))).toEqual([
      { requestId: 'req_1', count: 1 },
      { requestId: 'req_2', count: 2 },
    ])
  })

  it('does not count a message twice when an event or a whole snapshot brings it again', () => {
    const { store } = openStore(join(tempDir(), 'cache.db'))
    const message = fromClient('m1', 'req_2')
    store.applyEvents([sessionUpdated(1, booked), messageCreated(2, message)])
    store.applyEvents([messageCreated(2, message)])
    expect(store.unreadThreads(FIXTURE_NOW)).toEqual([{ requestId: 'req_2', count: 1 }])
    store.markThreadRead('req_2', FIXTURE_NOW)
    store.applySnapshot(aSnapshot({ sessions: [booked], recentMessages: [message], cursor: 2 }))
    // Read before the snapshot rewrote the messages: still read after it.
    expect(store.unreadThreads(FIXTURE_NOW)).toEqual([])
  })

  it('marks a thread read: its messages stop counting, a later one counts again, and read state survives a reopen', () => {
    const path = join(tempDir(), 'cache.db')
    const first = openStore(path)
    first.store.applyEvents([sessionUpdated(1, booked), messageCreated(2, fromClient('m1', 'req_2'))])
    expect(first.store.markThreadRead('req_2', FIXTURE_NOW)).toBe(true)
    expect(first.store.markThreadRead('req_2', FIXTURE_NOW + 1)).toBe(false)
    first.store.applyEvents([messageCreated(3, fromClient('m2', 'req_2', FIXTURE_NOW + 2))])
    first.db.close()
    const again = openStore(path)
    expect(again.store.unreadThreads(FIXTURE_NOW)).toEqual([{ requestId: 'req_2', count: 1 }])
  })

  it('stops counting a thread once its invite closed or its session ended: nobody is left to answer', () => {
    const { store } = openStore(join(tempDir(), 'cache.db'))
    store.applyEvents([
      inviteCreated(1, invited),
      sessionUpdated(2, booked),
      messageCreated(3, fromClient('m1', 'req_1')),
      messageCreated(4, fromClient('m2', 'req_2')),
      inviteClosed(5, 'inv_1', 'expired'),
      sessionUpdated(6, endedSession(booked, FIXTURE_NOW)),
    ])
    expect(store.unreadThreads(FIXTURE_NOW)).toEqual([])
  })

  it('stops counting an invite’s thread when its time runs out, before the platform says it expired', () => {
    const { store } = openStore(join(tempDir(), 'cache.db'))
    store.applyEvents([
      inviteCreated(1, invited),
      sessionUpdated(2, booked),
      messageCreated(3, fromClient('m1', 'req_1')),
      messageCreated(4, fromClient('m2', 'req_2')),
    ])
    expect(sorted(store.unreadThreads(invited.expiresAt - 1))).toEqual([
      { requestId: 'req_1', count: 1 },
      { requestId: 'req_2', count: 1 },
    ])
    expect(store.unreadThreads(invited.expiresAt)).toEqual([{ requestId: 'req_2', count: 1 }])
  })

  it('forgets what was read on sign-out, with the messages', () => {
    const { store, db } = openStore(join(tempDir(), 'cache.db'))
    store.applyEvents([sessionUpdated(1, booked), messageCreated(2, fromClient('m1', 'req_2'))])
    store.markThreadRead('req_2', FIXTURE_NOW)
    store.clear()
    expect(db.prepare('SELECT COUNT(*) FROM message_state').pluck().get()).toBe(0)
  })

  it('bounds a thread to its latest messages, oldest first', () => {
    const { store } = openStore(join(tempDir(), 'cache.db'))
    const events = Array.from({ length: 510 }, (_, i) =>
      messageCreated(i + 2, fromClient(`m${String(i).padStart(3, '0')}`, 'req_2', FIXTURE_NOW + i)),
    )
    store.applyEvents([sessionUpdated(1, booked), ...events])
    const thread = store.messages('req_2')
    expect(thread).toHaveLength(500)
    expect(thread[0]?.id).toBe('m010')
    expect(thread.at(-1)?.id).toBe('m509')
  })

  it('tells where a thread lives: the session once taken, else the invite', () => {
    const { store } = openStore(join(tempDir(), 'cache.db'))
    store.applyEvents([inviteCreated(1, invited)])
    expect(store.threadPlace('req_1')).toEqual({ kind: 'invite', inviteId: 'inv_1', state: 'open' })
    const session = aSession({ id: 'ses_1', request: invited.request })
    store.applyEvents([inviteClosed(2, 'inv_1', 'accepted', 'ses_1'), sessionUpdated(3, session)])
    expect(store.threadPlace('req_1')).toEqual({ kind: 'session', sessionId: 'ses_1', state: 'booked' })
    expect(store.threadPlace('req_none')).toBeNull()
  })
})

function sorted<T extends { requestId: string }>(rows: ReadonlyArray<T>): T[] {
  return [...rows].sort((a, b) => a.requestId.localeCompare(b.requestId))
}
