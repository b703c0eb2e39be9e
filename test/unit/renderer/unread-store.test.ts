import { describe, expect, it } from 'vitest'
import type { UnreadThreads } from '../../../src/shared/ipc/contract'
import type { StandbyApi } from '../../../src/shared/ipc/standby-api'
import { createUnreadStore, followUnread, type UnreadCounts } from '../../../src/renderer/store/unread-store'
import { createValueStore } from '../../../src/renderer/store/value-store'
import { heldReads, heldRereads } from '../../support/held-reads'

/** An API whose reads the test answers one by one, in any order, and whose pushes it plays. */
function setup() {
  const unread = heldReads<UnreadThreads>()
  const { app, reread } = heldRereads()
  const api = {
    messages: { unread: unread.read, onUnreadChanged: unread.onPush },
  } as unknown as Pick<StandbyApi, 'messages'>
  const store = createValueStore<UnreadCounts>(new Map())
  followUnread(api, app, store)
  return { store, answers: unread.answers, push: unread.push, reread }
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve))
const count = (requestId: string, n: number): UnreadThreads => [{ requestId, count: n }]

describe('the unread counts', () => {
  it('keep a push that came while a read was on its way: the read’s older answer is dropped', async () => {
    const { store, answers, push } = setup()
    push(count('req_a', 3))
    answers[0]!(count('req_a', 1))
    await flush()
    expect(store.getSnapshot().get('req_a')).toBe(3)
  })

  it('show the answer to the latest read, not an earlier read that answered last', async () => {
    const { store, answers, reread } = setup()
    reread()
    answers[1]!([])
    await flush()
    answers[0]!(count('req_a', 2))
    await flush()
    expect(store.getSnapshot().get('req_a')).toBeUndefined()
  })

  it('follow a read that answers before any push, and every push after it', async () => {
    const { store, answers, push } = setup()
    answers[0]!(count('req_a', 1))
    await flush()
    expect(store.getSnapshot().get('req_a')).toBe(1)
    push(count('req_a', 4))
    expect(store.getSnapshot().get('req_a')).toBe(4)
  })

  it('stay followed once a row showed them: the next card after none reads nothing again and has the pushed count', async () => {
    const held = heldReads<UnreadThreads>()
    const api = { messages: { unread: held.read, onUnreadChanged: held.onPush } } as unknown as Pick<
      StandbyApi,
      'messages'
    >
    const app = { onReread: () => () => undefined }
    const unread = createUnreadStore()
    unread.show(api, app)
    held.answers[0]!([])
    await flush()
    // The card went; a message came for another request meanwhile; then a new card shows.
    held.push(count('req_b', 2))
    unread.show(api, app)
    expect(held.answers).toHaveLength(1)
    expect(unread.store.getSnapshot().get('req_b')).toBe(2)
  })
})
