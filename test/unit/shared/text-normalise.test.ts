import { describe, expect, it } from 'vitest'
import { MessageDraft } from '../../../src/shared/protocol/entities'
import { isBlankText, normaliseLine, normaliseParagraphs } from '../../../src/shared/text-normalise'
import { seededRandom } from '../../support/mutation-fuzz'

describe('isBlankText', () => {
  it('says blank exactly where a required message is refused as empty', () => {
    const drafts = [
      '',
      '   ',
      '\n\t',
      '\u200b',
      '\u2060\u200b \ufeff',
      '\u0007\u001b',
      '\u202e',
      'a',
      ' . ',
      '\u200d',
      '\u2800 \u2800',
      '\u2800a\u2800',
      '\u200e\ufe0f',
      '\u200d\u2800a',
    ]
    for (const draft of drafts) {
      expect(isBlankText(draft), JSON.stringify(draft)).toBe(!MessageDraft.safeParse(draft).success)
    }
    expect(isBlankText('\u200b\u2060')).toBe(true)
    expect(isBlankText('ok')).toBe(false)
    // Braille blanks draw as spaces: a message of them would reach the client as nothing.
    expect(isBlankText('\u2800 \u2800')).toBe(true)
    // So do joiners, directional marks and variation selectors with nothing to join, steer or style.
    expect(isBlankText('\u200d\n\u200f\ufe0f')).toBe(true)
  })
})

describe('trimming the ends', () => {
  const HEART = '\u2764\ufe0f'
  const ASTRAL_SELECTOR = '\u{e0100}'

  it('trims blanks hidden behind a joiner, mark or variation selector at either end, with them', () => {
    // The leading braille blank stayed: trimming stopped at the joiner before it.
    expect(normaliseLine('\u200d\u2800Sam')).toBe('Sam')
    expect(normaliseLine('Sam\u2800\u200d')).toBe('Sam')
    expect(normaliseLine('\ufe0f \u2800\u200e\u2800Sam \u200f\u2800 \u061c')).toBe('Sam')
    expect(normaliseParagraphs('\u200c\n\u2800Line one\nLine two\u2800\n\u200d')).toBe('Line one\nLine two')
  })

  it('keeps what touches the text, and everything between the ends, as it was', () => {
    expect(normaliseLine('\u2800\u200dSam')).toBe('\u200dSam')
    expect(normaliseLine(`\u2800${HEART}\u2800\u200d`)).toBe(HEART)
    expect(normaliseLine(`Sam ${HEART} \u2800\u200d \u2800 Ortiz`)).toBe(
      `Sam ${HEART} \u2800\u200d \u2800 Ortiz`,
    )
    expect(normaliseLine('\u2801\u2800\u2803')).toBe('\u2801\u2800\u2803')
  })

  it('takes a variation selector past the first plane whole, never half of it', () => {
    expect(normaliseLine(`\u8fba${ASTRAL_SELECTOR} \u{e0101}`)).toBe(`\u8fba${ASTRAL_SELECTOR}`)
    expect(normaliseLine(`${ASTRAL_SELECTOR}\u2800\u{1f600}\u2800${ASTRAL_SELECTOR}`)).toBe('\u{1f600}')
    expect(normaliseLine(`\u2800${ASTRAL_SELECTOR}\u2800`)).toBe('')
  })

  it('leaves nothing to trim the second time, whatever the mix, and splits no character', () => {
    // A blank at an end, or behind what draws nothing there.
    // No class: the joiner and selectors would stand in one joined to what is before them.
    const DRAWS_NOTHING = '(?:\\u200d|\\u200f|\\ufe0f|\\u{e0100})*'
    const BLANK_AT_AN_END = new RegExp(`^${DRAWS_NOTHING}[\\s\\u2800]|[\\s\\u2800]${DRAWS_NOTHING}$`, 'u')
    const parts = [' ', '\u2800', '\u200d', '\u200f', '\ufe0f', ASTRAL_SELECTOR, 'a', '\u{1f600}', '\n']
    const random = seededRandom(3)
    for (let n = 0; n < 3000; n++) {
      const text = Array.from(
        { length: Math.floor(random() * 8) },
        () => parts[Math.floor(random() * parts.length)],
      ).join('')
      for (const normalise of [normaliseLine, normaliseParagraphs]) {
        const once = normalise(text)
        expect(normalise(once), JSON.stringify(text)).toBe(once)
        expect(once.isWellFormed(), JSON.stringify(text)).toBe(true)
        expect(BLANK_AT_AN_END.test(once), JSON.stringify(text)).toBe(false)
      }
    }
  })
})

