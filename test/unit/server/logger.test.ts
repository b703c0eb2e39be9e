// The platform's log: every entry stays one line, whatever a client put in its fields or message.
import { describe, expect, it } from 'vitest'
import { logExcerpt, MemoryLogger } from '../../../server/src/logger'

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

  it('writes no token or password a client sent, in a field, an error or a message, as the app’s log does', () => {
    const log = new MemoryLogger()
    const token = 'Zq8vN2kLp4Rt6Wx9Yb3Hc7Jd5Mf1Gs0'
    log.warn('request refused', { path: `/api/replay?after=3&token=${token}` })
    log.warn('sign-in refused', { email: 'ada@example.com', password: 'hunter2hunter2' })
    log.error('request failed', new Error(`bad header Authorization: Bearer ${token}`))
    log.error(`handler failed for https://ada:${token}@evil.example`)
    log.warn('command refused', { reason: `{"token":"${token}"}` })
    for (const line of log.lines) {
      expect(line).not.toContain(token.slice(0, 8))
      expect(line).not.toContain('hunter2')
    }
    // What an operator needs stays: who, and what was refused.
    expect(log.lines[0]).toContain('path=/api/replay?after=3&token=[redacted]')
    expect(log.lines[1]).toContain('email=ada@example.com')
  })

  it('cuts a client’s text for a field after redacting it, so no start of a secret is left', () => {
    const token = 'Ab3dEf9hIjKlMnOpQrStUvWxYz0123456789'
    const path = `/api/replay?after=1&x=${'a'.repeat(60)}&session=${token}`
    for (const max of [80, 90, 95, 100, 140]) {
      const excerpt = logExcerpt(path, max)
      expect(excerpt, String(max)).not.toContain(token.slice(0, 4))
      expect(excerpt.startsWith('/api/replay?after=1&x=aaa')).toBe(true)
    }
    expect(logExcerpt(path, 92)).toMatch(/&session=\[redacted\]$/)
    expect(logExcerpt('/rooms/ses_1', 100)).toBe('/rooms/ses_1')
  })
})
