/**
 * Turns whatever a settings file holds into valid settings: migrated to the current layout,
 * unknown keys dropped, each bad value replaced by its default with a log line. Never throws, so
 * a hand-edited or half-written file can never stop Standby from starting.
 */
import { describeValue } from '../../../shared/describe-untrusted'
import type { Logger } from '../ports/logger'
import { SETTINGS_VERSION, SettingsSchema, type SettingsReset, type SettingsValues } from '../ports/settings'
import { migrateSettings, SETTINGS_VERSION_KEY, type RawSettings } from './settings-migrations'

/** conf keeps its own bookkeeping under this key; it is not a setting and is left alone. */
const CONF_INTERNAL_KEY = '__internal__'

/** What was read, and whether the file should be rewritten in the current layout. */
export interface SettingsRead {
  readonly values: SettingsValues
  /** True when the file differs from `settingsFileContent(values)` and is not from a newer app. */
  readonly rewrite: boolean
  /** What held a value that could not be used and is at its default instead (the expert is told). */
  readonly reset: SettingsReset
  /** Set when the file held settings this Standby does not know (a misspelt hand edit), which a rewrite leaves out. */
  readonly leftOut?: true
  /** The layout of a file a newer Standby wrote, which the first change made here rewrites in this one's. */
  readonly newerLayout?: number
}

/** Every setting at its default. */
export function defaultSettings(): SettingsValues {
  return SettingsSchema.parse({})
}

/** The settings as they are stored: the values plus the layout version. */
export function settingsFileContent(values: SettingsValues): Record<string, unknown> {
  return { ...values, [SETTINGS_VERSION_KEY]: SETTINGS_VERSION }
}

/**
 * Reads settings from the parsed content of the file (an empty object when there is none).
 * `notUtf8` says the file held bytes that are not UTF-8, read as U+FFFD: a text setting holding
 * one is then broken, as one holding half an emoji is.
 */
export function readSettings(onDisk: unknown, log: Logger, notUtf8 = false): SettingsRead {
  if (!isPlainObject(onDisk)) {
    log.warn('The settings file did not hold an object; using the default settings')
    return { values: defaultSettings(), rewrite: true, reset: 'all' }
  }
  const version = layoutVersion(onDisk, log)
  if (version > SETTINGS_VERSION) {
    // A newer Standby wrote this: read what this version understands and leave the file as it
    // is. Only a change made here rewrites it, in this version's layout, kept beside it first.
    log.warn(
      `The settings were saved by a newer Standby (layout ${version}, this one reads ${SETTINGS_VERSION}); ` +
        'reading what this version understands',
    )
    return { ...sanitize(onDisk, log, notUtf8), rewrite: false, newerLayout: version }
  }
  const migrated = migrateSettings(onDisk, version)
  if (!migrated.ok) {
    log.error(
      `Could not bring the settings from layout ${version} to ${SETTINGS_VERSION} ` +
        `(step ${migrated.failedStep}: ${migrated.reason}); using the default settings`,
    )
    return { values: defaultSettings(), rewrite: true, reset: 'all' }
  }
  if (version < SETTINGS_VERSION) log.info(`Moved the settings from layout ${version} to ${SETTINGS_VERSION}`)
  const sanitized = sanitize(migrated.raw, log, notUtf8)
  return { ...sanitized, rewrite: !sameContent(onDisk, settingsFileContent(sanitized.values)) }
}

/** The file's layout version: 0 when absent (or for a file with no settings at all: the current one). */
function layoutVersion(raw: RawSettings, log: Logger): number {
  const settingKeys = Object.keys(raw).filter((key) => key !== CONF_INTERNAL_KEY)
  // A fresh or empty file has nothing to migrate.
  if (settingKeys.length === 0) return SETTINGS_VERSION
  if (!(SETTINGS_VERSION_KEY in raw)) return 0
  const version = raw[SETTINGS_VERSION_KEY]
  if (typeof version === 'number' && Number.isInteger(version) && version >= 0) return version
  log.warn(`The settings file has an unreadable ${SETTINGS_VERSION_KEY}; reading it as layout 0`)
  return 0
}

