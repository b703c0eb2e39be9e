import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../../src/shared/clock'
import { endLingering, LINGER_MS, type LingeringSocket } from '../../../src/shared-node/lingering-close'

/** A socket's stand-in that records what is done to it; a destroyed one closes, as Node's does. */
class FakeSocket extends EventEmitter implements LingeringSocket {
  written = ''
  ended = false
  reading = false
  destroyed = false
  resume(): void {
    this.reading = true
  }
  end(last?: string): void {
    this.written += last ?? ''
    this.ended = true
  }
  destroy(): void {
    this.destroyed = true
    this.emit('close')
  }
}

describe('ending a connection lingering', () => {
  it('sends the answer, reads on, and destroys a connection its client never closes once the linger is over', () => {
    const clock = new ManualClock(0)
    const socket = new FakeSocket()
    endLingering(socket, 'HTTP/1.1 400 Bad Request\r\n\r\n', clock)
    expect(socket.written).toBe('HTTP/1.1 400 Bad Request\r\n\r\n')
    expect(socket.ended).toBe(true)
    expect(socket.reading).toBe(true)
    clock.advance(LINGER_MS - 1)
    expect(socket.destroyed).toBe(false)
    clock.advance(1)
    expect(socket.destroyed).toBe(true)
  })

  it('leaves a connection its client closed in time alone', () => {
    const clock = new ManualClock(0)
    const socket = new FakeSocket()
    endLingering(socket, undefined, clock)
    socket.emit('close')
    clock.advance(LINGER_MS * 2)
    expect(socket.destroyed).toBe(false)
  })

  it('swallows an error of the ended connection (a reset), which would otherwise throw', () => {
    const socket = new FakeSocket()
    endLingering(socket, undefined, new ManualClock(0))
    expect(() => socket.emit('error', new Error('read ECONNRESET'))).not.toThrow()
  })
})
