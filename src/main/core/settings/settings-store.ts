/**
 * The one SettingsStore both hosts use. It sits on a `SettingsFile` (conf in Node, electron-store
 * in Electron: the same JSON file) and owns everything else: reading and migrating what is on
 * disk, validating each change against the schema, and telling listeners.
 */
import { steadyNow, systemClock, type Clock, type TimerHandle } from '../../../shared/clock'
import { errorMessage } from '../../../shared/error-message'
import { ToldError } from '../ipc/told-error'
import type { Logger } from '../ports/logger'
import { storageRemedy } from '../storage-remedy'
import { Listeners } from '../../../shared/listeners'
import { SettingsSchema, type SettingsStore, type SettingsValues } from '../ports/settings'
import { readSettings, settingsFileContent } from './read-settings'

/** Where the settings are kept: read the whole content, replace the whole content. */
export interface SettingsFile {
  /** The parsed content; an empty object when there is no file yet. */
  read(): unknown
  /** Replaces the content; throws if it cannot be written (nothing is then considered saved). */
  write(content: Record<string, unknown>): void
  /**
   * Keeps the file as it is beside it, before a rewrite replaces values it held that could not be
   * used (the expert's hand edit is not lost), or settings of a newer Standby; says where, or why
   * not, in the log, with `why` (what the file held) when given. Never throws: says whether the
   * file is kept (no file is nothing to keep), or the error that stopped the copy.
   */
  keepAside?(why?: string): KeptAside
  /**
   * Set when the file held bytes that are not UTF-8 text, which reading turned into U+FFFD: a text
   * setting holding one is not what was saved, and the file is kept before it is rewritten.
   */
  readonly notUtf8?: boolean
}

/** Why a file that held bytes that are not UTF-8 is kept aside (SettingsFile.notUtf8). */
const NOT_UTF8 = 'held bytes that are not UTF-8 text'

/** Whether `SettingsFile.keepAside` kept the file, or what stopped it. */
export type KeptAside = { readonly kept: true } | { readonly kept: false; readonly error: unknown }

/** A change that the schema refused; names the setting at fault. */
export class InvalidSettingError extends Error {
  override readonly name = 'InvalidSettingError'

  constructor(
    /** The setting at fault, e.g. "platformUrl". */
    readonly key: string,
    reason: string,
  ) {
    super(`Setting "${key}" was not saved: ${reason}`)
  }
}

/** A change that could not be written to the file, so it was not made; says why and what to do. */
export class SettingsNotSavedError extends ToldError {
  override readonly name = 'SettingsNotSavedError'

  constructor(cause: unknown) {
    super(
      `Standby could not save your settings (${errorMessage(cause)}). ${storageRemedy(cause)}, then change the setting again.`,
      { cause },
    )
  }
}

/**
 * How often a change may have the file written. A page can send changes in a loop (a bug, or a
 * compromised renderer), and each write is a synchronous rewrite of the file on the main process:
 * past the first write of a gap, changes are applied at once in memory and written together when
 * the gap ends, so the disk sees one write per gap however many changes came.
 */
export const SETTINGS_WRITE_GAP_MS = 1_000

/** How the store paces its writes: the clock that times the gap, and the gap. */
export interface SettingsWritePacing {
  readonly clock: Clock
  readonly gapMs: number
}

/**
 * Opens the settings kept in `file`, rewriting it in the current layout if it needs to be.
 * `setAside` says the file was unreadable and moved aside before (settings-file.ts), so every
 * setting is at its default although `file` reads empty.
 */
