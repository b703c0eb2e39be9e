/**
 * The settings file both hosts share: its name, the options that make conf (Node) and
 * electron-store (Electron, built on conf) read and write it the same way, and what happens to a
 * file that is not valid JSON.
 *
 * conf's own `clearInvalidConfig` only makes an unparsable file read as `{}`; the next write then
 * overwrites it, so the file is lost and nothing is logged (and without the option, conf's
 * constructor throws). So the file is checked here first and, if unreadable, moved aside with a
 * timestamp and a log line; `clearInvalidConfig` stays on only as a backstop.
 */
import type Conf from 'conf'
import { constants, copyFileSync, renameSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { Logger } from '../core/ports/logger'
import type { SettingsStore } from '../core/ports/settings'
import {
  createSettingsStore,
  SETTINGS_WRITE_GAP_MS,
  type KeptAside,
  type SettingsFile,
} from '../core/settings/settings-store'
import { systemClock, type Clock } from '../../shared/clock'
import { DAMAGED_COPIES_KEPT, escapeRegExp, pruneOlderCopies } from '../db/quarantine'
import { errorCode, writeFileAtomicallySync } from './atomic-file'
import { readFirst } from './settings-read-first'
import { keptWhenChangedElsewhere } from './settings-changed-elsewhere'
import { errorMessage } from '../../shared/error-message'
import { settingsBytes, settingsJson, settingsText } from './settings-text'
import { removeDanglingLink, separateSettings, settingsLinkAt, type LinkOutcome } from './settings-link'
import { writingBeside } from './settings-link'

/** The file's name without its extension (conf's `configName`, electron-store's `name`). */
export const SETTINGS_FILE_NAME = 'settings'

/** Options for conf and electron-store that both stores pass, so both treat the file alike. */
export const SHARED_STORE_OPTIONS = {
  fileExtension: 'json',
  // Setting names are flat keys: a dot in one is not a path into nested objects.
  accessPropertiesByDotNotation: false,
  clearInvalidConfig: true,
  watch: false,
} as const

/** The settings file in `dir`. */
export function settingsFilePath(dir: string): string {
  return join(dir, `${SETTINGS_FILE_NAME}.json`)
}

/** Where `setAsideUnreadableSettings` moves a bad file: next to it, named with the time. */
export function corruptSettingsPath(path: string, at: number): string {
  return `${path}.corrupt-${new Date(at).toISOString().replaceAll(':', '-')}`
}

/**
 * The most a settings file may hold. Standby writes a few short keys; a file far larger was not
 * written by it, and reading one whole at every start (conf does, into one string) would cost
 * memory and time, or fail outright past the longest string the engine can hold.
 */
export const MAX_SETTINGS_FILE_BYTES = 1024 * 1024

/** What setAsideUnreadableSettings found. */
export interface SettingsFileCheck {
  /** The file was unreadable and moved aside: every setting is at its default. */
  readonly setAside: boolean
  /** The file held bytes that are not UTF-8, which conf reads as U+FFFD (SettingsFile.notUtf8). */
  readonly notUtf8: boolean
  /** A copy of the file as found was kept beside it already (before its byte order mark was dropped). */
  readonly kept?: true
  /** The file was a link to another file: what became of it (settings-link.ts). */
  readonly link?: LinkOutcome
}

/**
 * If the file at `path` exists but is not a JSON object, or is larger than any settings file,
 * renames it aside (the newest few such copies kept, older ones removed) and says so, so that the
 * store starts from the defaults. Never throws.
 */
export function setAsideUnreadableSettings(
  path: string,
  log: Logger,
  now: () => number = Date.now,
): SettingsFileCheck {
  let problem: string | null
  let notUtf8 = false
  let kept = false
  let link: LinkOutcome | undefined
  // Looked at before anything is read through it: a link is replaced, never written through.
  const linked = settingsLinkAt(path)
  try {
    const bytes = settingsBytes(path, MAX_SETTINGS_FILE_BYTES)
    if (typeof bytes === 'string') {
      problem = bytes
    } else {
      // Decoded as conf decodes it: a byte that is not UTF-8 (a damaged disk, another encoding)
      // becomes U+FFFD, so the text read is not what was saved; the store is told (notUtf8).
      // UTF-16 with its mark is read as saved, and written again as UTF-8 with the mark dropped.
      const decoded = settingsText(bytes)
      notUtf8 = decoded.notUtf8
      const { text } = decoded
      // What JSON.parse (and so conf) refuses around settings otherwise fine would reset every one.
      const { json, nulsDropped } = settingsJson(text)
      problem = unreadableBecause(json)
      if (problem === null && nulsDropped)
        log.warn(`The settings file ${path} ended in NUL bytes; dropped them`)
      if (problem === null && linked !== null) link = separateSettings(path, bytes, linked, log)
      if (problem === null && link !== undefined && 'notKept' in link)
        return { setAside: false, notUtf8, link }
      if (problem === null && json !== text) {
        // Rewritten as decoded, the bytes that were not UTF-8 would be lost: the file is kept first.
        kept = notUtf8 && keepCopy(path, now(), log, NOT_UTF8).kept
        if (!notUtf8 || kept) writeAsJson(path, json, log)
      }
    }
  } catch (error) {
    // A missing file is a first run; any other read error surfaces when the store opens it.
    if (errorCode(error) === 'ENOENT' && linked !== null) removeDanglingLink(path, linked, log)
    else if (errorCode(error) !== 'ENOENT')
      log.warn(`Could not read the settings file ${path} (${errorCode(error)})`)
    return { setAside: false, notUtf8: false }
  }
  if (problem === null)
    return { setAside: false, notUtf8, ...(kept ? { kept } : {}), ...(link === undefined ? {} : { link }) }
  const aside = corruptSettingsPath(path, now())
  try {
    renameSync(path, aside)
    log.warn(
      `The settings file ${path} ${problem}; kept it as ${basename(aside)} and started from the default settings` +
        olderCopiesRemoved(path, aside),
    )
  } catch (error) {
    log.error(`The settings file ${path} ${problem} and could not be moved aside; it will be replaced`, error)
  }
  return { setAside: true, notUtf8: false }
}

/**
 * Removes the set-aside settings files beyond the newest few, as a file damaged at every start (or
 * a huge one put there again and again) would otherwise fill the folder; returns what to add to
 * the log line. Only names corruptSettingsPath makes are touched.
 */
function olderCopiesRemoved(path: string, aside: string): string {
  const pattern = new RegExp(
    `^${escapeRegExp(basename(path))}\\.corrupt-(?<stamp>\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}\\.\\d{3}Z)$`,
  )
  const { removed, left } = pruneOlderCopies(dirname(path), pattern, aside, DAMAGED_COPIES_KEPT)
  return (
    (removed === 0 ? '' : `; removed ${removed} older ${removed === 1 ? 'copy' : 'copies'}`) +
    (left.length === 0 ? '' : `; could not remove ${left.join(', ')}`)
  )
}

/** Why a file that is not UTF-8 is kept beside it before it is rewritten. */
const NOT_UTF8 = 'held bytes that are not UTF-8 text'

/** Rewrites the file at `path` as `text` (its JSON alone), through a file beside it so a crash leaves one or the other. */
function writeAsJson(path: string, text: string, log: Logger): void {
  try {
    writeFileAtomicallySync(path, text)
  } catch (error) {
    log.error(
      `The settings file ${path} could not be written again without its byte order mark or NUL bytes`,
      error,
    )
  }
}

/** Where conf keeps its own bookkeeping in the file; it writes back what it finds there. */
const CONF_INTERNAL_KEY = '__internal__'

/**
 * A SettingsFile over a conf or electron-store instance (both keep the whole file in `store`).
 * conf writes its bookkeeping found in the file back with every write; an edited one it cannot
 * write (nested too deep for JSON.stringify, which throws a RangeError) would fail every save,
 * whatever was changed, and on every start, so it is dropped and the write made without it.
 */
export function confSettingsFile(
  store: Pick<Conf<Record<string, unknown>>, 'store'>,
  log: Logger,
  at?: { readonly path: string; readonly now: () => number } & Partial<SettingsFileCheck>,
): SettingsFile {
  return {
    read: () => store.store,
    ...(at?.notUtf8 === true ? { notUtf8: true } : {}),
    ...(at === undefined
      ? {}
      : { keepAside: (why) => (at.kept === true ? { kept: true } : keepCopy(at.path, at.now(), log, why)) }),
    write: (content) => {
      try {
        store.store = content
      } catch (error) {
        // The settings themselves are few and checked: only what conf carried over can be at fault.
        if (!(error instanceof RangeError)) throw error
        log.warn(
          `The settings file held bookkeeping (${CONF_INTERNAL_KEY}) that could not be written back ` +
            `(${error.message}); dropped it`,
        )
        // Present but undefined: conf carries over only what is absent, and JSON leaves it out.
        store.store = { ...content, [CONF_INTERNAL_KEY]: undefined }
      }
    },
  }
}

/**
 * Copies the file at `path` beside it, as a set-aside one is named, before values it holds that
 * could not be used are replaced by their defaults, or settings it does not know are left out; the
 * newest few such copies are kept.
 */
export function keepCopy(
  path: string,
  at: number,
  log: Logger,
  why = 'held values or settings this Standby cannot use',
): KeptAside {
  const copy = corruptSettingsPath(path, at)
  try {
    copyFileSync(path, copy, constants.COPYFILE_EXCL)
  } catch (error) {
    // No file (removed since it was read): the rewrite loses nothing.
    if (errorCode(error) === 'ENOENT') return { kept: true }
    log.warn(
      `The settings file ${path} ${why}, and a copy of it could not be kept (${errorCode(error)}); ` +
        'it is not rewritten until one is',
    )
    return { kept: false, error }
  }
  log.warn(
    `The settings file ${path} ${why}; kept the file as it was as ${basename(copy)}` +
      olderCopiesRemoved(path, copy),
  )
  return { kept: true }
}

/** How a host opens its conf-compatible store on the settings file in a directory. */
export interface OpenSettingsOptions {
  readonly dir: string
  readonly log: Logger
  /** Creates the conf or electron-store instance; called after a bad file has been set aside. */
  readonly open: () => Pick<Conf<Record<string, unknown>>, 'store'>
  readonly now?: () => number
  /** Times the gap between writes (settings-store.ts); the system clock unless a test injects one. */
  readonly clock?: Clock
}

/** Opens the settings in `dir`; if the store cannot be opened at all, they live in memory this run. */
export function openSettingsStore(options: OpenSettingsOptions): SettingsStore {
  const { dir, log } = options
  const path = settingsFilePath(dir)
  const check = setAsideUnreadableSettings(path, log, options.now)
  const pacing = { clock: options.clock ?? systemClock, gapMs: SETTINGS_WRITE_GAP_MS }
  // A link that could not be replaced is not opened: conf would write through it.
  if (check.link !== undefined && 'notKept' in check.link) {
    return { ...createSettingsStore(memorySettingsFile(), log, false, pacing), notKept: check.link.notKept }
  }
  let file: SettingsFile
  try {
    const at = { ...check, path, now: options.now ?? Date.now }
    const conf = confSettingsFile(writingBeside(options.open(), path, MAX_SETTINGS_FILE_BYTES), log, at)
    const keep = (why: string): KeptAside => keepCopy(path, at.now(), log, why)
    file = readFirst(keptWhenChangedElsewhere(conf, path, keep, MAX_SETTINGS_FILE_BYTES))
  } catch (error) {
    log.error(`Could not open the settings in ${dir}; changes will last for this run only`, error)
    // The file is left as it is: what could not be opened now may open at the next start.
    return {
      ...createSettingsStore(memorySettingsFile(), log, check.setAside, pacing),
      notKept:
        `Standby could not open its settings file (${errorCode(error) ?? errorMessage(error)}), so it uses ` +
        `the default settings and a change lasts only until it quits. Check that ${path} is a file ` +
        'you can read and write (or move it aside), then start Standby again.',
    }
  }
  const store = createSettingsStore(file, log, check.setAside, pacing)
  return check.link === undefined ? store : { ...store, separatedAtOpen: check.link.separated }
}

function memorySettingsFile(): SettingsFile {
  let content: Record<string, unknown> = {}
  return {
    read: () => content,
    write: (next) => {
      content = { ...next }
    },
  }
}

/** Why `text` cannot be read as settings, or null if it can. */
function unreadableBecause(text: string): string | null {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return 'was not valid JSON'
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? null
    : 'did not hold a JSON object'
}
