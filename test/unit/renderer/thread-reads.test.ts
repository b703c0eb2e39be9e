import { describe, expect, it } from 'vitest'
import { threadReads } from '../../../src/renderer/logic/thread-reads'
import { aMessage, FIXTURE_NOW } from '../../support/fixtures'

const mine = (id: string, at = FIXTURE_NOW) => aMessage({ id, requestId: 'req_1', sentAt: at })
const ids = (thread: ReadonlyArray<{ id: string }> | null) => thread?.map((m) => m.id) ?? null

describe('the reads of a message thread', () => {
  it('puts a message pushed while a read was on its way on top of its answer', () => {
    const reads = threadReads('req_1')
    const ticket = reads.asked()
    reads.pushed([mine('msg_2', FIXTURE_NOW + 1)])
    expect(ids(reads.answered(ticket, [mine('msg_1')]))).toEqual(['msg_1', 'msg_2'])
  })

  it('keeps nothing between reads: a thread open all day holds no growing list of pushes', () => {
    const reads = threadReads('req_1')
    reads.answered(reads.asked(), [])
    for (let i = 0; i < 10_000; i++) reads.pushed([mine(`msg_${i}`, FIXTURE_NOW + i)])
    // The next read's answer is what the cache holds; the pushes before it asked are not replayed.
    expect(ids(reads.answered(reads.asked(), [mine('msg_0')]))).toEqual(['msg_0'])
  })

  it('keeps only this thread’s messages while reading', () => {
    const reads = threadReads('req_1')
    const ticket = reads.asked()
    reads.pushed([aMessage({ id: 'msg_other', requestId: 'req_2' })])
    expect(ids(reads.answered(ticket, []))).toEqual([])
  })

  it('drops the answer, or the error, of a read that a later read overtook', () => {
    const reads = threadReads('req_1')
    const first = reads.asked()
    const second = reads.asked()
    expect(ids(reads.answered(second, [mine('msg_1'), mine('msg_2', FIXTURE_NOW + 1)]))).toEqual([
      'msg_1',
      'msg_2',
    ])
    expect(reads.answered(first, [mine('msg_1')])).toBeNull()
    expect(reads.failed(first)).toBe(false)
    expect(reads.failed(reads.asked())).toBe(true)
  })
})
