/**
 * The checks of a shape's leaves, values with nothing inside (strings, booleans, numbers, enums
 * and literals), checked in place rather than through a call each: most members of a row are
 * leaves. A number's bounds and whole-ness are checked, rules this does not know are not.
 */
import { defOf, failure, type Def, type Failure } from './shape-check-failure'

/** A value with nothing inside: its type, and what it may be besides. */
export interface Leaf {
  readonly type: 'string' | 'boolean' | 'number' | 'one of'
  readonly nullable: boolean
  readonly optional: boolean
  /** For 'one of': the values it may be. */
  readonly values: ReadonlySet<unknown> | null
  /** For 'number': its rules. */
  readonly rules: ReadonlyArray<NumberRule>
  readonly expected: string
}

/** `def` as a leaf, through the wrappers that only allow null or undefined besides; or null. */
export function leafOf(def: Def): Leaf | null {
  let nullable = false
  let optional = false
  for (;;) {
    if (def.type === 'nullable') nullable = true
    else if (def.type === 'optional' || def.type === 'default' || def.type === 'prefault') optional = true
    else if (def.type === 'pipe' && defOf(def['out']).type !== 'transform') {
      def = defOf(def['out'])
      continue
    } else if (def.type !== 'readonly') break
    def = defOf(def['innerType'])
  }
  const base = { nullable, optional, values: null, rules: [] }
  switch (def.type) {
    case 'string':
    case 'boolean':
      return { ...base, type: def.type, expected: `a ${def.type}` }
    case 'number':
      return { ...base, type: 'number', rules: numberRules(def), expected: 'a number' }
    case 'literal':
    case 'enum': {
      const values = new Set<unknown>(
        def.type === 'literal' ? (def['values'] as unknown[]) : Object.values(def['entries'] as object),
      )
      return { ...base, type: 'one of', values, expected: `one of ${[...values].map(String).join(', ')}` }
    }
    default:
      return null
  }
}

/** What is wrong with `value` as `leaf`, or null when it fits. */
export function checkLeaf(leaf: Leaf, value: unknown): Failure | null {
  if (value === null ? leaf.nullable : value === undefined && leaf.optional) return null
  switch (leaf.type) {
    case 'one of':
      return leaf.values?.has(value) === true ? null : failure(leaf.expected)
    case 'number':
      return typeof value === 'number' ? numberProblem(leaf.rules, value) : failure(leaf.expected)
    default:
      return typeof value === leaf.type ? null : failure(leaf.expected)
  }
}

/** One of a number schema's rules, as zod keeps it. */
interface NumberRule {
  readonly check?: string
  readonly value?: number
  readonly inclusive?: boolean
  readonly format?: string
}

/** Whether `value` breaks `rule`; rules this does not know are not checked. */
function breaks(rule: NumberRule, value: number): boolean {
  const bound = rule.value ?? 0
  switch (rule.check) {
    case 'number_format':
      return rule.format !== 'float32' && rule.format !== 'float64' && !Number.isInteger(value)
    case 'greater_than':
      return rule.inclusive === true ? value < bound : value <= bound
    case 'less_than':
      return rule.inclusive === true ? value > bound : value >= bound
    default:
      return false
  }
}

function numberRules(def: Def): NumberRule[] {
  // z.int() carries its rule on the schema itself; .int(), .min() and the rest as checks.
  return [
    def as NumberRule,
    ...((def['checks'] as Array<{ _zod: { def: NumberRule } }> | undefined) ?? []).map((c) => c._zod.def),
  ]
}

function numberProblem(rules: ReadonlyArray<NumberRule>, value: number): Failure | null {
  if (!Number.isFinite(value)) return failure('a number')
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as NumberRule
    if (breaks(rule, value)) return failure(describeRule(rule))
  }
  return null
}

function describeRule(rule: NumberRule): string {
  if (rule.check === 'number_format') return 'a whole number'
  const words =
    rule.check === 'greater_than'
      ? rule.inclusive === true
        ? 'from'
        : 'above'
      : rule.inclusive === true
        ? 'up to'
        : 'below'
  return `a number ${words} ${rule.value}`
}
