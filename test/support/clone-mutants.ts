/**
 * A seeded generator of what a page can hand to Electron's IPC: a valid request with one part
 * replaced by something structured clone carries (a date, a map, a typed array, a BigInt, a boxed
 * string, a sparse array, NaN, -0), by hostile text (a lone surrogate, NUL, a bidi override, text
 * far over any bound), by deep nesting or a huge array, with a key taken away, or with a key added
 * (`__proto__`, `constructor`, `prototype`, a key of hostile text). Values structured clone turns
 * into something else on the way (a class instance, a getter) are built as the page holds them;
 * the carrier clones them. The same seed always gives the same mutants.
 */
import { seededRandom } from './mutation-fuzz'

/** A run of text that no refusal may repeat: past the length any message quotes of a value. */
export const ATTACKER_TEXT = 'ZQX'.repeat(21)

type Make = () => unknown

/** Leaves that are not plain data, or are data no field of the contract takes. */
const LEAVES: ReadonlyArray<readonly [string, Make]> = [
  ['a date', () => new Date(0)],
  ['an invalid date', () => new Date(Number.NaN)],
  ['a map', () => new Map([['inviteId', 'inv_1']])],
  ['a set', () => new Set(['inv_1'])],
  ['a Uint8Array', () => new Uint8Array([1, 2, 3])],
  ['a Float64Array', () => new Float64Array([Number.NaN])],
  ['an ArrayBuffer', () => new ArrayBuffer(8)],
  ['a DataView', () => new DataView(new ArrayBuffer(8))],
  ['a BigInt', () => 10n],
  ['a huge BigInt', () => 1n << 4_000_000n],
  ['a boxed string', () => new String('inv_1')],
  ['a boxed number', () => new Number(1)],
  ['a boxed boolean', () => new Boolean(true)],
  ['a regular expression', () => /inv_1/g],
  ['an error', () => new Error(ATTACKER_TEXT)],
  [
    'a class instance',
    () =>
      new (class Invite {
        readonly inviteId = 'inv_1'
      })(),
  ],
  [
    'an object with a getter',
    () => ({
      get inviteId() {
        return 'inv_1'
      },
    }),
  ],
  ['an object without a prototype', () => Object.assign(Object.create(null) as object, { a: 1 })],
  ['a sparse array a million long', () => Object.assign([], { length: 1_000_000 })],
  ['a huge array', () => Array.from({ length: 200_000 }, () => 1)],
  ['NaN', () => Number.NaN],
  ['Infinity', () => Number.POSITIVE_INFINITY],
  ['-Infinity', () => Number.NEGATIVE_INFINITY],
  ['-0', () => -0],
  ['a fraction', () => 1.5],
  ['past the safe integers', () => 2 ** 53 + 2],
  ['a negative', () => -1],
  ['null', () => null],
  ['undefined', () => undefined],
  ['true', () => true],
  ['an empty string', () => ''],
  ['an empty list', () => []],
  ['an empty object', () => ({})],
  ['a lone high surrogate', () => 'inv_\ud800'],
  ['a lone low surrogate', () => '\udc00inv'],
  ['NUL', () => 'inv_1\u0000'],
  ['a bidi override', () => '\u202einv_1'],
  ['a line break and a forged log line', () => 'inv_1\n2026-01-01 ERROR forged'],
  ['over-long text', () => ATTACKER_TEXT.repeat(20_000)],
  ['deeply nested objects', () => nest(1_000, false)],
  ['deeply nested lists', () => nest(1_000, true)],
]

/** Keys a page may add to an object, each holding one of LEAVES or a plain value. */
const KEYS: ReadonlyArray<string> = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'extra',
  '\u202ekey',
  'key\nERROR forged',
  '\ud800',
  ATTACKER_TEXT,
]

function nest(depth: number, asList: boolean): unknown {
  let value: unknown = 'inv_1'
  for (let level = 0; level < depth; level += 1) value = asList ? [value] : { a: value }
  return value
}

type Path = ReadonlyArray<string | number>

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const paths: Path[] = [prefix]
  if (typeof value !== 'object' || value === null) return paths
  for (const [key, item] of Object.entries(value))
    paths.push(...pathsOf(item, [...prefix, Array.isArray(value) ? Number(key) : key]))
  return paths
}

/** One mutant: what was done where, and the value a page would pass to ipcRenderer.invoke. */
export interface CloneMutant {
  readonly what: string
  readonly value: unknown
}

/** `count` mutants of `sample`, the same for the same seed. */
export function cloneMutants(sample: unknown, seed: number, count: number): CloneMutant[] {
  const random = seededRandom(seed)
  const one = <T>(items: ReadonlyArray<T>): T => items[Math.floor(random() * items.length)]!
  const paths = pathsOf(sample)
  return Array.from({ length: count }, () => {
    const path = one(paths)
    const at = path.join('.') || '(root)'
    const roll = random()
    if (roll < 0.15 && path.length > 0)
      return { what: `${at} taken away`, value: changed(sample, path, REMOVE) }
    if (roll < 0.35) {
      const [name, make] = one(LEAVES)
      const key = one(KEYS)
      const target = path.length === 0 ? sample : undefined
      if (typeof target === 'object' && target !== null && !Array.isArray(target)) {
        const value: Record<string, unknown> = { ...(target as Record<string, unknown>) }
        // An own key even for "__proto__", as JSON.parse and structured clone make it.
        Object.defineProperty(value, key, {
          value: make(),
          enumerable: true,
          writable: true,
          configurable: true,
        })
        return { what: `key ${JSON.stringify(key.slice(0, 12))} holding ${name} added`, value }
      }
    }
    const [name, make] = one(LEAVES)
    return { what: `${name} at ${at}`, value: changed(sample, path, make()) }
  })
}

const REMOVE = Symbol('remove')

/** A copy of `root` with the value at `path` replaced by `next`, or taken away for REMOVE. */
function changed(root: unknown, path: Path, next: unknown): unknown {
  if (path.length === 0) return next === REMOVE ? undefined : next
  const copy = structuredClone(root) as Record<string | number, unknown>
  let parent = copy
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>
  const last = path.at(-1)!
  if (next === REMOVE) delete parent[last]
  else parent[last] = next
  return copy
}
