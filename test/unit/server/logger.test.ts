// The platform's log: every entry stays one line, whatever a client put in its fields or message.
import { describe, expect, it } from 'vitest'
import { MemoryLogger } from '../../../server/src/logger'

/** Characters that end a line, drive a terminal or reorder what it shows. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is escaped
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/

describe('platform log lines', () => {
  it('writes no line break, escape sequence or bidi control a client sent, in fields or message', () => {
    const log = new MemoryLogger()
    for (const value of [
      'a\u001b[2Jb',
      'line\u2028forged INFO',
      'next\u0085line',
      'abc\u202Egnp.exe',
      'x\u2029y z',
      'tab\there',
    ]) {
      log.warn('Refused a command', { title: value })
      log.warn(`Refused ${value}`)
      log.error('Failed', new Error(value))
    }
    for (const line of log.lines) expect(line, JSON.stringify(line)).not.toMatch(HIDDEN)
  })

  it('keeps what was sent readable, escaped', () => {
    const log = new MemoryLogger()
    log.info('Saw', { title: 'a\u001b[2Jb' })
    expect(log.lines[0]).toContain('title="a\\u001b[2Jb"')
  })

  it('writes a line for a caught value whose reading throws, instead of throwing from the log call', () => {
    const log = new MemoryLogger()
    const throwing = (): never => {
      throw new Error('trap')
    }
    const details: ReadonlyArray<unknown> = [
      {
        get reason(): string {
          return throwing()
        },
      },
      Object.defineProperty(new Error('x'), 'message', { get: throwing }),
      new Proxy({}, { getPrototypeOf: throwing, ownKeys: throwing, get: throwing }),
    ]
    for (const detail of details) expect(() => log.error('Command failed', detail)).not.toThrow()
    expect(log.lines).toHaveLength(3)
    for (const line of log.lines)
      expect(line).toMatch(/ error Command failed detail=\(a value that cannot be read\)$/)
  })
})