describe('normaliseLine and normaliseParagraphs on plain ASCII', () => {
  it('trim plain text and keep what is between its ends as it was', () => {
    expect(normaliseLine('  Fix my build, please!  ')).toBe('Fix my build, please!')
    expect(normaliseParagraphs(' First line\n\tindented  ')).toBe('First line\n\tindented')
    expect(normaliseLine('')).toBe('')
  })

  it('still clean text that is ASCII but not printable: tabs, breaks and controls', () => {
    // The edges of printable ASCII: what lies just outside must still be cleaned.
    expect(normaliseLine('a\tb\nc\rd')).toBe('a b c d')
    expect(normaliseLine('\u001fa\u007fb~')).toBe('ab~')
    expect(normaliseParagraphs('a\r\nb\rc\u000bd')).toBe('a\nb\nc\nd')
    expect(normaliseParagraphs('a\u0000b\u007f\n\tc')).toBe('ab\n\tc')
    expect(normaliseLine('\n  a  \t')).toBe('a')
  })

  it('clean text with one character past ASCII as before', () => {
    expect(normaliseLine('plain\u200btext ')).toBe('plaintext')
    expect(normaliseParagraphs('plain\u2028text\u0085')).toBe('plain\ntext')
  })
})

describe('the printable-ASCII fast path', () => {
  // A zero-width space in front sends text through every pass, and is itself dropped there without
  // touching what follows (in front, it cannot split a "\r\n"): the slow path's answer for `text`.
  const throughEveryPass = (normalise: (text: string) => string, text: string): string =>
    normalise(`\u200b${text}`)
  // The fast path's own characters, spaces, tabs and line feeds at the edges that trimming cuts
  // among them; and what lies just outside it: the other breaks, DEL and C0 controls, and the first
  // characters past ASCII.
  const inside = [' ', ' ', '\t', '\n', '~', '!', 'a', 'Z']
  const outside = ['\r', '\v', '\f', '\x00', '\x1f', '\x7f', '\x80', '\u0085', '\u00a0']

  /**
   * `count` strings of up to 24 characters, the same for the same seed: a third of them from
   * `inside` alone, the others with a character from `outside` now and then.
   */
  function generated(seed: number, count: number): string[] {
    const random = seededRandom(seed)
    const pick = <T>(from: ReadonlyArray<T>): T => from[Math.floor(random() * from.length)]!
    return Array.from({ length: count }, () => {
      const strayness = pick([0, 0.05, 0.3])
      return Array.from({ length: Math.floor(random() * 25) }, () =>
        pick(random() < strayness ? outside : inside),
      ).join('')
    })
  }

  it('gives what every pass gives, for one-line and multi-line text alike', () => {
    const texts = generated(1, 5000)
    let fast = 0
    for (const text of texts) {
      if (/^[\t\n\x20-\x7e]*$/.test(text)) fast++
      expect(normaliseLine(text), JSON.stringify(text)).toBe(throughEveryPass(normaliseLine, text))
      expect(normaliseParagraphs(text), JSON.stringify(text)).toBe(
        throughEveryPass(normaliseParagraphs, text),
      )
    }
    // Many draws must take the fast path, or the comparison would test the slow path against itself.
    expect(fast).toBeGreaterThan(texts.length / 3)
  })

  it('leaves text it normalised as it is, so the app accepts what the platform stored', () => {
    for (const text of generated(2, 5000)) {
      for (const normalise of [normaliseLine, normaliseParagraphs]) {
        const once = normalise(text)
        expect(normalise(once), JSON.stringify(text)).toBe(once)
        expect(throughEveryPass(normalise, once), JSON.stringify(text)).toBe(once)
      }
    }
  })
})
