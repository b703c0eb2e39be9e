// What History's search looks for in what is typed: words as the index splits text, symbols and
// words of unspaced scripts as typed, both folded as the indexed text is, and bounded whatever is pasted.
import { describe, expect, it } from 'vitest'
import { isFiltered } from '../../../../src/shared/rules/history-filter'
import {
  HISTORY_QUERY_MAX,
  isSearching,
  MOST_SEARCH_TERMS,
  MOST_SYMBOL_UNITS,
  searchTerms,
} from '../../../../src/shared/rules/history-search'
import { foldForSearch } from '../../../../src/shared/text-normalise'

const words = (query: string) => searchTerms(query).words
const symbols = (query: string) => searchTerms(query).literals

describe('the terms of a History search', () => {
  it('splits a search into lower-case words as the index does, without repeats, and leaves punctuation out beside words', () => {
    expect(words('  VPN   drops\tVPN ')).toEqual(['vpn', 'drops'])
    expect(searchTerms('C++ "quoted" body:fix (NEAR) 100%_done')).toEqual({
      words: ['c', 'quoted', 'body', 'fix', 'near', '100', 'done'],
      literals: ['++'],
    })
    expect(searchTerms('Café naïve 東京')).toEqual({ words: ['cafe', 'naive'], literals: ['東京'] })
    expect(searchTerms("don't follow-up")).toEqual({ words: ['don', 't', 'follow', 'up'], literals: [] })
  })

  it('looks for emoji and other symbols as typed, beside the words or alone', () => {
    expect(searchTerms('😀')).toEqual({ words: [], literals: ['😀'] })
    expect(searchTerms('🔥 urgent 🔥')).toEqual({ words: ['urgent'], literals: ['🔥'] })
    expect(symbols('👍🏽 €5 → ✓')).toEqual(['👍🏽', '€', '→', '✓'])
    // A family: its joiners go, as they go from the indexed text; a flag is its two letters.
    expect(symbols('👨‍👩‍👧')).toEqual(['👨👩👧'])
    expect(symbols('🇩🇪')).toEqual(['🇩🇪'])
    // The emoji and the text presentation of a heart are one heart.
    expect(symbols('❤️')).toEqual(symbols('❤'))
  })

  it('looks for a word of a script written without spaces anywhere, as typed, since the index holds whole runs of it', () => {
    expect(searchTerms('サーバー')).toEqual({ words: [], literals: ['サーバー'] })
    expect(searchTerms('ด้วย 東京? vpn')).toEqual({ words: ['vpn'], literals: ['ด้วย', '東京'] })
    expect(searchTerms('東京 ?')).toEqual({ words: [], literals: ['東京'] })
    // Full-width Latin is Latin once folded; Korean is written with spaces and searched by words.
    expect(searchTerms('ＶＰＮ 서버')).toEqual({ words: ['vpn', '서버'], literals: [] })
  })

  it('looks for punctuation as typed only when the search holds nothing else', () => {
    expect(searchTerms('?')).toEqual({ words: [], literals: ['?'] })
    expect(searchTerms('"*^-:()%_\\')).toEqual({ words: [], literals: ['"*', '^', '-:()%_\\'] })
    expect(searchTerms('🔥 ?')).toEqual({ words: [], literals: ['🔥', '?'] })
    expect(searchTerms('%_* ¿')).toEqual({ words: [], literals: ['%_*', '¿'] })
    expect(searchTerms('why?')).toEqual({ words: ['why'], literals: [] })
  })

  it('folds full-width letters, ligatures, ß, final sigma and accents as the indexed text is folded', () => {
    expect(words('ＡＢＣ ﬁle Straße STRAẞE ΟΔΟΣ ①')).toEqual(['abc', 'file', 'strasse', 'οδοσ', '1'])
    expect(words('İstanbul Σίσυφος ёж')).toEqual(['istanbul', 'σισυφοσ', 'еж'])
    // A letter and its accent typed apart are the letter with its accent.
    expect(words('cafe\u0301')).toEqual(words('café'))
    // A joiner inside a word, which the index would take for a break, goes.
    expect(words('pass\u200dword pass\u200cword')).toEqual(['password'])
    for (const text of ['ＡＢＣ', 'ﬁ', 'Straße', 'İ', 'ΟΔΟΣ', 'ᾳ', '™', 'x😀\ufe0f']) {
      expect(foldForSearch(foldForSearch(text)), text).toBe(foldForSearch(text))
    }
    expect(foldForSearch('plain ASCII, Kept As Is')).toBe('plain ASCII, Kept As Is')
  })

  it('looks for nothing in a search of spaces and invisible characters, so the list is not narrowed', () => {
    for (const blank of ['', '   ', '\u200b', '\u200d', '\ufe0f', '\u2060 \u200b', '\u202e', '\u0007'])
      expect(isSearching(blank), JSON.stringify(blank)).toBe(false)
    for (const query of ['😀', '?', 'a', '\ufffd'])
      expect(isSearching(query), JSON.stringify(query)).toBe(true)
    expect(isFiltered({ query: '\u200b \u200d' })).toBe(false)
    expect(isFiltered({ query: '🔥' })).toBe(true)
  })

  it('keeps a broken emoji as the replacement character the indexed text holds for it', () => {
    expect(searchTerms('\ud83d broken')).toEqual({ words: ['broken'], literals: ['\ufffd'] })
  })

  it('bounds what any text makes it look for: a few terms, each symbol run short and whole', () => {
    expect(words('a b c d e f g h i j k')).toHaveLength(MOST_SEARCH_TERMS)
    const many = searchTerms('a b c d e f 😀 🔥 ✓ → €')
    expect(many.words.length + many.literals.length).toBe(MOST_SEARCH_TERMS)
    expect(many.literals).toEqual(['😀', '🔥'])
    const run = symbols('😀'.repeat(100))[0]!
    expect(run.length).toBeLessThanOrEqual(MOST_SYMBOL_UNITS)
    expect(run.isWellFormed()).toBe(true)
    // One grapheme longer than the cut (prepended signs before an emoji) is cut, never emptied:
    // an empty run would be found in every row.
    for (const long of ['\u0600'.repeat(40) + '😀', '😀\u20dd'.repeat(30), '\u{1f3f4}'.repeat(40)]) {
      const [start] = symbols(long)
      expect(start, JSON.stringify(long)).toMatch(/^.+$/u)
      expect(start!.length).toBeLessThanOrEqual(MOST_SYMBOL_UNITS)
      expect(start!.isWellFormed()).toBe(true)
    }
    // Text far past the box's limit, and text that folding lengthens, cost no more than the limit.
    expect(searchTerms('word '.repeat(100_000)).words).toEqual(['word'])
    const expanding = words('\ufdfa'.repeat(HISTORY_QUERY_MAX * 10))
    expect(expanding.length).toBeLessThanOrEqual(MOST_SEARCH_TERMS)
  })
})
