// The two redaction rules that read a long run once instead of once from each place inside it
// redact what the plain regexes they replace redacted: compared on seeded random text drawn
// from the characters that decide them, and on the runs that made those regexes take seconds.
import { describe, expect, it } from 'vitest'
import { NAMED_SECRET, REDACTED, redactJwts, redactLogText } from '../../../src/shared/log-redaction'

/** The rules as plain regexes: right, and read to a run's end from every place inside it. */
const NAMED_SECRET_AS_REGEX =
  /(["']?\b(?:[a-z_-]*token|pass(?:word|wd|phrase)|pwd|[a-z_-]*secret|authorization|cookie|(?:api|private|secret|access|signing)[-_]?key|auth)\b["']?\s*[:=]\s*)(?!\[redacted\])("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s&,;)}\]]+)/gi
const JWT_AS_REGEX = /\beyJ[\w-]+\.[\w-]+\.[\w-]*/g

/** A seeded generator of text made of `pieces`, so a failure names the text and reruns the same. */
function randomTexts(pieces: ReadonlyArray<string>, count: number, seed = 7): string[] {
  // mulberry32: every bit of its output varies, where a plain LCG's low bits repeat in short cycles.
  let state = seed
  const next = (below: number): number => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4_294_967_296) * below)
  }
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + next(24) }, () => pieces[next(pieces.length)]).join(''),
  )
}

describe('redaction read in one pass', () => {
  it('finds a token where the regex did', () => {
    const pieces = ['eyJ', 'a', 'Z', '_', '-', '.', '..', ' ', 'x', 'eyJa', '"']
    for (const text of randomTexts(pieces, 20_000)) {
      const words = text.replace(/[\w.-]+/g, (word) => redactJwts(word))
      expect(words, text).toBe(text.replace(JWT_AS_REGEX, REDACTED))
    }
  })

  it('finds a named secret where the regex did', () => {
    const pieces = ['token', 'secret', 'pass', 'word', 'pwd', 'auth', 'cookie', 'api', 'private', 'key']
    pieces.push('a', 'x', 'K', '-', '_', '=', ':', ' ', '"', "'")
    for (const text of randomTexts(pieces, 20_000)) {
      const redact = (pattern: RegExp) =>
        text.replace(pattern, (_match, name: string) => `${name}${REDACTED}`)
      expect(redact(NAMED_SECRET), text).toBe(redact(NAMED_SECRET_AS_REGEX))
    }
  })

  it('a name after a digit is read as a secret too, where the regex let its value through', () => {
    expect(redactLogText('log9token=hunter2')).toBe('log9token=[redacted]')
    expect(redactLogText('v2-secret: hunter2')).toBe('v2-secret: [redacted]')
  })

  it('the runs that took seconds are redacted as before', () => {
    // Lower case, no digit: words, not tokens.
    for (const run of ['a-'.repeat(100_000), '-token'.repeat(30_000), 'api-key'.repeat(30_000)])
      expect(redactLogText(run)).toBe(run)
    // Mixed case and long: a token by its shape.
    expect(redactLogText('eyJa-'.repeat(40_000))).toBe(REDACTED)
    const named = `${'a-'.repeat(100_000)}token=hunter2 eyJ${'a-'.repeat(50_000)}x.y.z`
    expect(redactLogText(named)).toBe(`${'a-'.repeat(100_000)}token=${REDACTED} ${REDACTED}`)
  })
})
