import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { Expert, Invite, Message, Session } from '../../../src/shared/protocol'
import { shapeCheck } from '../../../src/shared/shape-check'
import {
  aMessage,
  anExpert,
  anInvite,
  aScheduledRequest,
  aSession,
  endedSession,
  FIXTURE_NOW,
  liveSession,
  MINUTE,
} from '../../support/fixtures'

/** Every path to a member in `value` (objects and arrays), with the value there. */
function paths(
  value: unknown,
  at: ReadonlyArray<string | number> = [],
): Array<ReadonlyArray<string | number>> {
  if (typeof value !== 'object' || value === null) return [at]
  const keys: Array<string | number> = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value)
  return [at, ...keys.flatMap((key) => paths((value as Record<string | number, unknown>)[key], [...at, key]))]
}

/** A deep copy of `value` with `replacement` at `path`. */
function replaced(value: unknown, path: ReadonlyArray<string | number>, replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>
  if (path.length === 0) return replacement
  let parent = copy
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>
  parent[path.at(-1) as string | number] = replacement
  return copy
}

const REPLACEMENTS: ReadonlyArray<unknown> = [
  null,
  undefined,
  0,
  -1,
  1.5,
  1e300,
  '',
  'x',
  true,
  [],
  {},
  [1],
  { id: 'x' },
]

const ended = endedSession(liveSession(aSession(), FIXTURE_NOW), FIXTURE_NOW + 20 * MINUTE)
const scheduled = aSession({
  kind: 'scheduled',
  request: aScheduledRequest('req_scheduled', FIXTURE_NOW + 60 * MINUTE),
})
const samples: ReadonlyArray<readonly [string, z.ZodType, unknown]> = [
  ['a session', Session, ended],
  ['a scheduled session', Session, scheduled],
  ['an invite', Invite, anInvite()],
  ['a message', Message, aMessage()],
  ['an expert', Expert, anExpert()],
]

describe('shapeCheck', () => {
  it.each(samples)('accepts %s the schema accepts, as stored (JSON) and as parsed', (_, schema, value) => {
    const check = shapeCheck(schema)
    expect(check(JSON.parse(JSON.stringify(value)))).toBeNull()
    expect(check(schema.parse(value))).toBeNull()
  })

  it.each(samples)(
    'never refuses what the schema accepts, for %s with any member replaced',
    (_, schema, value) => {
      const check = shapeCheck(schema)
      let refused = 0
      for (const path of paths(value)) {
        for (const replacement of REPLACEMENTS) {
          const candidate = replaced(value, path, replacement)
          const problem = check(candidate)
          if (problem === null) continue
          refused++
          // The soundness this file is for: a refusal here is a row shown to nobody.
          expect(
            schema.safeParse(candidate).success,
            `${path.join('.')} = ${JSON.stringify(replacement)}`,
          ).toBe(false)
        }
      }
      expect(refused).toBeGreaterThan(0)
    },
  )

  it('names where a stored session went wrong deep inside, for what would break a view or a reminder', () => {
    const check = shapeCheck(Session)
    const cases: ReadonlyArray<readonly [ReadonlyArray<string | number>, unknown, RegExp]> = [
      [['bookedStart'], 'tomorrow', /^bookedStart: expected a number$/],
      [['bookedStart'], 8.7e15, /^bookedStart: expected a number up to/],
      [['bookedStart'], 1.5, /^bookedStart: expected a whole number$/],
      [['state'], 'bogus', /^state: expected one of /],
      [['request', 'proposedTimes'], 'soon', /^request\.proposedTimes: expected an array$/],
      [['request', 'proposedTimes', 0], null, /^request\.proposedTimes\[0\]: expected a number$/],
      [['request', 'title'], 42, /^request\.title: expected a string$/],
      [['request', 'attachments'], [{}], /^request\.attachments\[0\]\./],
      [['outcome'], 'paid', /^outcome: expected an object$/],
    ]
    for (const [path, value, message] of cases) {
      expect(check(replaced(ended, path, value))).toMatch(message)
    }
    expect(check('a string')).toBe('the value: expected an object')
  })

  it('follows a schema that reaches itself, and checks each member of a union', () => {
    interface Tree {
      readonly name: string
      readonly children: Tree[]
    }
    const Tree: z.ZodType<Tree> = z.object({ name: z.string(), children: z.array(z.lazy(() => Tree)) })
    const check = shapeCheck(Tree)
    expect(check({ name: 'a', children: [{ name: 'b', children: [] }] })).toBeNull()
    expect(check({ name: 'a', children: [{ name: 2, children: [] }] })).toBe(
      'children[0].name: expected a string',
    )

    const Shape = z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('circle'), radius: z.number().positive() }),
      z.object({ kind: z.literal('square'), side: z.number() }),
    ])
    expect(shapeCheck(Shape)({ kind: 'square', side: 2 })).toBeNull()
    expect(shapeCheck(Shape)({ kind: 'circle', radius: 0 })).toBe('radius: expected a number above 0')
  })

  it('drops what the schema does not name, at every depth, from a value that fits: as a parse does', () => {
    const stored = JSON.parse(JSON.stringify(ended)) as Record<string, unknown>
    const edited = JSON.parse(JSON.stringify(ended)) as Record<string, unknown>
    // Deep enough that sending it to a window would fail.
    edited['extra'] = JSON.parse(`${'['.repeat(10_000)}${']'.repeat(10_000)}`) as unknown
    ;(edited['request'] as Record<string, unknown>)['extra'] = { note: 'edited' }
    ;(edited['outcome'] as Record<string, unknown>)['percent'] = 50
    expect(shapeCheck(Session)(edited)).toBeNull()
    expect(edited).toEqual(stored)
    expect(Session.parse(stored)).toEqual(edited)
    expect(() => structuredClone(edited)).not.toThrow()

    // A value that does not fit is left as it was found.
    const wrong = { ...stored, bookedStart: 'soon', extra: 1 }
    expect(shapeCheck(Session)(wrong)).toMatch(/^bookedStart/)
    expect(wrong.extra).toBe(1)
  })

  it('drops nothing from an object the schema keeps whole, nor for a union option that did not fit', () => {
    const Loose = z.looseObject({ a: z.number() })
    const loose = { a: 1, b: 2 }
    expect(shapeCheck(Loose)(loose)).toBeNull()
    expect(loose).toEqual({ a: 1, b: 2 })

    const Either = z.union([
      z.object({ inner: z.object({ x: z.number() }), tag: z.string() }),
      z.object({ inner: z.object({ x: z.number(), y: z.number() }), tag: z.number() }),
    ])
    const second = { inner: { x: 1, y: 2 }, tag: 3 }
    expect(shapeCheck(Either)(second)).toBeNull()
    expect(second).toEqual(Either.parse(second))
    expect(second).toEqual({ inner: { x: 1, y: 2 }, tag: 3 })
  })

  it('accepts what a transform returns, which the schema cannot describe', () => {
    const Parsed = z.object({ count: z.string().transform((text) => Number(text)) })
    expect(shapeCheck(Parsed)({ count: 3 })).toBeNull()
  })
})
