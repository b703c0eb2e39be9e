import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createStreamLogger } from '../../../../../src/main/node/adapters/stream-logger'

function output() {
  const chunks: string[] = []
  return { chunks, write: (chunk: string) => (chunks.push(chunk), true) }
}

describe('the Node logger', () => {
  it('writes one line per entry with the ISO time and the level', () => {
    const out = output()
    const log = createStreamLogger({ out, now: () => Date.UTC(2025, 4, 6, 7, 8, 9, 10) })
    log.info('Connected')
    log.warn('Reconnecting')
    log.error('Gave up')
    expect(out.chunks).toEqual([
      '2025-05-06T07:08:09.010Z INFO  Connected\n',
      '2025-05-06T07:08:09.010Z WARN  Reconnecting\n',
      '2025-05-06T07:08:09.010Z ERROR Gave up\n',
    ])
  })

  it('adds the error to the line and its stack on indented lines after it', () => {
    const out = output()
    const log = createStreamLogger({ out, now: () => 0 })
    log.error('Sync failed', new TypeError('cursor is undefined'))
    const [line, stack] = out.chunks
    expect(line).toBe('1970-01-01T00:00:00.000Z ERROR Sync failed (TypeError: cursor is undefined)\n')
    expect(stack).toMatch(/^ {4}at /)
    log.warn('Odd reply', { code: 'E42' })
    expect(out.chunks.at(-1)).toBe('1970-01-01T00:00:00.000Z WARN  Odd reply ({"code":"E42"})\n')
  })

  it('keeps a message with line breaks on one line', () => {
    const out = output()
    createStreamLogger({ out, now: () => 0 }).info('first\n1970-01-01T00:00:00.000Z ERROR forged')
    expect(out.chunks).toEqual([
      '1970-01-01T00:00:00.000Z INFO  first 1970-01-01T00:00:00.000Z ERROR forged\n',
    ])
  })

  it('goes on without the stream, neither throwing nor ending the process, once its reader is gone', async () => {
    const written: string[] = []
    const stderr = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written.push(chunk.toString())
        done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))
      },
    })
    const closed = new Promise((resolve) => stderr.on('close', resolve))
    const log = createStreamLogger({ out: stderr, now: () => 0 })
    log.info('first')
    await closed
    expect(() => log.info('second')).not.toThrow()
    expect(written).toEqual(['1970-01-01T00:00:00.000Z INFO  first\n'])
  })

  it('does not throw when the stream throws at once', () => {
    const out = {
      write: (): boolean => {
        throw new Error('Cannot call write after a stream was destroyed')
      },
    }
    expect(() => createStreamLogger({ out, now: () => 0 }).warn('Reconnecting')).not.toThrow()
  })
})
