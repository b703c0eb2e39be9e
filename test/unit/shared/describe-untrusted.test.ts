import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  describeAddress,
  describeIssues,
  describePath,
  describeValue,
} from '../../../src/shared/describe-untrusted'
import { redactLogText } from '../../../src/shared/log-redaction'

describe('words for untrusted values', () => {
  const emojiAcrossTheCut = (at: number): string => `${'a'.repeat(at - 1)}😀${'b'.repeat(200)}`

  it('cut a long refusal between whole characters, never through an emoji', () => {
    for (const at of [60, 160]) {
      const text = emojiAcrossTheCut(at)
      const described = describeIssues([{ path: [text], message: text }])
      expect(described.isWellFormed(), `emoji at ${at}`).toBe(true)
      expect(described).toContain('…')
    }
  })

  it('cut a long string between whole characters, so it is not shown as an escaped half', () => {
    const described = describeValue(emojiAcrossTheCut(60))
    expect(described).not.toMatch(/\\ud[89ab]/i)
    expect(described).toBe(JSON.stringify(`${'a'.repeat(59)}…`))
  })

  it('escape the invisible characters that would reorder or hide the sentence around a string', () => {
    const described = describeValue('ab\u202ecd\u200b\u2066e\u{e0041}')
    expect(described).toBe('"ab\\u{202e}cd\\u{200b}\\u{2066}e\\u{e0041}"')
    expect(described).not.toMatch(/\p{Cf}/u)
  })

  it('leave short text whole', () => {
    expect(describeValue('ok 😀')).toBe('"ok 😀"')
    expect(describeIssues([{ path: ['name'], message: 'Too long 😀' }])).toBe('name — Too long 😀')
  })
})

describe('a refusal naming a secret field, in a log line', () => {
  const problem = 'Too big: expected string to have <=1000 characters'

  it('keeps every word of the problem: the redaction takes none of it for the field’s value', () => {
    for (const field of [
      'password',
      'token',
      'auth.token',
      'secret',
      'apiKey',
      'authorization',
      'cookie',
      'pwd',
    ]) {
      const described = describeIssues([{ path: field.split('.'), message: problem }])
      expect(redactLogText(`reason="Invalid sign-in: ${described}"`), field).toBe(
        `reason="Invalid sign-in: ${field} — ${problem}"`,
      )
    }
  })

  it('still loses a value written after such a name, in a URL or in a header beside it', () => {
    const described = describeIssues([{ path: ['password'], message: problem }])
    const line = `${described}; password: hunter2 token=abc123 GET /api/events?token=abc&after=0 Authorization: Bearer xyz`
    expect(redactLogText(line)).toBe(
      `password — ${problem}; password: [redacted] token=[redacted] GET /api/events?token=[redacted]&after=0 Authorization: [redacted]`,
    )
  })
})

describe('what is not text, in a sentence', () => {
  it('is named by its kind with the right article, or as itself', () => {
    expect(describeValue({})).toBe('an object')
    expect(describeValue(Symbol('s'))).toBe('a symbol')
    expect(describeValue(() => 1)).toBe('a function')
    expect(describeAddress({})).toBe('an object')
    expect(describeAddress(undefined)).toBe('undefined')
    expect(describeAddress(null)).toBe('null')
    expect(describeAddress(7)).toBe('a number')
  })
})

