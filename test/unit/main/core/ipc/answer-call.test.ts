import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { answerCall } from '../../../../../src/main/core/ipc/answer-call'
import { CALL_NOT_DONE } from '../../../../../src/shared/ipc/call-phrases'
import { redactLogText } from '../../../../../src/shared/log-redaction'

/** A log keeping every warning and error line it is given. */
function recordingLog() {
  const lines: string[] = []
  return { lines, log: { warn: (m: string) => lines.push(m), error: (m: string) => lines.push(m) } }
}

describe('answerCall refusing an untrusted payload', () => {
  const wide = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`key${i}`, i]))
  let deep: unknown = 'x'
  for (let i = 0; i < 10_000; i++) deep = [deep]

  it.each([
    ['an object with a hundred thousand unknown keys', wide],
    ['an array nested ten thousand deep', deep],
    ['a field nested ten thousand deep', { theme: deep }],
  ])('refuses %s with a short message and a short log line', async (_, payload) => {
    const { lines, log } = recordingLog()
    const result = await answerCall('settings.update', payload, () => Promise.reject(new Error('ran')), log)
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_payload' } })
    expect(JSON.stringify(result).length).toBeLessThan(1_000)
    expect(lines).toHaveLength(1)
    expect(lines[0]!.length).toBeLessThan(1_000)
  })
})

describe('answerCall’s refusals in the expert’s words', () => {
  const ran = () => Promise.reject(new Error('ran'))
  const quiet = { warn: () => {}, error: () => {} }
  let deep: unknown = 'x'
  for (let i = 0; i < 10_000; i++) deep = [deep]

  it.each([
    [
      'a request too large',
      'messages.send',
      { requestId: 'r1', body: 'x'.repeat(2_000_000) },
      'Your message was not sent: what was sent is too large for Standby (over 1 MB); make it shorter.',
    ],
    [
      'a request nested too deeply',
      'settings.update',
      deep,
      "Your setting was not saved: what was sent is nested too deeply to be one of Standby's requests.",
    ],
    [
      'a field past its bound',
      'sessions.history',
      { limit: 2 ** 53 + 2 },
      'Your past sessions were not loaded: Standby could not use what was sent (limit — Too big: expected number to be <=200).',
    ],
    [
      'a request that is not plain data',
      'settings.update',
      new Map(),
      'Your setting was not saved: what was sent is a Map, where Standby takes only text, numbers, true or false, lists and objects.',
    ],
  ] as const)('names what was not done, never the channel, for %s', async (_, channel, payload, said) => {
    const result = await answerCall(channel, payload, ran, quiet)
    expect(result).toEqual({ ok: false, error: { code: 'invalid_payload', message: said } })
  })
})

describe('answerCall refusing a number past its field’s bound', () => {
  it.each([
    ['settings.update', { autoAwayMinutes: 1e300 }, 'autoAwayMinutes — Too big: expected number to be <=240'],
    [
      'settings.update',
      { autoAwayMinutes: -(2 ** 60) },
      'autoAwayMinutes — Too small: expected number to be >=1',
    ],
    ['sessions.history', { limit: 2 ** 53 + 2 }, 'limit — Too big: expected number to be <=200'],
  ] as const)(
    'names the bound of %s’s field once, not the safe-integer range',
    async (channel, payload, told) => {
      const { lines, log } = recordingLog()
      const result = await answerCall(channel, payload, () => Promise.reject(new Error('ran')), log)
      const phrase = CALL_NOT_DONE[channel]
      expect(result).toEqual({
        ok: false,
        error: {
          code: 'invalid_payload',
          message: `${phrase}: Standby could not use what was sent (${told}).`,
        },
      })
      expect(lines).toEqual([`IPC ${channel} got an invalid payload: ${told}`])
    },
  )
})

