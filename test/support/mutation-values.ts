/**
 * The broken values the mutation fuzzer (mutation-fuzz.ts) puts in place of good ones, each with
 * the words a failure names it by.
 */

/** Keys that reach an object's prototype where a parser or a spread is careless. */
export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'] as const

/** Values of another type than the one expected ('WRAP' wraps the value in an array). */
export const WRONG_TYPES: ReadonlyArray<readonly [string, unknown]> = [
  ['null', null],
  ['undefined', undefined],
  ['true', true],
  ['0', 0],
  ['empty string', ''],
  ['string "1"', '1'],
  ['empty array', []],
  ['empty object', {}],
  ['array of the value', 'WRAP'],
]

/** Numbers no count, price or duration may be. */
export const BAD_NUMBERS: ReadonlyArray<readonly [string, number]> = [
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['-Infinity', Number.NEGATIVE_INFINITY],
  ['-0', -0],
  ['1e308', 1e308],
  ['-1', -1],
  ['0.5', 0.5],
  ['-1e308', -1e308],
  ['2^53 + 2', 2 ** 53 + 2],
]

/** Times out of range, or not milliseconds since the epoch. */
export const BAD_DATES: ReadonlyArray<readonly [string, unknown]> = [
  ['far past', -8.64e15],
  ['epoch 0', 0],
  ['far future', 8.64e15],
  ['beyond Date', 8.64e15 + 1],
  ['year 3000', Date.UTC(3000, 0, 1)],
  ['ISO string', '2026-12-01T10:00:00Z'],
  ['malformed date', '2026-13-45'],
  ['seconds, not ms', 1_764_583_200],
]

/** Text that is ill-formed, invisible, a path or an address nothing should follow. */
export const BAD_TEXT: ReadonlyArray<readonly [string, string]> = [
  ['lone high surrogate', 'a\ud800b'],
  ['lone low surrogate', '\udfffx'],
  ['cut emoji', 'hello \ud83d'],
  ['NUL', 'a\u0000b'],
  ['bidi override', '\u202eexe.pdf'],
  ['only invisibles', '\u200b\u200b'],
  ['path up', '../../../etc/passwd'],
  ['backslash path', '..\\..\\windows'],
  ['slash', 'a/b'],
  ['encoded dots', '%2e%2e%2f'],
  ['script url', 'javascript:alert(1)'],
  ['file url', 'file:///etc/passwd'],
  ['credentials in a url', 'https://ada:secret@platform.example.com'],
  ['plain http to another computer', 'http://platform.example.com'],
  ['loopback look-alike', 'http://127.0.0.1.example.com'],
  ['broken url', 'https://[::1'],
  ['spaces only', '   '],
  ['empty', ''],
]
