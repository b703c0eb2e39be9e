// What a client can put in a title or a message to spoof what the expert reads, and how much of
// it any surface shows.
import { describe, expect, it } from 'vitest'
import {
  clipSentence,
  clipText,
  cutText,
  Entered,
  MessageBody,
  MOST_MARKS_IN_A_ROW,
  MOST_SENTENCE_CHARS,
  PersonName,
  RequestTitle,
  shownText,
  Written,
} from '../../../../src/shared/protocol'

describe('text from a client', () => {
  it('loses bidi embeddings, overrides and isolates, which reorder what follows them', () => {
    // Shown as "invoiceexe.pdf" with the override; the file is an .exe.
    expect(RequestTitle.parse('invoice\u202efdp.exe')).toBe('invoicefdp.exe')
    expect(PersonName.parse('\u2067Sam\u2069 \u202aLee\u202c\u202b\u202d')).toBe('Sam Lee')
  })

  it('loses zero-width and other invisible characters that make look-alike names differ', () => {
    expect(PersonName.parse('Jo\u200bin\u2060 \ufeffnow\u00ad\u3164\u115f')).toBe('Join now')
    expect(MessageBody.parse('hidden\u{e0041}\u{e0042} words\u2063\nline two')).toBe('hidden words\nline two')
  })

  it('loses the ignorable code points Unicode has not assigned and the format controls that draw nothing', () => {
    // Each draws as nothing in the window, so "Sam" and this read alike, and search for "Sam" misses it.
    expect(PersonName.parse('S\u{e0080}a\u{e0fff}m\u2065\ufff0')).toBe('Sam')
    expect(RequestTitle.parse('Jo\u{1bca0}in\u{1d173} now\u{e01f0}')).toBe('Join now')
    // The variation selectors among them pick an ideograph's form, and stay.
    expect(RequestTitle.parse('葛\u{e0100}')).toBe('葛\u{e0100}')
  })

  it('takes a name or a title of braille blanks, which draw as spaces, for an empty one, and trims them from the ends', () => {
    // Shown, it read "Waiting for   to join…", a client with no name.
    expect(Entered(PersonName, 'The name').safeParse('\u2800').success).toBe(false)
    expect(Entered(PersonName, 'The name').safeParse(' \u2800\u3000\u2800 ').success).toBe(false)
    // One a platform of another version stored still reads, as a name that shows.
    expect(PersonName.parse('\u2800')).toBe('\ufffd')
    expect(RequestTitle.parse('\u2800 Join now\u2800\u2800')).toBe('Join now')
    expect(shownText('\u2800\u2800', { max: 20 })).toBe('\ufffd')
    // Between braille letters it is the space braille writes.
    expect(MessageBody.parse('\u2809\u2815\u2800\u280a\u2800\u2800')).toBe('\u2809\u2815\u2800\u280a')
  })

  it('takes a name, a title or a message of only joiners, directional marks or variation selectors, which draw nothing, for an empty one', () => {
    // Each was taken as a name, and shown as none: "Waiting for  to join…".
    for (const blank of [
      '\u200d',
      '\u200e',
      '\u061c',
      '\ufe0f',
      '\u{e0100}',
      '\u180b',
      '\u2800\u200c \u200f\u2800',
    ]) {
      expect(Entered(PersonName, 'The name').safeParse(blank).success, JSON.stringify(blank)).toBe(false)
      expect(
        Written(MessageBody, 'The message').safeParse(`\n${blank}\t`).success,
        JSON.stringify(blank),
      ).toBe(false)
      expect(PersonName.parse(blank)).toBe('\ufffd')
      expect(shownText(blank, { max: 20 })).toBe('\ufffd')
    }
    // Beside a character that draws, each still does its work.
    expect(PersonName.parse('\u200fSam\u200d')).toBe('\u200fSam\u200d')
    expect(RequestTitle.parse('\u2800 ❤\ufe0f')).toBe('❤\ufe0f')
  })

  it('loses noncharacters, which are no text and which a Windows notification cannot carry', () => {
    expect(PersonName.parse('Sam\uffff \ufffeLee\ufdd0')).toBe('Sam Lee')
    expect(MessageBody.parse('end\u{10ffff}\n\u{1fffe}line two\ufdef')).toBe('end\nline two')
    // The replacement character a broken one becomes is a character, and stays.
    expect(RequestTitle.parse('a\ud800b\ufffd')).toBe('a\ufffdb\ufffd')
  })

  it('keeps what writing needs: joiners in emoji and Persian, variation selectors, RTL marks', () => {
    const family = '👨\u200d👩\u200d👧'
    const persian = 'می\u200cخواهم'
    const marked = 'שלום\u200f (1)'
    expect(RequestTitle.parse(`${family} ${persian} ❤\ufe0f ${marked}`)).toBe(
      `${family} ${persian} ❤\ufe0f ${marked}`,
    )
  })

  it('keeps at most MOST_MARKS_IN_A_ROW combining marks on a letter, so a pile cannot draw over the lines beside it', () => {
    const pile = '\u0301\u0316\u0489'.repeat(400)
    const title = RequestTitle.parse(`Fix${pile} the build`)
    expect(title).toBe(`Fix${pile.slice(0, MOST_MARKS_IN_A_ROW)} the build`)
    expect(PersonName.parse(`Sam${'\u0300'.repeat(100)}`)).toBe(`Sam${'\u0300'.repeat(MOST_MARKS_IN_A_ROW)}`)
    // A notification's or a menu's text is cleaned the same way, whatever the cache held.
    expect(shownText(`Fix${'\u0301'.repeat(100)} it`, { max: 120 })).toBe(
      `Fix${'\u0301'.repeat(MOST_MARKS_IN_A_ROW)} it`,
    )
    // Marks either side of an invisible or a control count as one run once it is gone, and the
    // text is the same the second time.
    const split = MessageBody.parse(`x${'\u0301'.repeat(6)}\u200b\u0000${'\u0301'.repeat(6)}`)
    expect(split).toBe(`x${'\u0301'.repeat(MOST_MARKS_IN_A_ROW)}`)
    expect(MessageBody.parse(split)).toBe(split)
  })

  it('keeps the marks writing stacks on one letter: Vietnamese, pointed Hebrew, Myanmar, a keycap', () => {
    for (const written of [
      'Nguye\u0302\u0303n',
      '\u05d1\u05bc\u05b0\u05bd\u0591\u05e8\u05b5\u05d0\u05e9\u05b4\u05c1\u05d9\u05ea',
      '\u1000\u103b\u103d\u103e\u102d\u102f\u1037',
      '1\ufe0f\u20e3 first',
    ])
      expect(RequestTitle.parse(written)).toBe(written)
  })

  it('keeps the flags spelled with tag characters (England, Scotland, Wales), and no other tags', () => {
    const tags = (code: string): string =>
      [...code].map((c) => String.fromCodePoint(0xe0000 + c.codePointAt(0)!)).join('')
    const flag = (code: string): string => `\u{1f3f4}${tags(code)}\u{e007f}`
    const flags = `${flag('gbeng')} ${flag('gbsct')} ${flag('gbwls')} fans`
    expect(RequestTitle.parse(flags)).toBe(flags)
    expect(shownText(flags, { max: 100 })).toBe(flags)
    // A run too long for a subdivision code is words hidden behind a flag: they go, the flag stays.
    expect(RequestTitle.parse(`${flag('ignoreallrules')} x`)).toBe('\u{1f3f4} x')
    expect(RequestTitle.parse(`a${tags('gbeng')}\u{e007f}b`)).toBe('ab')
  })
})