describe('answerCall refusing text cut in half', () => {
  it.each([
    [
      'auth.signIn',
      { platformUrl: 'http://127.0.0.1:4455/\ud83d', email: 'ada@example.com', password: 'pw' },
      'platformUrl',
    ],
    ['sessions.history', { limit: 20, filter: { query: 'react \ud83d' } }, 'filter.query'],
    ['settings.update', { platformUrl: 'https://platform.example.com/\ud83d' }, 'platformUrl'],
  ] as const)(
    'refuses %s with a lone surrogate, naming the field, and never runs the handler',
    async (channel, payload, field) => {
      const { lines, log } = recordingLog()
      let ran = false
      const result = await answerCall(channel, payload, () => (ran = true) as never, log)
      expect(ran).toBe(false)
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_payload' } })
      expect(!result.ok && result.error.message).toContain(`${field} holds a broken character`)
      expect(lines).toEqual([expect.stringContaining(`IPC ${channel} got an invalid payload: ${field}`)])
    },
  )
})

describe('answerCall refusing what only Electron’s IPC carries', () => {
  // Structured clone carries each of these; JSON, the browser shell's carrier, none of them.
  it.each([
    ['settings.update', new Date(0), '(root)', 'a Date'],
    ['settings.update', new Map([['soundEnabled', false]]), '(root)', 'a Map'],
    ['settings.update', new Set(), '(root)', 'a Set'],
    ['settings.update', /soundEnabled/, '(root)', 'a RegExp'],
    ['settings.update', new Error('soundEnabled'), '(root)', 'an Error'],
    ['settings.update', { theme: new Int32Array(1) }, 'theme', 'an Int32Array'],
    ['settings.update', new Uint8Array(4), '(root)', 'a Uint8Array'],
    [
      'settings.update',
      { platformUrl: new String('https://platform.example.com') },
      'platformUrl',
      'a String',
    ],
    ['settings.update', { autoAwayMinutes: Number.NaN }, 'autoAwayMinutes', 'the number NaN'],
    ['sessions.history', { limit: 20, filter: { query: 10n } }, 'filter.query', 'a bigint'],
    ['sessions.history', { limit: Number.POSITIVE_INFINITY }, 'limit', 'the number Infinity'],
    ['sessions.history', { limit: 20, after: [{}, [1, new Date(0)]] }, 'after.1.1', 'a Date'],
  ] as const)(
    'refuses %s given %s, naming where, and never runs the handler',
    async (channel, payload, path, what) => {
      const { lines, log } = recordingLog()
      let ran = false
      const result = await answerCall(channel, payload, () => (ran = true) as never, log)
      expect(ran).toBe(false)
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_payload' } })
      expect(!result.ok && result.error.message).toContain(what)
      expect(lines).toEqual([`IPC ${channel} got an invalid payload: ${path} — ${what}, not plain data`])
    },
  )

  it('names where with the page’s own keys cut short, however long they are', async () => {
    const { lines, log } = recordingLog()
    const key = 'k'.repeat(100_000)
    const result = await answerCall(
      'sessions.history',
      { limit: 20, [key]: new Date(0) },
      () => undefined as never,
      log,
    )
    expect(!result.ok && result.error.message.length).toBeLessThan(1_000)
    expect(lines).toEqual([
      expect.stringMatching(/^IPC sessions.history got an invalid payload: k+… — a Date, not plain data$/),
    ])
    expect(lines[0]!.length).toBeLessThan(1_000)
  })

  it('takes the same request as plain data, a key holding undefined and an object without a prototype included', async () => {
    const { log } = recordingLog()
    const seen: unknown[] = []
    const bare = Object.assign(Object.create(null) as object, { soundEnabled: false })
    for (const payload of [{ soundEnabled: false, autoAwayMinutes: undefined }, bare])
      expect(
        await answerCall('settings.update', payload, (request) => seen.push(request) as never, log),
      ).toMatchObject({ ok: true })
    expect(seen).toEqual([{ soundEnabled: false }, { soundEnabled: false }])
    // A hole in a list, which structured clone keeps, is left to the schema, as JSON's null would be.
    const holed = await answerCall(
      'sessions.history',
      { limit: 20, after: Object.assign(new Array<unknown>(2), { 1: 1 }) },
      () => undefined as never,
      log,
    )
    expect(holed).toMatchObject({ ok: false, error: { message: expect.stringContaining('after — ') } })
  })
})

