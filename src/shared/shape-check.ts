/**
 * A structural check derived from a zod schema, for data this app already parsed once and stored:
 * the cache's rows. A full parse on every read costs far more than the read (zod compiles each
 * object schema on its first use in a process, which lands on the first page after a start), yet
 * a row changed under the app (by hand, by another program, by a damaged page that still parses)
 * can hold a wrong type or an impossible time deep inside, which then breaks a reminder, the tray
 * or a view far from the read. This checks what such a value would break: every member's type,
 * enum and literal values, numbers' bounds and whole-ness, arrays' items; not refinements, string
 * lengths or patterns (text is clipped where it is shown).
 *
 * It never refuses a value the schema itself would accept: where it cannot tell (a transform, a
 * custom check), it accepts. Like a parse, it drops from a value that fits the members its objects
 * do not name: what the platform sent was parsed before it was stored and holds none, so one found
 * on reading was put there, and could hold anything (nesting deep enough that sending the value to
 * a window fails, and the whole list with it).
 */
import type { z } from 'zod'
import { describe, defOf, failure, under, type Check, type Def, type Failure } from './shape-check-failure'
import { checkLeaf, leafOf, type Leaf } from './shape-check-leaves'

/**
 * What is wrong with a value, as "where: what was expected", or null when it fits (then without
 * the members its schema does not name).
 */
export type ShapeCheck = (value: unknown) => string | null

const checks = new WeakMap<object, Check>()

/** An object that fits, holding members its schema does not name. */
interface Unnamed {
  readonly record: Record<string, unknown>
  readonly named: ReadonlySet<string>
}

/**
 * The objects of the value being checked that hold unnamed members, dropped only once the whole
 * value fits: a union's option that fails after one of its objects fitted must not change what
 * the next option sees.
 */
const unnamed: Unnamed[] = []

/** A check of `schema`'s shape, built once per schema. */
export function shapeCheck(schema: z.ZodType): ShapeCheck {
  const check = compile(schema)
  return (value) => {
    unnamed.length = 0
    const problem = check(value)
    if (problem === null) for (const found of unnamed) dropUnnamed(found)
    unnamed.length = 0
    return problem === null ? null : describe(problem)
  }
}

function dropUnnamed({ record, named }: Unnamed): void {
  for (const key of Object.keys(record)) if (!named.has(key)) delete record[key]
}

const accept: Check = () => null

function compile(schema: unknown): Check {
  const known = checks.get(schema as object)
  if (known !== undefined) return known
  // A placeholder first, so that a schema reaching itself (z.lazy) ends in a call, not a loop.
  let built: Check = accept
  checks.set(schema as object, (value) => built(value))
  built = build(defOf(schema))
  checks.set(schema as object, built)
  return built
}

function build(def: Def): Check {
  const leaf = leafOf(def)
  if (leaf !== null) return (value) => checkLeaf(leaf, value)
  switch (def.type) {
    case 'null':
      return (value) => (value === null ? null : failure('null'))
    case 'object':
      // An object with a catchall (loose or strict) keeps, or refuses, what it does not name.
      return objectCheck(def['shape'] as Record<string, unknown>, def['catchall'] === undefined)
    case 'array': {
      const item = member(def['element'])
      return (value) => {
        if (!Array.isArray(value)) return failure('an array')
        for (let i = 0; i < value.length; i++) {
          const problem = checkMember(item, value[i])
          if (problem !== null) return under(i, problem)
        }
        return null
      }
    }
    case 'optional':
    case 'default':
    case 'prefault': {
      const inner = compile(def['innerType'])
      return (value) => (value === undefined ? null : inner(value))
    }
    case 'nullable': {
      const inner = compile(def['innerType'])
      return (value) => (value === null ? null : inner(value))
    }
    case 'readonly':
    case 'nonoptional':
      return compile(def['innerType'])
    case 'union': {
      const options = (def['options'] as unknown[]).map(compile)
      return (value) => {
        let first: Failure | null = null
        for (const option of options) {
          const before = unnamed.length
          const problem = option(value)
          if (problem === null) return null
          unnamed.length = before
          first ??= problem
        }
        return first
      }
    }
    case 'intersection': {
      const left = compile(def['left'])
      const right = compile(def['right'])
      return (value) => left(value) ?? right(value)
    }
    case 'pipe': {
      // What a transform returns cannot be known from the schema: its value is not checked.
      const out = def['out']
      return defOf(out).type === 'transform' ? accept : compile(out)
    }
    case 'lazy':
      return (value) => compile((def['getter'] as () => unknown)())(value)
    default:
      // catch, transform, custom, any, unknown and kinds JSON cannot hold: nothing to tell.
      return accept
  }
}

function objectCheck(shape: Record<string, unknown>, strips: boolean): Check {
  const keys = Object.keys(shape)
  const named: ReadonlySet<string> = new Set(keys)
  const members = keys.map((key) => member(shape[key]))
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return failure('an object')
    const record = value as Record<string, unknown>
    let present = 0
    for (let i = 0; i < members.length; i++) {
      const memberValue = record[keys[i] as string]
      if (memberValue !== undefined) present++
      const problem = checkMember(members[i] as Member, memberValue)
      if (problem !== null) return under(keys[i] as string, problem)
    }
    // Counting is cheap; finding which members are unnamed is left to the rare object that has some.
    if (strips && Object.keys(record).length > present) unnamed.push({ record, named })
    return null
  }
}

/**
 * A member of an object or an array: a leaf checked in place, or a check to call. Most members
 * are leaves, and a call per member is most of the cost of the first page after a start, before
 * the engine has compiled any of this.
 */
type Member = Leaf | Check

function member(schema: unknown): Member {
  return leafOf(defOf(schema)) ?? compile(schema)
}

function checkMember(member: Member, value: unknown): Failure | null {
  return typeof member === 'function' ? member(value) : checkLeaf(member, value)
}
