// A client's words and a server's errors reach the log; neither may forge an entry or drive the
// terminal that shows it.
import { describe, expect, it } from 'vitest'
import { formatLogEntry, formatLogLine, MAX_LOG_TEXT_CHARS } from '../../../../src/main/node/log'

const at = new Date(Date.UTC(2026, 0, 5, 12, 0))

describe('a log line holding text from elsewhere', () => {
  it('stays one line, whatever line break the text holds', () => {
    for (const breakChar of ['\n', '\r', '\u0085', '\u2028', '\u2029', '\v', '\f']) {
      const line = formatLogLine(
        at,
        'info',
        `Invite for "x${breakChar}2026-01-05T12:00:00.000Z ERROR forged"`,
      )
      expect(line).not.toMatch(/[\n\r\u0085\u2028\u2029\v\f]/)
      expect(formatLogEntry(at, 'info', `a${breakChar}b`)).toHaveLength(1)
    }
  })

  it('carries no escape sequence, C0 or C1 control, or character that reorders the line', () => {
    const line = formatLogLine(
      at,
      'warn',
      'Title \u001b[2J\u001b]8;;https://x.example\u0007\u009b31m\u202eevil\u0000',
      new Error('server said \u001b[31mred\u202e'),
    )
    expect(line).not.toMatch(/[\p{Cc}\u202e]/u)
    expect(line).toContain('Title [2J]8;;https://x.example31mevil')
    expect(line).toContain('server said [31mred')
  })

  it('keeps the error’s stack frames on the lines after the entry', () => {
    const entry = formatLogEntry(at, 'error', 'Failed', new Error('boom'))
    expect(entry[0]).toMatch(/ERROR Failed \(Error: boom\)\n$/)
    expect(entry[1]).toMatch(/^ {4}at /)
  })

  it('takes no stack frame from the error’s message, and keeps the frames free of controls', () => {
    // A server's error text with a line that reads like a frame: V8 puts the message into `stack`.
    const error = new Error('server said\n    at forged (\u001b]0;title\u0007\u001b[2J\u009b31m\u202e)')
    const entry = formatLogEntry(at, 'error', 'Failed', error)
    const frames = entry.slice(1).join('')
    expect(frames).not.toContain('forged')
    for (const frame of frames.split('\n').filter((line) => line !== ''))
      expect(frame).not.toMatch(/[\p{Cc}\u202e]/u)
    expect(entry[1]).toMatch(/^ {4}at /)
  })

  it('keeps a frame’s own text, with its controls taken out', () => {
    const error = new Error('boom')
    error.stack = 'Error: boom\n    at eval (\u001b[31mevil\u0007.js:1:1)'
    expect(formatLogEntry(at, 'error', 'Failed', error)[1]).toBe('    at eval ([31mevil.js:1:1)\n')
  })
})

