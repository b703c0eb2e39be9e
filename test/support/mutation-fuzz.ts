/**
 * A small, deterministic mutation fuzzer for the app's edges: from one valid sample message it
 * makes mutants, each the sample with one thing broken (a wrong type at a path, a key missing or
 * added, a prototype key, ill-formed Unicode, a huge string or array, deep nesting, an impossible
 * number or date, an id with path characters, a duplicated id with another payload). The same
 * seed always gives the same mutants, so a failure names its seed and mutant and replays exactly.
 */
import { BAD_DATES, BAD_NUMBERS, BAD_TEXT, PROTO_KEYS, WRONG_TYPES } from './mutation-values'

/** A seeded generator (mulberry32): numbers in [0, 1), the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
  let state = seed | 0
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** One mutant: the sample with one thing broken, and words for what. */
export interface Mutant {
  readonly seed: number
  readonly index: number
  /** What was broken where, e.g. `number NaN at events.0.id`. */
  readonly what: string
  readonly value: unknown
}

type Path = ReadonlyArray<string | number>
type Mutation = (value: unknown, pick: Picker) => { value: unknown; what: string } | null

/** Choices from the seeded generator. */
export interface Picker {
  readonly random: () => number
  one<T>(items: ReadonlyArray<T>): T
}

function picker(random: () => number): Picker {
  return { random, one: (items) => items[Math.floor(random() * items.length)] as never }
}

/** How big the huge things are: past every limit at the edges, yet quick to build and check. */
export const HUGE_STRING_UNITS = 300_000
export const HUGE_ARRAY_ITEMS = 50_000
export const DEEP_NESTING = 5_000

/** The paths to every value inside `value`, the root included, depth first. */
export function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const paths: Path[] = [prefix]
  if (Array.isArray(value)) value.forEach((item, i) => paths.push(...pathsOf(item, [...prefix, i])))
  else if (isObject(value))
    for (const key of Object.keys(value)) paths.push(...pathsOf(value[key], [...prefix, key]))
  return paths
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function getAt(root: unknown, path: Path): unknown {
  let here = root
  for (const key of path) here = (here as Record<string | number, unknown>)[key]
  return here
}

/** `root` (a fresh copy) with the value at `path` replaced by `make(old)`, or removed when it returns REMOVE. */
function withAt(root: unknown, path: Path, make: (old: unknown) => unknown): unknown {
  if (path.length === 0) return make(root)
  const copy = structuredClone(root)
  const parent = getAt(copy, path.slice(0, -1)) as Record<string | number, unknown>
  const key = path.at(-1) as string | number
  const next = make(parent[key])
  if (next === REMOVE) {
    if (Array.isArray(parent)) parent.splice(key as number, 1)
    else delete parent[key]
  } else {
    // An own property even for "__proto__", as JSON.parse makes it.
    Object.defineProperty(parent, key, { value: next, enumerable: true, writable: true, configurable: true })
  }
  return copy
}

const REMOVE = Symbol('remove')

function ownKey(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

function nest(depth: number, leaf: unknown, asArray: boolean): unknown {
  let value = leaf
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value }
  return value
}

/** A mutation putting one of `table`'s named values in place of a value of type `of`. */
function fromTable(
  of: 'number' | 'string',
  label: string,
  table: ReadonlyArray<readonly [string, unknown]>,
): Mutation {
  return (old, p) => {
    if (typeof old !== of) return null
    const [name, value] = p.one(table)
    return { what: `${label} ${name}`, value }
  }
}