describe('answerCall’s log line for a refused secret field', () => {
  const signIn = { platformUrl: 'https://platform.example.com', email: 'ada@example.com' }
  it.each([
    [{ ...signIn, password: new String('pw') }, 'password — a String, not plain data'],
    [{ ...signIn, password: Number.NaN }, 'password — the number NaN, not plain data'],
  ])(
    'still says what was wrong once the log has taken out what looks like a secret',
    async (payload, told) => {
      const { lines, log } = recordingLog()
      await answerCall('auth.signIn', payload, () => undefined as never, log)
      expect(lines.map(redactLogText)).toEqual([`IPC auth.signIn got an invalid payload: ${told}`])
    },
  )
})

describe('answerCall telling a failed handler', () => {
  const quiet = { warn: () => {}, error: () => {} }

  it('says what happened and what to do when the cache refused the write, and points to the log otherwise', async () => {
    const readOnly = await answerCall(
      'messages.markRead',
      { requestId: 'req_1' },
      () => {
        throw new Database.SqliteError('attempt to write a readonly database', 'SQLITE_READONLY')
      },
      quiet,
    )
    expect(readOnly).toEqual({
      ok: false,
      error: {
        code: 'handler_failed',
        message:
          'Standby could not save this on your computer (attempt to write a readonly database). Check that your profile folder is writable and its disk not read-only, then try again.',
      },
    })
    const other = await answerCall(
      'messages.markRead',
      { requestId: 'req_1' },
      () => Promise.reject(new Error('bug')),
      quiet,
    )
    expect(other).toMatchObject({
      ok: false,
      error: {
        message:
          'The messages were not marked as read: something went wrong in Standby; the details are in its log.',
      },
    })
  })
})

describe('answerCall telling a read that found the cache damaged', () => {
  it('says what happened and that trying again works once the cache is rebuilt, not "see the log"', async () => {
    const damaged = await answerCall(
      'sessions.upcoming',
      undefined,
      () => {
        throw new Database.SqliteError('database disk image is malformed', 'SQLITE_CORRUPT_INDEX')
      },
      { warn: () => {}, error: () => {} },
    )
    expect(damaged).toEqual({
      ok: false,
      error: {
        code: 'handler_failed',
        message:
          'Standby could not read or save this: its offline cache was found damaged, and Standby rebuilds it from the platform. Try again; if this goes on, quit Standby and start it again.',
      },
    })
  })
})

describe('answerCall refusing a payload that throws when read', () => {
  const throwing = {
    get theme(): string {
      throw new Error('read me not')
    },
  }
  const proxy = new Proxy(
    {},
    {
      ownKeys: () => {
        throw new Error('no keys')
      },
    },
  )

  it.each([
    ['a getter that throws', throwing],
    ['a proxy whose keys throw', proxy],
    ['a getter that throws below a field', { theme: throwing }],
  ])('refuses %s as an invalid payload and never runs the handler', async (_, payload) => {
    const { lines, log } = recordingLog()
    let ran = false
    const result = await answerCall('settings.update', payload, () => (ran = true) as never, log)
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_payload' } })
    expect(ran).toBe(false)
    expect(lines).toHaveLength(1)
  })
})

describe('answerCall refusing what is not plain data under a key of the page’s choosing', () => {
  it('names the key quoted and escaped: no line break or bidi override of the page’s reaches the window or the log', async () => {
    const { lines, log } = recordingLog()
    const key = '\u202eevil\n[error] forged'
    const payload = { requestId: 'req_1', body: 'Hello', [key]: { [key]: new Date(0) } }
    const result = await answerCall('messages.send', payload, () => Promise.reject(new Error('ran')), log)
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_payload' } })
    const message = result.ok ? '' : result.error.message
    expect(message).toContain(
      '"\\u{202e}evil\\n[error] forged"."\\u{202e}evil\\n[error] forged" holds a Date',
    )
    for (const text of [message, ...lines]) expect(text).not.toMatch(/[\p{Cc}\p{Cf}]/u)
  })
})
