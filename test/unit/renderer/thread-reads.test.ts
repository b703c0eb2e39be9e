import { describe, expect, it } from 'vitest'
import { threadReads } from '../../../src/renderer/logic/thread-reads'
import type { Message } from '../../../src/shared/protocol/entities'
import { aMessage, FIXTURE_NOW } from '../../support/fixtures'

const mine = (id: string, at = FIXTURE_NOW) => aMessage({ id, requestId: 'req_1', sentAt: at })
const ids = (thread: { messages: ReadonlyArray<{ id: string }> } | null) =>
  thread?.messages.map((m) => m.id) ?? null
/** The host's answer: these messages, none earlier. */
const read = (...messages: Message[]) => ({ messages, earlier: false })

describe('the reads of a message thread', () => {
  it('puts a message pushed while a read was on its way on top of its answer', () => {
    const reads = threadReads('req_1')
    const ticket = reads.asked()
    reads.pushed([mine('msg_2', FIXTURE_NOW + 1)])
    expect(ids(reads.answered(ticket, read(mine('msg_1'))))).toEqual(['msg_1', 'msg_2'])
  })

  it('takes out of its answer a message pushed as moved to another thread while the read was on its way', () => {
    const reads = threadReads('req_1')
    const ticket = reads.asked()
    const moved = mine('msg_2', FIXTURE_NOW + 1)
    reads.pushed([{ ...moved, requestId: 'req_9' }])
    // The answer was read before the cache took the move: the push is the newer word.
    expect(ids(reads.answered(ticket, read(mine('msg_1'), moved)))).toEqual(['msg_1'])
  })

  it('keeps nothing between reads: a thread open all day holds no growing list of pushes', () => {
    const reads = threadReads('req_1')
    reads.answered(reads.asked(), read())
    for (let i = 0; i < 10_000; i++) reads.pushed([mine(`msg_${i}`, FIXTURE_NOW + i)])
    // The next read's answer is what the cache holds; the pushes before it asked are not replayed.
    expect(ids(reads.answered(reads.asked(), read(mine('msg_0'))))).toEqual(['msg_0'])
  })

  it('keeps only this thread’s messages while reading', () => {
    const reads = threadReads('req_1')
    const ticket = reads.asked()
    reads.pushed([aMessage({ id: 'msg_other', requestId: 'req_2' })])
    expect(ids(reads.answered(ticket, read()))).toEqual([])
  })

  it('drops the answer, or the error, of a read that a later read overtook', () => {
    const reads = threadReads('req_1')
    const first = reads.asked()
    const second = reads.asked()
    expect(ids(reads.answered(second, read(mine('msg_1'), mine('msg_2', FIXTURE_NOW + 1))))).toEqual([
      'msg_1',
      'msg_2',
    ])
    expect(reads.answered(first, read(mine('msg_1')))).toBeNull()
    expect(reads.failed(first)).toBe(false)
    expect(reads.failed(reads.asked())).toBe(true)
  })
})
