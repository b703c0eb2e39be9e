/**
 * How large a message from the platform can honestly be, worked out from the protocol's own limits
 * (every text, list and number is bounded), so the app can refuse a larger one before reading it
 * instead of holding whatever a broken or hostile platform sends; and, from the fewest bytes an
 * entity takes, how many of them one message can hold, so a longer list is refused before it is read.
 */
import type { z } from 'zod'
import { Expert } from './entities'
import { PlatformEvent } from './events'
import { MAX_REPLAY_PAGE_BYTES } from './replay'

/**
 * The most bytes one counted unit of a string can take in JSON: a character is at most four UTF-8
 * bytes, and an escaped one (a control character, a lone surrogate as "\udc00") at most six.
 */
const MOST_BYTES_PER_UNIT = 6

/** The longest JSON text of a finite double ("-1.7976931348623157e+308"). */
const MOST_NUMBER_CHARS = '-1.7976931348623157e+308'.length

interface SchemaInternals {
  readonly def: {
    readonly type: string
    readonly innerType?: z.ZodType
    readonly in?: z.ZodType
    readonly element?: z.ZodType
    readonly options?: ReadonlyArray<z.ZodType>
    readonly shape?: Record<string, z.ZodType>
    readonly entries?: Record<string, unknown>
    readonly values?: ReadonlyArray<unknown>
    readonly checks?: ReadonlyArray<{
      readonly _zod: {
        readonly def: { check: string; maximum?: number; minimum?: number; length?: number }
      }
    }>
  }
}

/** The bounds a list's items or a string's units keep by its checks; a fixed length is both. */
function lengthChecks(def: SchemaInternals['def'], bound: 'max_length' | 'min_length'): number[] {
  return (def.checks ?? []).flatMap(({ _zod: { def: check } }) => {
    if (check.check === 'length_equals' && check.length !== undefined) return [check.length]
    const value = bound === 'max_length' ? check.maximum : check.minimum
    return check.check === bound && value !== undefined ? [value] : []
  })
}

/** The most items of a list or units of a string, by its checks; Infinity when unbounded. */
function mostLength(def: SchemaInternals['def']): number {
  return Math.min(Infinity, ...lengthChecks(def, 'max_length'))
}

/** The fewest items of a list or units of a string, by its checks. */
function leastLength(def: SchemaInternals['def']): number {
  return Math.max(0, ...lengthChecks(def, 'min_length'))
}

/** Kinds of schema whose value may be left out of an object altogether. */
const MAY_BE_ABSENT: ReadonlySet<string> = new Set(['optional', 'default', 'catch'])

/**
 * The fewest bytes a value that `schema` accepts takes as JSON; 0 for a kind of schema it does not
 * know, so the figure is always a floor.
 */
export function leastJsonBytes(schema: z.ZodType): number {
  const { def } = (schema as unknown as { _zod: SchemaInternals })._zod
  const inner = (of: z.ZodType | undefined): number => (of === undefined ? 0 : leastJsonBytes(of))
  switch (def.type) {
    case 'string':
      // A normalised text never grows, so what it was sent as is at least as long as its limit.
      return 2 + leastLength(def)
    case 'number':
      return 1
    case 'boolean':
      return 'true'.length
    case 'null':
      return 'null'.length
    case 'literal':
    case 'enum': {
      const values = def.values ?? Object.values(def.entries ?? {})
      return Math.min(...values.map((value) => JSON.stringify(value).length))
    }
    case 'nullable':
      return Math.min(inner(def.innerType), 'null'.length)
    case 'optional':
    case 'default':
    case 'catch':
      return 0
    case 'readonly':
      return inner(def.innerType)
    case 'pipe':
      return inner(def.in)
    case 'array':
      return 2 + leastLength(def) * (inner(def.element) + 1)
    case 'union':
      return Math.min(...(def.options ?? []).map(leastJsonBytes))
    case 'object':
      // Braces, and each key that must be there, quoted with its colon and at least its comma.
      return Object.entries(def.shape ?? {}).reduce((sum, [key, value]) => {
        const valueDef = (value as unknown as { _zod: SchemaInternals })._zod.def
        return MAY_BE_ABSENT.has(valueDef.type) ? sum : sum + key.length + 3 + leastJsonBytes(value)
      }, 1)
    default:
      return 0
  }
}

/**
 * The most items of `item` one message can hold, however it is framed: a list longer than this in
 * a message the size limit let through holds something else, and reading it item by item would
 * cost the app far more than any honest message does.
 */
export function mostItemsInOneMessage(item: z.ZodType): number {
  return Math.floor(mostMessageBytes() / (leastJsonBytes(item) + 1))
}

/**
 * The most bytes a value that `schema` accepts takes as JSON: Infinity when anything in it is
 * unbounded, so a schema that loses a bound fails loudly rather than shrinking the limit.
 */
export function mostJsonBytes(schema: z.ZodType): number {
  const { def } = (schema as unknown as { _zod: SchemaInternals })._zod
  const inner = (of: z.ZodType | undefined): number => (of === undefined ? Infinity : mostJsonBytes(of))
  switch (def.type) {
    case 'string':
      return 2 + MOST_BYTES_PER_UNIT * mostLength(def)
    case 'number':
      return MOST_NUMBER_CHARS
    case 'boolean':
      return 'false'.length
    case 'null':
      return 'null'.length
    case 'literal':
    case 'enum': {
      const values = def.values ?? Object.values(def.entries ?? {})
      return Math.max(...values.map((value) => JSON.stringify(value).length * MOST_BYTES_PER_UNIT))
    }
    case 'nullable':
    case 'optional':
    case 'default':
    case 'catch':
    case 'readonly':
      return Math.max(inner(def.innerType), 'null'.length)
    case 'pipe':
      return inner(def.in)
    case 'array':
      // Brackets, and each item with its comma.
      return 2 + mostLength(def) * (inner(def.element) + 1)
    case 'union':
      return Math.max(...(def.options ?? []).map(mostJsonBytes))
    case 'object':
      // Braces, and each key quoted with its colon and comma.
      return Object.entries(def.shape ?? {}).reduce(
        (sum, [key, value]) => sum + key.length + 4 + mostJsonBytes(value),
        2,
      )
    default:
      return Infinity
  }
}

/**
 * The largest message an honest platform sends: a replay page holds events up to its byte budget
 * and may go over it by one event (a single event larger than the budget is still sent alone), and
 * a snapshot part likewise by one entity, with the expert repeated in every part; each of these is
 * no larger than the largest event. Twice the largest event covers the one over the budget plus
 * the page's own fields and the socket.io framing, which are far smaller than any event.
 */
export function mostMessageBytes(): number {
  return MAX_REPLAY_PAGE_BYTES + 2 * mostJsonBytes(PlatformEvent)
}

/** Room in an answer for what surrounds a snapshot part's expert and entities: its own fields and the framing. */
const ANSWER_FIELD_BYTES = 4096

/**
 * The most bytes of JSON one snapshot entity may take for a part holding it alone to cross: the
 * message limit less the expert every part repeats and the answer's own fields. An honest entity
 * is far smaller; the app asks the platform to leave out a larger one (ReplayRequest's `leaveOutOver`).
 */
export function mostEntityBytes(): number {
  // Worked out once: every replay asks it, and walking the schemas takes about as long as a page's own work.
  entityBytes ??= mostMessageBytes() - mostJsonBytes(Expert) - ANSWER_FIELD_BYTES
  return entityBytes
}

let entityBytes: number | undefined
