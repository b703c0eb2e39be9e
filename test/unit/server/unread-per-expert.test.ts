// One expert's sockets that all stop reading are bounded together, not only each on its own: an
// expert may hold many sockets, and a bound per socket alone let them hold that many times as much.
import { EventEmitter } from 'node:events'
import type { Socket } from 'socket.io'
import { describe, expect, it } from 'vitest'
import { MemoryLogger } from '../../../server/src/logger'
import {
  ExpertUnreadTotals,
  limitUnreadBacklog,
  UNREAD_SOCKETS_PER_EXPERT,
} from '../../../server/src/unread-backlog'

const MOST = 1_000

/** A socket.io socket as the bound sees it: what it queues, and what its network socket holds. */
function fakeSocket(expert: string, totals: ExpertUnreadTotals, logger: MemoryLogger) {
  const conn = new EventEmitter()
  const network = Object.assign(new EventEmitter(), { writableLength: 0, destroyed: false, destroy() {} })
  const socket = Object.assign(new EventEmitter(), {
    conn,
    request: { socket: network },
    cut: false,
    disconnect() {
      socket.cut = true
      socket.emit('disconnect')
    },
  })
  limitUnreadBacklog(socket as unknown as Socket, logger, { expert }, totals, MOST)
  const queue = (bytes: number): void => void conn.emit('packetCreate', { data: 'x'.repeat(bytes) })
  /** What was queued goes to the network socket and out of it: the client read it. */
  const drained = (bytes: number): void => {
    conn.emit('flush', [{ data: 'x'.repeat(bytes) }])
    network.emit('drain')
  }
  return { socket, queue, drained }
}

describe('the sockets of one expert that stop reading', () => {
  it('are cut once together they hold more than their share, while each holds less than its own bound', () => {
    const logger = new MemoryLogger()
    const totals = new ExpertUnreadTotals()
    const each = Math.floor((UNREAD_SOCKETS_PER_EXPERT * MOST) / (UNREAD_SOCKETS_PER_EXPERT + 1)) + 1
    const sockets = Array.from({ length: UNREAD_SOCKETS_PER_EXPERT + 1 }, () =>
      fakeSocket('ada', totals, logger),
    )
    const bystander = fakeSocket('bob', totals, logger)
    bystander.queue(each)
    for (const s of sockets.slice(0, -1)) s.queue(each)
    expect(sockets.some((s) => s.socket.cut)).toBe(false)
    sockets.at(-1)!.queue(each)
    expect(sockets.map((s) => s.socket.cut)).toEqual([...sockets.slice(1).map(() => false), true])
    expect(bystander.socket.cut).toBe(false)
    expect(logger.lines.filter((l) => l.includes('over all their connections'))).toHaveLength(1)
  })

  it('count only what is still unsent: one that read what it was sent, or closed, leaves room for another', () => {
    const logger = new MemoryLogger()
    const totals = new ExpertUnreadTotals()
    const first = fakeSocket('ada', totals, logger)
    const second = fakeSocket('ada', totals, logger)
    first.queue(MOST)
    second.queue(MOST)
    first.drained(MOST)
    const third = fakeSocket('ada', totals, logger)
    third.queue(MOST)
    second.socket.disconnect()
    const fourth = fakeSocket('ada', totals, logger)
    fourth.queue(MOST)
    expect([first, third, fourth].map((s) => s.socket.cut)).toEqual([false, false, false])
  })
})