export function createSettingsStore(
  file: SettingsFile,
  log: Logger,
  setAside = false,
  pacing: SettingsWritePacing = { clock: systemClock, gapMs: SETTINGS_WRITE_GAP_MS },
): SettingsStore {
  let onDisk: unknown
  let unreadable = setAside
  try {
    onDisk = file.read()
  } catch (error) {
    log.error('Could not read the settings file; using the default settings', error)
    onDisk = {}
    unreadable = true
  }
  const read = readSettings(onDisk, log, file.notUtf8 === true)
  let current: SettingsValues = Object.freeze(read.values)
  // What a rewrite loses (a value reset, a setting this Standby does not know, or a newer Standby's
  // own settings: going back to it, leaving the beta, would find them gone) is kept beside the file
  // before anything is written over it. A newer file is left alone at open; the first write here
  // (a change, or only the window's place as it closes) is in this version's layout. Until a copy
  // is made nothing is written: a full or read-only disk must not drop them without a word.
  let unkept: { readonly why?: string } | null =
    read.newerLayout !== undefined
      ? {
          why: `was saved by a newer Standby (layout ${read.newerLayout}), whose own settings a change saved by this one leaves out`,
        }
      : file.notUtf8 === true
        ? { why: NOT_UTF8 }
        : read.rewrite && (read.reset === 'all' || read.reset.length > 0 || read.leftOut === true)
          ? {}
          : null
  /** Keeps the file first if a rewrite would lose something; the error that stopped it, or null. */
  const keepFirst = (): { readonly error: unknown } | null => {
    if (unkept === null) return null
    const kept = file.keepAside?.(unkept.why) ?? { kept: true }
    if (!kept.kept) return kept
    unkept = null
    return null
  }
  if (read.rewrite && keepFirst() === null) {
    try {
      file.write(settingsFileContent(current))
    } catch (error) {
      log.error('Could not save the settings file; using these settings for this run only', error)
    }
  }
  const listeners = new Listeners<SettingsValues>((error) => log.error('A settings listener failed', error))
  const written = new Listeners<SettingsValues>((error) => log.error('A settings listener failed', error))
  const undone = new Listeners<string>((error) => log.error('A settings listener failed', error))

  // What the file holds as far as the store knows: a change written later that fails goes back to it.
  let saved = current
  // When a change last had the file written (or tried to): the next within the gap waits for it to end.
  let lastWrite = -Infinity
  // Why that write failed, or null: a change within the gap after it is refused for the same reason.
  let lastFailure: unknown = null
  let deferred: TimerHandle | null = null
  // Set by `flush`: the process is ending, so a change from now on (where a closing window was) is
  // written at once, as no gap would end before the process does.
  let ending = false

  /** Keeps the file first if need be and writes `values`; throws SettingsNotSavedError. */
  const write = (values: SettingsValues): void => {
    lastWrite = steadyNow(pacing.clock)
    const notKept = keepFirst()
    if (notKept !== null) {
      log.error('The settings file could not be kept as it was before this change; the change is not made')
      lastFailure = notKept.error
      throw new SettingsNotSavedError(notKept.error)
    }
    try {
      file.write(settingsFileContent(values))
    } catch (error) {
      log.error('Could not save the settings file; the change is not made', error)
      lastFailure = error
      throw new SettingsNotSavedError(error)
    }
    lastFailure = null
    saved = values
  }

  /** Writes the changes made during the gap; if that fails, they are undone, and every page shows it. */
  const writeDeferred = (): void => {
    deferred?.cancel()
    deferred = null
    if (sameSettings(current, saved)) return
    try {
      write(current)
    } catch (error) {
      current = saved
      listeners.emit(current)
      // The pages were answered that these changes were made: only the host can say they were not.
      undone.emit(`Your last changes to the settings were undone: ${errorMessage(error)}`)
      return
    }
    written.emit(current)
  }

  return {
    resetAtOpen: unreadable ? 'all' : read.reset,
    get: () => current,
    update(patch) {
      const next = validatedUpdate(current, patch)
      if (sameSettings(next, current)) return current
      const now = steadyNow(pacing.clock)
      const writeNow = ending || (deferred === null && now - lastWrite >= pacing.gapMs)
      if (writeNow) write(next)
      // Neither the disk nor the log is tried again for each change of a flood.
      else if (lastFailure !== null) throw new SettingsNotSavedError(lastFailure)
      else deferred ??= pacing.clock.setTimeout(writeDeferred, lastWrite + pacing.gapMs - now)
      current = next
      listeners.emit(current)
      if (writeNow) written.emit(current)
      return current
    },
    flush() {
      ending = true
      writeDeferred()
    },
    onChange: (listener) => listeners.add(listener),
    onSaved: (listener) => written.add(listener),
    onUndone: (listener) => undone.add(listener),
  }
}

/** `current` with `patch` applied, checked against the schema; throws InvalidSettingError. */
function validatedUpdate(current: SettingsValues, patch: Partial<SettingsValues>): SettingsValues {
  // An undefined value means "not part of this change", as in a partial object.
  const changes = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined))
  const result = SettingsSchema.strict().safeParse({ ...current, ...changes })
  if (result.success) return Object.freeze(result.data)
  const issue = result.error.issues[0]
  if (issue?.code === 'unrecognized_keys') {
    throw new InvalidSettingError(issue.keys.join(', '), 'there is no such setting')
  }
  throw new InvalidSettingError(String(issue?.path[0] ?? 'unknown'), issue?.message ?? 'invalid value')
}

function sameSettings(a: SettingsValues, b: SettingsValues): boolean {
  return (Object.keys(a) as Array<keyof SettingsValues>).every((key) => Object.is(a[key], b[key]))
}