describe('clipText', () => {
  it('keeps text within the limit as it is', () => {
    expect(clipText('short', 5)).toBe('short')
  })

  it('counts UTF-16 units, as Windows does, and ends a cut with an ellipsis', () => {
    const clipped = clipText('😀'.repeat(100), 127)
    expect(clipped.length).toBeLessThanOrEqual(127)
    expect(clipped.isWellFormed()).toBe(true)
    expect(clipped.endsWith('…')).toBe(true)
  })

  it('never splits a character made of several code points', () => {
    const family = '👨\u200d👩\u200d👧'
    expect(clipText(`ab ${family} cd`, 8)).toBe('ab…')
    expect(clipText('cafe\u0301s and more', 5)).toBe('caf…')
    expect(clipText('cafe\u0301s and more', 6)).toBe('cafe\u0301…')
  })
})

describe('cutText', () => {
  it('cuts between whole characters without a mark, keeping a character that ends at the cut', () => {
    expect(cutText('ab😀c', 3)).toBe('ab')
    expect(cutText('abe\u0301f', 3)).toBe('ab')
    expect(cutText('abc\u0301', 3)).toBe('ab')
    expect(cutText('ab😀c', 4)).toBe('ab😀')
    // Cut after "woman" and its joiner, the family would leave a joiner dangling at the end.
    expect(cutText('a👩‍👩‍👧', 4)).toBe('a')
    expect(clipText('Hi 👩‍👩‍👧 family', 7)).toBe('Hi…')
    expect(cutText('short', 10)).toBe('short')
  })

  it('keeps a line break of CR and LF whole, and Latin text is cut exactly at the limit', () => {
    expect(cutText('ab\r\ncd', 3)).toBe('ab')
    expect(cutText('ab\r\ncd', 4)).toBe('ab\r\n')
    expect(cutText('Ça coûte 12,50 € ¿sí?', 12)).toBe('Ça coûte 12,')
  })

  it('cuts every mix of scripts, marks, emoji and line breaks where segmenting it whole would', () => {
    const pieces = [
      'a',
      'é',
      'e\u0301',
      '\r',
      '\n',
      ' ',
      '😀',
      '👍🏽',
      '👩‍👩‍👧',
      '🇺🇦',
      '\u200d',
      '\u0915\u094d\u0937',
      '각',
      '\u1100\u1161',
      '©',
      '\ufe0f',
    ]
    let seed = 7
    const next = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
      return seed % n
    }
    for (let round = 0; round < 400; round++) {
      const text = Array.from({ length: 1 + next(24) }, () => pieces[next(pieces.length)]).join('')
      for (let max = 0; max <= text.length; max++) expect(cutText(text, max)).toBe(segmentedCut(text, max))
    }
  })
})

