import { describe, expect, it } from 'vitest'
import { SendQueue } from '../../../server/src/send-queue'

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

describe('the send queue', () => {
  it('sends what a send pushes after everything already queued, once each, and nothing else', async () => {
    const sent: Array<string | undefined> = []
    const queue: SendQueue<string> = new SendQueue((item) => {
      sent.push(item)
      if (item === 'a') queue.push(['c'])
    }, 10)
    queue.push(['a', 'b'])
    await nextTurn()
    expect(sent).toEqual(['a', 'b', 'c'])
  })

  it('keeps sending the rest when one send throws', async () => {
    const sent: string[] = []
    const queue = new SendQueue<string>((item) => {
      if (item === 'b') throw new Error('socket closed')
      sent.push(item)
    }, 10)
    expect(() => queue.push(['a', 'b', 'c'])).toThrow('socket closed')
    await nextTurn()
    expect(sent).toEqual(['a', 'c'])
  })
})
