// A thread read from the cache: its latest messages, and whether it holds earlier ones than those.
import { describe, expect, it } from 'vitest'
import { THREAD_MESSAGES_LISTED } from '../../../../src/shared/ipc/list-limits'
import {
  aMessage,
  anInvite,
  aRequest,
  FIXTURE_NOW,
  inviteCreated,
  messageCreated,
} from '../../../support/fixtures'
import { withMessages } from '../../../../src/renderer/logic/cache-change'
import { invokeContract } from '../../../../src/shared/ipc/contract'
import { useFreshStores, type TestStore } from './cache-test-kit'

const fresh = useFreshStores()

/** A store holding an invite's thread req_1 of `count` messages, the nth sent n ms after FIXTURE_NOW. */
function threadOf(count: number): TestStore {
  const cache = fresh()
  cache.store.applyEvents([
    inviteCreated(1, anInvite({ id: 'inv_1', request: aRequest({ id: 'req_1' }) })),
    ...Array.from({ length: count }, (_, n) =>
      messageCreated(n + 2, aMessage({ id: `msg_${n}`, requestId: 'req_1', sentAt: FIXTURE_NOW + n })),
    ),
  ])
  return cache
}

describe('a thread read from the cache', () => {
  it('says nothing of earlier messages when the thread is exactly as long as the window shows', () => {
    const { store } = threadOf(THREAD_MESSAGES_LISTED)
    const thread = store.thread('req_1')
    expect(thread.messages).toHaveLength(THREAD_MESSAGES_LISTED)
    expect(thread.messages[0]?.id).toBe('msg_0')
    expect(thread.earlier).toBe(false)
  })

  it('says earlier messages are not shown when the thread is one longer', () => {
    const { store } = threadOf(THREAD_MESSAGES_LISTED + 1)
    const thread = store.thread('req_1')
    expect(thread.messages).toHaveLength(THREAD_MESSAGES_LISTED)
    expect(thread.messages[0]?.id).toBe('msg_1')
    expect(thread.earlier).toBe(true)
    // What the host answers the window is what the contract lets through, both hosts alike.
    expect(invokeContract['messages.list'].response.safeParse(thread).success).toBe(true)
  })

  it('still says so when one of the latest stored rows fails to read, and shows the rest', () => {
    const { store, db, log } = threadOf(THREAD_MESSAGES_LISTED + 20)
    db.prepare(`UPDATE messages SET json = '{"id": "msg_bad", oops' WHERE id = 'msg_300'`).run()
    const thread = store.thread('req_1')
    expect(thread.messages).toHaveLength(THREAD_MESSAGES_LISTED - 1)
    expect(thread.messages.some((m) => m.id === 'msg_300')).toBe(false)
    expect(thread.messages.at(-1)?.id).toBe(`msg_${THREAD_MESSAGES_LISTED + 19}`)
    expect(thread.earlier).toBe(true)
    expect(log.lines.join('\n')).toContain('msg_300')
  })

  it('says nothing of earlier messages when a short thread has a row that fails to read', () => {
    const { store, db } = threadOf(3)
    db.prepare(`UPDATE messages SET json = 'not json' WHERE id = 'msg_0'`).run()
    expect(store.thread('req_1')).toEqual({
      messages: [expect.objectContaining({ id: 'msg_1' }), expect.objectContaining({ id: 'msg_2' })],
      earlier: false,
    })
  })
})

describe('the order of a thread read from the cache', () => {
  it('keeps messages sent in one millisecond in the order they were stored when the window merges a push', () => {
    const cache = fresh()
    const at = FIXTURE_NOW
    cache.store.applyEvents([
      inviteCreated(1, anInvite({ id: 'inv_1', request: aRequest({ id: 'req_1' }) })),
      messageCreated(2, aMessage({ id: 'msg_b', requestId: 'req_1', sentAt: at })),
      messageCreated(3, aMessage({ id: 'msg_a', requestId: 'req_1', sentAt: at })),
    ])
    const thread = cache.store.thread('req_1')
    expect(thread.messages.map((m) => m.id)).toEqual(['msg_b', 'msg_a'])
    const pushed = aMessage({ id: 'msg_0', requestId: 'req_1', sentAt: at })
    // The cache stores the pushed one after them, so a read after the push gives the same order.
    expect(withMessages(thread, 'req_1', [pushed]).messages.map((m) => m.id)).toEqual([
      'msg_b',
      'msg_a',
      'msg_0',
    ])
    cache.store.applyEvents([messageCreated(4, pushed)])
    expect(cache.store.thread('req_1').messages.map((m) => m.id)).toEqual(['msg_b', 'msg_a', 'msg_0'])
  })
})
