import { describe, expect, it } from 'vitest'
import { holdsTextToClean } from '../../../../../src/main/db/migrations/strings-to-clean'
import { normaliseParagraphs } from '../../../../../src/shared/text-normalise'
import { seededRandom } from '../../../../support/mutation-fuzz'

/** Printable ASCII that JSON writes as itself. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/

describe('holdsTextToClean', () => {
  it('finds exactly the JSON whose text past printable ASCII cleaning changes, wherever it stands', () => {
    // Every kind of character cleaning looks at, beside plain and clean ones: a blank of each
    // kind, what draws nothing, invisibles, controls, marks, a line separator, a quote and a
    // backslash (both escaped in JSON), a letter, a kanji with its ideographic variant selector.
    const parts = [
      ...[' ', '\t', '\n', '\r', '\u3000', '\u00a0', '\u2800', '\u200d', '\u200c', '\u200f', '\u061c'],
      ...['\ufe0f', '\u{e0100}', '\u2064', '\u200b', '\u00ad', '\u{e0041}', '\ufffe', '\u0007', '\u007f'],
      ...['\u0085', '\u2028', '\u0301', '\u0301\u0301\u0301\u0301', '"', '\\', 'a', '辺', '\u{1f600}'],
      '\ud800',
    ]
    const random = seededRandom(21)
    const text = () =>
      Array.from({ length: Math.floor(random() * 7) }, () => parts[Math.floor(random() * parts.length)]).join(
        '',
      )
    let changing = 0
    for (let n = 0; n < 20_000; n++) {
      const [before, inside, after] = [text(), text(), text()]
      const strings = [before, inside, after]
      // What the migration passes over: printable ASCII, which every version trimmed, but for a
      // quote or a backslash, which JSON escapes.
      const changes = strings.some((each) => !PLAIN.test(each) && normaliseParagraphs(each) !== each)
      if (changes) changing++
      const json = JSON.stringify({ id: 'ses_1', before, client: { id: 'c', name: inside, tags: [after] } })
      expect(holdsTextToClean(json), JSON.stringify(strings)).toBe(changes)
    }
    expect(changing).toBeGreaterThan(1000)
    expect(holdsTextToClean(JSON.stringify({ id: 'r', name: ' "Sam"' }))).toBe(true)
  })

  it('passes over clean text past ASCII, and takes JSON it cannot read for the parse to judge', () => {
    const clean = [
      '山田\u3000太郎',
      'ログインできません。\n画面に戻ります。',
      'Straße ❤️',
      '辺\u{e0100}',
      'C:\\"x"',
    ]
    for (const each of clean) expect(holdsTextToClean(JSON.stringify({ id: 'r', each })), each).toBe(false)
    // Written by another program, as escapes: an invisible, and half an emoji.
    expect(holdsTextToClean(String.raw`{"id":"r","name":"Sa\u2064m"}`)).toBe(true)
    expect(holdsTextToClean(String.raw`{"id":"r","name":"Sam\ud83d"}`)).toBe(true)
    expect(holdsTextToClean(String.raw`{"id":"r","name":"Sam\u00e9"}`)).toBe(false)
    expect(holdsTextToClean('{"id":"r","name":"\u2800Sam')).toBe(true)
    expect(holdsTextToClean('{"id":"r","name":"Sam\\x"}')).toBe(true)
  })
})