describe('an address another party chose, in a log line or a sentence', () => {
  const token = 'Ab3dEf9hIjKlMnOpQrStUvWxYz0123456789xyzQ'

  it('shows no start of a token that the cut to its length would go through', () => {
    // A token in a path is known by its shape only when enough of it is left to read.
    for (const pad of [30, 40, 45, 50]) {
      const address = `https://evil.example/${'p'.repeat(pad)}/${token}/next`
      const shown = describeAddress(address)
      expect(shown, String(pad)).not.toContain(token.slice(0, 6))
      expect(shown).toMatch(/^"https:\/\/evil\.example\/p+\/\[redacted\]/)
      expect(shown).toMatch(new RegExp(`… \\(${address.length} characters\\)$`))
    }
  })

  it('is shown as it came when it holds no secret', () => {
    expect(describeAddress('standby://invite/inv_0mx9qru3s45907854f9f3')).toBe(
      '"standby://invite/inv_0mx9qru3s45907854f9f3"',
    )
  })
})

describe('a value another party sent, in a log line or a refusal', () => {
  it('shows no start of a token that the cut to its length would go through', () => {
    const token = 'Ab3dEf9hIjKlMnOpQrStUvWxYz0123456789xyzQ'
    for (const pad of [10, 20, 30, 40]) {
      const shown = describeValue(`${'w'.repeat(pad)} ${token}`)
      expect(shown, String(pad)).not.toContain(token.slice(0, 6))
      expect(shown).toBe(`"${'w'.repeat(pad)} [redacted]"`)
    }
    expect(describeValue(`${'w'.repeat(300)} ${token}`)).toBe(`"${'w'.repeat(60)}…"`)
    expect(describeValue('ordinary words, kept as they came')).toBe('"ordinary words, kept as they came"')
  })

  it('names each key an object does not take, quoted, and says to leave it out, however many there are', () => {
    const issue = (path: string[], keys: string[]) => ({
      code: 'unrecognized_keys',
      path,
      keys,
      message: `Unrecognized keys: ${keys.join(', ')}`,
    })
    expect(describeIssues([issue([], ['pid'])])).toBe('"pid" — not a key it takes; leave it out')
    expect(describeIssues([issue(['outcome'], ['percent', 'note\u202e'])])).toBe(
      'outcome."percent" — not a key it takes; leave it out; outcome."note\\u{202e}" — not a key it takes; leave it out',
    )
    const many = Array.from({ length: 5000 }, (_, i) => `k${i}`)
    expect(describeIssues([issue([], many), { path: ['token'], message: 'Required' }])).toBe(
      '"k0" — not a key it takes; leave it out; "k1" — not a key it takes; leave it out; "k2" — not a key it takes; leave it out (and 4998 more)',
    )
  })

  it('quotes and escapes a key of the sender’s in a path, so a line break or bidi override cannot reshape the sentence', () => {
    expect(describePath(['filter', 'query', 0])).toBe('filter.query.0')
    const shown = describePath([
      '\u202eevil\n[error] forged',
      'a b',
      'k'.repeat(500),
      `\u2066${'k'.repeat(500)}`,
    ])
    expect(shown).toBe(
      `"\\u{202e}evil\\n[error] forged"."a b".${'k'.repeat(60)}…."\\u{2066}${'k'.repeat(59)}…"`,
    )
    expect(shown).not.toMatch(/[\p{Cc}\p{Cf}]/u)
  })

  it('tells a field’s tightest bound once, however many bounds it broke', () => {
    const bounded = z.object({ minutes: z.number().int().min(1).max(240), name: z.string().max(5) })
    const told = (value: unknown): string => describeIssues(bounded.safeParse(value).error?.issues ?? [])
    expect(told({ minutes: 1e300, name: 'ok' })).toBe('minutes — Too big: expected number to be <=240')
    expect(told({ minutes: -1e300, name: 'ok' })).toBe('minutes — Too small: expected number to be >=1')
    expect(told({ minutes: 2 ** 60, name: 'toolong' })).toBe(
      'minutes — Too big: expected number to be <=240; name — Too big: expected string to have <=5 characters',
    )
    // Two fields past the same bound are each told.
    const pair = z.object({ a: z.number().int().max(9), b: z.number().int().max(9) })
    expect(describeIssues(pair.safeParse({ a: 1e300, b: 1e300 }).error?.issues ?? [])).toBe(
      'a — Too big: expected number to be <=9; b — Too big: expected number to be <=9',
    )
  })
})
