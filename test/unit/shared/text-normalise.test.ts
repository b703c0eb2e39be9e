import { describe, expect, it } from 'vitest'
import { MessageDraft } from '../../../src/shared/protocol/entities'
import { isBlankText, normaliseLine, normaliseParagraphs } from '../../../src/shared/text-normalise'

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
    ]
    for (const draft of drafts) {
      expect(isBlankText(draft), JSON.stringify(draft)).toBe(!MessageDraft.safeParse(draft).success)
    }
    expect(isBlankText('\u200b\u2060')).toBe(true)
    expect(isBlankText('ok')).toBe(false)
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
