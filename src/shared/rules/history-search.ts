/**
 * What History's search looks for in what is typed: words, found by the words they begin, and
 * symbols (emoji, currency, arrows), found as typed, since the word index drops them; a word of
 * a script written without spaces is found anywhere, as typed, since the index holds whole runs. Both sides
 * of the comparison are folded alike (foldForSearch), so ＡＢＣ finds abc and straße finds STRASSE.
 * Pure and free of zod, so the window can tell, as the cache does, whether a search narrows.
 */
import { cutText } from '../text-cut'
import { foldForSearch, normaliseLine } from '../text-normalise'

/** The longest search the History box sends, in UTF-16 units. */
export const HISTORY_QUERY_MAX = 200

/** The most terms (words and symbol runs) of a search that count; more add nothing a person would notice. */
export const MOST_SEARCH_TERMS = 8

/**
 * The longest term looked for as typed, in UTF-16 units: a family emoji with its skin tones fits,
 * and the search for it in each row's text stays short whatever is pasted; a longer run is looked
 * for by its start.
 */
export const MOST_SYMBOL_UNITS = 32

/**
 * The start of a term looked for as typed, at most MOST_SYMBOL_UNITS units of whole code points and never
 * empty: cut between characters rather than graphemes, since one grapheme can be longer than the
 * cut (a run of prepended signs), and an empty run would be found in every row.
 */
function startOf(run: string): string {
  let kept = ''
  for (const character of run) {
    if (kept !== '' && kept.length + character.length > MOST_SYMBOL_UNITS) break
    kept += character
  }
  return kept
}

/** What a search looks for, each folded as the searched text is. */
export interface SearchTerms {
  /** Each must begin a word of the searched text (an FTS5 prefix query). */
  readonly words: ReadonlyArray<string>
  /** Each must appear in the searched text as it is, anywhere (a substring). */
  readonly literals: ReadonlyArray<string>
}

// A word as the index's tokenizer (unicode61) reads one: a letter, digit or private-use character
// and whatever letters, digits and marks follow. Punctuation is a run of its own. Everything else
// that is not a space is a symbol run: emoji with their modifiers, currency, arrows, and marks or
// characters unknown to this version of Unicode that the index would drop as it drops the emoji.
const TERM = /([\p{L}\p{N}\p{Co}][\p{L}\p{N}\p{M}\p{Co}]*)|(\p{P}+)|([^\p{L}\p{N}\p{Co}\p{P}\p{Z}\s]+)/gu
// Scripts written without spaces between words: the index holds a whole run of such text as one
// word, so a word typed in one is found anywhere in the text rather than only at a run's start.
const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/u

/**
 * The terms of `query`: its words, found by the words they begin (those of scripts written without
 * spaces found anywhere), and its symbol runs, found as typed. Punctuation is looked for as well
 * when the search has no word (a search for "?" finds the rows with one), but not beside words,
 * since "don't" or "follow-up" must find the same words written with another apostrophe or dash.
 * Repeats count once; at most MOST_SEARCH_TERMS terms, the words first.
 */
export function searchTerms(query: string): SearchTerms {
  // Cut first, so no caller can make the folding, which may lengthen text, work past the limit.
  const text = foldForSearch(normaliseLine(cutText(query, HISTORY_QUERY_MAX)))
  const words = new Set<string>()
  // Each term found as typed, in the order typed: a word of an unspaced script, or a run of
  // symbols or of punctuation.
  const literals = new Map<string, 'word' | 'symbols' | 'punctuation'>()
  for (const [, word, marks, symbol] of text.matchAll(TERM)) {
    if (word !== undefined && !UNSPACED.test(word)) words.add(word.toLowerCase())
    else if (word !== undefined) literals.set(startOf(word), 'word')
    else if (marks !== undefined) literals.set(startOf(marks), 'punctuation')
    else if (symbol !== undefined) literals.set(startOf(symbol), 'symbols')
  }
  const hasWord = words.size > 0 || [...literals.values()].includes('word')
  const kept = [...words].slice(0, MOST_SEARCH_TERMS)
  const looked = [...literals].filter(([, kind]) => kind !== 'punctuation' || !hasWord).map(([run]) => run)
  return { words: kept, literals: looked.slice(0, MOST_SEARCH_TERMS - kept.length) }
}

/** True when `query` looks for anything: not blank once normalised (spaces and invisibles only). */
export function isSearching(query: string | undefined): boolean {
  if (query === undefined) return false
  const { words, literals } = searchTerms(query)
  return words.length > 0 || literals.length > 0
}