describe('a log entry whose detail cannot be written out as it is', () => {
  // Whatever a handler caught is logged: a log call that threw would turn a handled failure into a crash.
  const holdsItself: Record<string, unknown> = { step: 'sync' }
  holdsItself.self = holdsItself
  const unreadable = new Proxy(
    {},
    {
      getPrototypeOf: () => {
        throw new Error('trap')
      },
      ownKeys: () => {
        throw new Error('trap')
      },
    },
  )
  const details: ReadonlyArray<readonly [string, unknown]> = [
    ['an object that holds itself', holdsItself],
    ['named fields one of which holds itself', { attempt: 2, request: holdsItself }],
    [
      'a getter that throws',
      {
        get reason(): string {
          throw new Error('getter')
        },
      },
    ],
    [
      'an object whose toJSON throws',
      {
        toJSON(): never {
          throw new Error('toJSON')
        },
      },
    ],
    ['a proxy whose every trap throws', unreadable],
    [
      'an error whose message getter throws',
      Object.defineProperty(new Error('x'), 'message', {
        get(): never {
          throw new Error('getter')
        },
      }),
    ],
  ]

  it.each(details)('is one line naming what was logged, for %s', (_name, detail) => {
    const entry = formatLogEntry(at, 'error', 'Sync failed', detail)
    expect(entry).toEqual([
      '2026-01-05T12:00:00.000Z ERROR Sync failed (an object that cannot be written out)\n',
    ])
  })

  it("writes an error's causes after it, and an error inside a value as its words, not {}", () => {
    const wrapped = new Error('Catch-up failed', {
      cause: new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }),
    })
    expect(formatLogLine(at, 'warn', 'Sync', wrapped)).toBe(
      '2026-01-05T12:00:00.000Z WARN  Sync (Error: Catch-up failed; cause: TypeError: fetch failed; cause: {"code":"ECONNRESET"})',
    )
    expect(formatLogLine(at, 'warn', 'Sync', { cause: new Error('disk I/O error') })).toBe(
      '2026-01-05T12:00:00.000Z WARN  Sync ({"cause":"Error: disk I/O error"})',
    )
  })

  it('keeps an error whose cause cannot be read to its own words, and the causes read before it', () => {
    const unreadableCause = (error: Error): Error =>
      Object.defineProperty(error, 'cause', {
        get: () => {
          throw new Error('no cause here')
        },
      })
    expect(formatLogLine(at, 'error', 'Open', unreadableCause(new Error('disk I/O error')))).toBe(
      '2026-01-05T12:00:00.000Z ERROR Open (Error: disk I/O error)',
    )
    const wrapped = new Error('Could not open the cache', { cause: unreadableCause(new Error('locked')) })
    expect(formatLogLine(at, 'error', 'Open', wrapped)).toBe(
      '2026-01-05T12:00:00.000Z ERROR Open (Error: Could not open the cache; cause: Error: locked)',
    )
  })

  it('writes a BigInt as its digits, and keeps an error whose stack cannot be read to its message', () => {
    expect(formatLogLine(at, 'info', 'Counted', { bytes: 12n })).toBe(
      '2026-01-05T12:00:00.000Z INFO  Counted ({"bytes":"12n"})',
    )
    const error = Object.defineProperty(new Error('boom'), 'stack', {
      get(): never {
        throw new Error('getter')
      },
    })
    expect(formatLogEntry(at, 'error', 'Failed', error)).toEqual([
      '2026-01-05T12:00:00.000Z ERROR Failed (Error: boom)\n',
    ])
  })

  it('is written, cut, when a server sends many megabytes of text, and the cut leaves no piece of a token', () => {
    const token = 'a'.repeat(20) + 'B9'.repeat(20)
    const huge = `${'w '.repeat(MAX_LOG_TEXT_CHARS / 2 - 10)}${token} ${'x'.repeat(10 * 1024 * 1024)}`
    const line = formatLogLine(at, 'warn', huge, new Error(huge))
    expect(line.length).toBeLessThan(3 * MAX_LOG_TEXT_CHARS)
    expect(line).toContain('… (cut)')
    expect(line).not.toContain('aaaaaaaaaa')
  })

  // `before` and the first half of `secret` end at the cut; the rest, and a long tail, come after.
  const straddling = (before: string, secret: string): string => {
    const head = `${before}${secret.slice(0, secret.length / 2)}`
    const pad = MAX_LOG_TEXT_CHARS - head.length
    return `${'w '.repeat(pad / 2)}${'w'.repeat(pad % 2)}${before}${secret}" ${'x '.repeat(MAX_LOG_TEXT_CHARS)}`
  }

  it.each([
    ['a quoted password', ' {"user":"ada","password":"', 'correct horse battery staple now'],
    ["someone's words", ' {"id":1,"text":"', 'meet me at the back door at ten'],
    ['a single-quoted password', " it's ok, password='", 'open sesame right now please'],
    ['a password in an escaped reply', ' {"reply":"{\\"password\\":\\"', 'correct horse battery staple'],
  ])('leaves no word of %s that the cut falls inside, in the message or the detail', (_, before, secret) => {
    const text = straddling(before, secret)
    for (const line of [
      formatLogLine(at, 'warn', text),
      formatLogLine(at, 'warn', 'Failed', new Error(text)),
    ]) {
      for (const word of secret.split(' ')) expect(line).not.toContain(` ${word}`)
      expect(line).toMatch(/ … \(cut\)\)?$/)
    }
  })

  it("keeps the cut mark whole when the cut leaves only a secret's name", () => {
    expect(formatLogLine(at, 'info', straddling(' password: ', 'hunter2hunter2'))).toMatch(
      /password: … \(cut\)$/,
    )
  })
})