/** The cut made by segmenting the whole text: whole characters that end within `max`. */
function segmentedCut(text: string, max: number): string {
  let kept = ''
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
    if (kept.length + segment.length > max) break
    kept += segment
  }
  return kept
}

describe('shownText', () => {
  it('cleans text stored before the edge cleaned it: controls, line breaks, invisibles', () => {
    expect(shownText('Sam\u202e\r\nLee\u0000\u001b[2J\u200b', { max: 50 })).toBe('Sam  Lee[2J')
    expect(shownText('one\r\ntwo\u2028three', { max: 50, multiline: true })).toBe('one\ntwo\nthree')
  })

  it('cuts a long text to the limit, and marks a cut made before cleaning', () => {
    expect(shownText('x'.repeat(10_000), { max: 120 })).toBe(`${'x'.repeat(119)}…`)
    expect(shownText(`${'x'.repeat(30)}${'\u0000'.repeat(10_000)}`, { max: 20 })).toBe(`${'x'.repeat(19)}…`)
    expect(shownText(`ab${'\u0000'.repeat(100)}`, { max: 20 })).toBe('ab…')
  })

  it('shows a text of nothing but invisible characters as a replacement character, not as nothing', () => {
    expect(shownText('\u200b\u2060', { max: 20 })).toBe('\ufffd')
    expect(shownText('\u00ad', { max: 20, multiline: true })).toBe('\ufffd')
    expect(shownText('  ', { max: 20 })).toBe('')
  })

  it('is what a sentence from the platform is cut with', () => {
    expect(clipSentence('y'.repeat(5_000))).toBe(shownText('y'.repeat(5_000), { max: MOST_SENTENCE_CHARS }))
    expect(clipSentence('y'.repeat(5_000))).toHaveLength(MOST_SENTENCE_CHARS)
  })
})

describe('text shown past its bounded prefix', () => {
  it('never shows half of the emoji its prefix ends in, however much cleaning drops before it', () => {
    const max = 20
    // Invisibles up to the prefix's end, so cleaning leaves little but the emoji the prefix cuts.
    const text = `a${'\u200b'.repeat(max * 2 - 2)}😀 and more after it`
    expect(shownText(text, { max })).toBe('a…')
  })
})