/** Keeps each known setting whose value is valid, and the default for every other one (those reset). */
function sanitize(
  raw: RawSettings,
  log: Logger,
  notUtf8: boolean,
): Omit<SettingsRead, 'rewrite'> & { reset: Array<keyof SettingsValues> } {
  const shape = SettingsSchema.shape
  const known = new Set<string>([...Object.keys(shape), SETTINGS_VERSION_KEY, CONF_INTERNAL_KEY])
  const unknown = Object.keys(raw).filter((key) => !known.has(key))
  if (unknown.length > 0) log.info(droppedKeysLine(unknown))

  const defaults = defaultSettings()
  const values: Record<string, unknown> = { ...defaults }
  const reset: Array<keyof SettingsValues> = []
  const renamed = notUtf8
    ? damagedSettings(
        unknown,
        Object.keys(shape).filter((key) => !(key in raw)),
      )
    : []
  for (const key of Object.keys(shape) as Array<keyof SettingsValues>) {
    if (!(key in raw)) {
      // A setting saved under a name whose bytes were damaged is not read, but was saved: it goes
      // back to its default as a damaged value does, and the expert is told so.
      if (renamed.includes(key)) {
        reset.push(key)
        log.warn(
          `Setting "${key}" could not be read (its name in the file holds bytes that are not UTF-8); using the default (${JSON.stringify(defaults[key])})`,
        )
      }
      continue
    }
    const value = raw[key]
    const parsed = shape[key].safeParse(value)
    // The window's calls are checked for broken characters after their schema (answerCall); a
    // file is not a call, so its values are checked here, or one would reach the window and the log.
    const broken =
      typeof value === 'string' && (!value.isWellFormed() || (notUtf8 && value.includes(REPLACED_BYTES)))
    if (parsed.success && !broken) {
      values[key] = parsed.data
    } else {
      // The value itself is not logged: a platform URL may carry credentials.
      const reason = broken
        ? 'it holds a broken character (invalid Unicode)'
        : (parsed.error?.issues[0]?.message ?? 'invalid')
      reset.push(key)
      log.warn(
        `Setting "${key}" had an invalid value (${reason}); using the default (${JSON.stringify(defaults[key])})`,
      )
    }
  }
  return { values: SettingsSchema.parse(values), reset, ...(unknown.length > 0 ? { leftOut: true } : {}) }
}

/** What a byte that is not UTF-8 reads as. */
const REPLACED_BYTES = '\ufffd'

/**
 * The settings among `missing` that a name in `unknown` holding U+FFFD was saved as: those only
 * that one damaged name can be alone (a name damaged past telling which setting it was is not one).
 * Each name is read once, and one far longer than any setting's name is not read at all: a file
 * of countless long names costs in proportion to its size, not to its size times the settings.
 */
function damagedSettings(unknown: ReadonlyArray<string>, missing: ReadonlyArray<string>): string[] {
  const longest = Math.max(0, ...missing.map((key) => key.length))
  return (
    unknown
      .filter((name) => name.length <= longest * MOST_DAMAGE_GROWTH && name.includes(REPLACED_BYTES))
      // Its start and end, around the damage, must be a setting's: most names are refused on these.
      .filter((name) => {
        const start = name.slice(0, name.indexOf(REPLACED_BYTES))
        const end = name.slice(name.lastIndexOf(REPLACED_BYTES) + 1)
        return missing.some((key) => key.startsWith(start) && key.endsWith(end))
      })
      .map((name) => {
        // Each run of U+FFFD stands for whatever bytes it replaced; the parts between must be found.
        const parts = name.split(/\ufffd+/u)
        return missing.filter((key) => couldBeDamaged(key, parts))
      })
      .flatMap((candidates) => (candidates.length === 1 ? candidates : []))
  )
}

/**
 * How many times longer than a setting's name the name it was saved under can read once damaged:
 * a byte that is not UTF-8 reads as one U+FFFD, so a name grows only by bytes added to it, and a
 * name longer than that is not one setting's name with a few bytes damaged.
 */
const MOST_DAMAGE_GROWTH = 4

/**
 * Whether a name read as `parts` (split at its runs of U+FFFD) may be `key` with some of its bytes
 * damaged: the rest matches, each run standing for whatever bytes it replaced (none, when bytes
 * were added).
 */
function couldBeDamaged(key: string, parts: ReadonlyArray<string>): boolean {
  const first = parts[0] ?? ''
  const last = parts.at(-1) ?? ''
  if (!key.startsWith(first)) return false
  let at = first.length
  for (let i = 1; i < parts.length - 1; i += 1) {
    const part = parts[i] ?? ''
    const found = key.indexOf(part, at)
    if (found < 0) return false
    at = found + part.length
  }
  return key.length - last.length >= at && key.endsWith(last)
}

const MOST_KEYS_NAMED = 5

/**
 * The line that says which unknown keys were dropped: a few of them, each clipped and quoted, so
 * a file of countless long keys (or keys holding terminal escapes) costs one short line.
 */
function droppedKeysLine(keys: ReadonlyArray<string>): string {
  const named = keys.slice(0, MOST_KEYS_NAMED).map(describeValue).join(', ')
  return keys.length > MOST_KEYS_NAMED
    ? `Dropped ${keys.length} unknown settings, among them ${named}`
    : `Dropped unknown settings: ${named}`
}

/** Whether the file already holds exactly `content` (conf's own bookkeeping aside). */
function sameContent(raw: RawSettings, content: Record<string, unknown>): boolean {
  const rawKeys = Object.keys(raw).filter((key) => key !== CONF_INTERNAL_KEY)
  const contentKeys = Object.keys(content)
  // Every setting is a single value, so `===` compares them; serialising what the file holds
  // instead would recurse over a hand-edited value nested deep enough to overflow the stack.
  return (
    rawKeys.length === contentKeys.length &&
    contentKeys.every((key) => Object.hasOwn(raw, key) && raw[key] === content[key])
  )
}

function isPlainObject(value: unknown): value is RawSettings {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