/** The mutations, each as a name and what it does to one value (null when it does not apply). */
const MUTATIONS: ReadonlyArray<readonly [string, Mutation]> = [
  [
    'wrong type',
    (old, p) => {
      const [name, value] = p.one(WRONG_TYPES)
      return { what: `wrong type (${name})`, value: value === 'WRAP' ? [old] : structuredClone(value) }
    },
  ],
  ['missing', () => ({ what: 'missing', value: REMOVE })],
  [
    'extra key',
    (old, p) => {
      if (!isObject(old)) return null
      const copy = { ...old }
      const key = p.one(['extra', 'x'.repeat(1_000), 'type', 'id', '\ud800'])
      ownKey(copy, key, p.one([1, 'surprise', { nested: true }]))
      return { what: `extra key ${JSON.stringify(key.slice(0, 20))}`, value: copy }
    },
  ],
  [
    'prototype key',
    (old, p) => {
      if (!isObject(old)) return null
      const copy = { ...old }
      const key = p.one(PROTO_KEYS)
      ownKey(copy, key, { polluted: true, id: 'polluted', toString: 'x' })
      return { what: `own key ${key}`, value: copy }
    },
  ],
  ['bad number', fromTable('number', 'number', BAD_NUMBERS)],
  ['bad date', fromTable('number', 'date', BAD_DATES)],
  ['bad text', fromTable('string', 'text', BAD_TEXT)],
  [
    'huge string',
    (old) => {
      if (typeof old !== 'string') return null
      return { what: 'huge string', value: `${old}${'x'.repeat(HUGE_STRING_UNITS)}` }
    },
  ],
  [
    'huge array',
    (old) => {
      if (!Array.isArray(old)) return null
      const item = old[0] ?? 0
      return { what: 'huge array', value: Array.from({ length: HUGE_ARRAY_ITEMS }, () => item) }
    },
  ],
  [
    'deep nesting',
    (_old, p) => {
      const asArray = p.random() < 0.5
      return {
        what: `nested ${DEEP_NESTING} deep (${asArray ? 'arrays' : 'objects'})`,
        value: nest(DEEP_NESTING, 1, asArray),
      }
    },
  ],
  [
    'duplicate id',
    (old, p) => {
      if (!Array.isArray(old)) return null
      const withId = old.filter((item) => isObject(item) && 'id' in item) as Array<Record<string, unknown>>
      if (withId.length === 0) return null
      const twin = structuredClone(p.one(withId))
      const keys = Object.keys(twin).filter((key) => key !== 'id')
      const key = keys.length === 0 ? 'extra' : p.one(keys)
      twin[key] = typeof twin[key] === 'string' ? `${twin[key] as string} (other)` : 'other payload'
      return { what: `duplicate id ${String(twin['id'])} with another ${key}`, value: [...old, twin] }
    },
  ],
]

/** Options for `mutants`. */
export interface MutantOptions {
  readonly seed: number
  readonly count: number
  /** Paths never mutated (a field the test itself needs intact, such as a call's id). */
  readonly keep?: (path: Path) => boolean
}

/** `count` mutants of `sample`, the same ones for the same seed. */
export function mutants(sample: unknown, { seed, count, keep }: MutantOptions): Mutant[] {
  const p = picker(seededRandom(seed))
  const paths = pathsOf(sample).filter((path) => keep?.(path) !== true)
  const made: Mutant[] = []
  for (let tries = 0; made.length < count && tries < count * 50; tries++) {
    const path = p.one(paths)
    const [, mutate] = p.one(MUTATIONS)
    let what = ''
    const value = withAt(sample, path, (old) => {
      const result = mutate(old, p)
      if (result === null) return old
      what = result.what
      return result.value === REMOVE && path.length === 0 ? undefined : result.value
    })
    if (what === '') continue
    made.push({ seed, index: made.length, what: `${what} at ${path.join('.') || '(root)'}`, value })
  }
  return made
}

/** A mutant in a few hundred characters, for a failure message: seed, index, what, and a preview. */
export function describeMutant(mutant: Mutant): string {
  let preview: string
  try {
    preview = JSON.stringify(mutant.value, (_key, v: unknown) =>
      typeof v === 'string' && v.length > 80 ? `${v.slice(0, 80)}…(${v.length})` : v,
    )
  } catch {
    preview = '(too deep to print)'
  }
  return `seed ${mutant.seed} mutant ${mutant.index}: ${mutant.what}\n${(preview ?? 'undefined').slice(0, 600)}`
}

/** `value` as JSON text, or undefined when it has none or is nested deeper than JSON.stringify can write. */
export function jsonText(value: unknown): string | undefined {
  try {
    return JSON.stringify(value)
  } catch {
    return undefined
  }
}

/**
 * Run `check` on every mutant; a failure (a throw or a failed expectation) is reported with the
 * seed and the mutant, so it replays exactly.
 */
export async function forEachMutant(
  list: ReadonlyArray<Mutant>,
  check: (mutant: Mutant) => void | Promise<void>,
): Promise<void> {
  for (const mutant of list) {
    try {
      await check(mutant)
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      throw new Error(`Fuzz failure, ${describeMutant(mutant)}\n${reason}`, { cause: error })
    }
  }
}
