/**
 * A settings file that is a link to another file: a symbolic link (to another app's config, or a
 * file kept in a dotfiles folder) or a name among others of one file (a hard link). conf writes
 * through a symbolic link (its atomic write resolves the link and replaces the file it points to,
 * and its fallbacks write in place, also into a file with other names), so saving a setting would
 * write over that other file. At start such a file is replaced by one of Standby's own holding the
 * same bytes: the other file is left as it was, and the expert is told once. A link put there
 * while Standby runs is replaced by the next save (writingBeside).
 */
import type Conf from 'conf'
import { lstatSync, mkdirSync, readlinkSync, statSync, unlinkSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Logger } from '../core/ports/logger'
import { describeValue } from '../../shared/describe-untrusted'
import { errorCode, writeFileAtomicallySync } from './atomic-file'
import { readBoundedFileSync, UnexpectedFileError } from './bounded-file'
import { errorMessage } from '../../shared/error-message'
import { NOTIFICATION_BODY_MAX } from '../../shared/os-limits'
import { cutText } from '../../shared/text-cut'

/** What the settings path is a link to: a symbolic link's target, or a file with other names. */
export type SettingsLink = { readonly kind: 'symbolic'; readonly target: string } | { readonly kind: 'hard' }

/** What became of a link at the settings path, in the words told to the expert. */
export type LinkOutcome =
  /** Replaced by a file of Standby's own: told once, at this start. */
  | { readonly separated: string }
  /** Could not be replaced: the settings are not written this run, and the expert is told why. */
  | { readonly notKept: string }

/** The link at `path`, or null for a file of its own (or nothing, or what cannot be looked at). */
export function settingsLinkAt(path: string): SettingsLink | null {
  try {
    const stats = lstatSync(path)
    if (stats.isSymbolicLink()) return { kind: 'symbolic', target: readlinkSync(path) }
    return stats.isFile() && stats.nlink > 1 ? { kind: 'hard' } : null
  } catch {
    return null
  }
}

/**
 * Puts a file of Standby's own holding `bytes` (what was read through the link) at `path` in place
 * of the link, through a file beside it, so the link is there or the new file is, never neither.
 */
export function separateSettings(
  path: string,
  bytes: Uint8Array,
  link: SettingsLink,
  log: Logger,
): LinkOutcome {
  const other = otherFile(link)
  try {
    writeFileAtomicallySync(path, bytes)
  } catch (error) {
    log.error(`The settings file ${path} is ${other}, and could not be replaced by a file of its own`, error)
    return { notKept: notKeptSentence(other, errorCode(error) ?? errorMessage(error), dirname(path)) }
  }
  log.warn(
    `The settings file ${path} was ${other}; replaced it by a file of its own holding the same settings`,
  )
  return {
    separated:
      `Standby's settings file was ${other}, so saving a setting would have changed that file too. ` +
      'Standby now keeps its settings in a file of its own, starting from the same settings, and leaves the other file as it was.',
  }
}

/**
 * Removes a symbolic link at `path` whose target is missing: writing through it would create that
 * file wherever the link points. Nothing was read from it, so nothing is lost.
 */
export function removeDanglingLink(path: string, link: SettingsLink, log: Logger): void {
  if (link.kind !== 'symbolic') return
  try {
    unlinkSync(path)
    log.warn(`The settings file ${path} was ${otherFile(link)}, where there is no file; removed the link`)
  } catch (error) {
    log.warn(`The settings file ${path} is a link to no file and could not be removed (${errorCode(error)})`)
  }
}

/** The part of conf (and so electron-store) that every save of the whole file goes through. */
interface ConfWrite {
  _write?: unknown
  _serialize?: unknown
  _deserialize?: unknown
}

/** Where conf keeps its own bookkeeping in the file; its setter carries it over from the file. */
const CONF_INTERNAL_KEY = '__internal__'

/**
 * Makes every save of `store` a new file written beside `path` and renamed over it, which replaces
 * a link there rather than following it. conf's own write resolves a symbolic link and replaces
 * the file it points to (and, in a snap or after EXDEV, writes in place, into a hard link's other
 * name too), so a link put at the path while Standby runs, after the check at start, would have
 * each save overwrite that other file. The rename is as atomic as conf's, so a crash loses nothing.
 * Before it writes, conf reads the whole file again for its bookkeeping, following a link and
 * waiting on a named pipe: what is put there while Standby runs (a link to an endless device, a
 * pipe) would hold the save, and the app, for good. That bookkeeping is read here instead, from a
 * file of Standby's own of at most `maxBytes`, so conf reads nothing at a save; and the settings
 * read at open, after the start's check, are read the same way (ownSettings). conf without the
 * methods it reads and saves through cannot be made safe, so it is not opened at all.
 */
export function writingBeside<S extends Pick<Conf<Record<string, unknown>>, 'store'>>(
  store: S,
  path: string,
  maxBytes: number,
): S {
  const conf = store as S & ConfWrite
  const serialize = conf._serialize
  const deserialize = conf._deserialize
  const { set } = storeAccessor(conf) ?? {}
  if (
    typeof conf._write !== 'function' ||
    typeof serialize !== 'function' ||
    typeof deserialize !== 'function' ||
    typeof set !== 'function'
  )
    throw new Error('this conf saves its settings in a way Standby does not know, which could follow a link')
  // As conf does: the folder may have been removed since the store was opened. conf's own makes
  // it again open to other users (its setter runs it before the write), where the settings are private.
  const ensureFolder = (): void => void mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
  Object.defineProperty(conf, '_ensureDirectory', { value: ensureFolder })
  Object.defineProperty(conf, '_write', {
    value: (value: unknown) => {
      ensureFolder()
      writeFileAtomicallySync(path, String(serialize.call(conf, value)))
    },
  })
  Object.defineProperty(conf, 'store', {
    get: () => ownSettings(path, maxBytes, (text) => deserialize.call(conf, text)),
    set: (value: Record<string, unknown>) => {
      // Present, even as undefined, the key stops conf's own read; JSON leaves an undefined out.
      const carried =
        CONF_INTERNAL_KEY in value ? {} : { [CONF_INTERNAL_KEY]: ownBookkeeping(path, maxBytes) }
      set.call(conf, { ...value, ...carried })
    },
  })
  return store
}

/** A class of conf-compatible stores: conf's own (Node) or electron-store (Electron, built on conf). */
export type SettingsStoreClass<A extends unknown[]> = new (...args: A) => Conf<Record<string, unknown>>

/**
 * `Store` reading the settings file only as the store's own read does (ownSettings), and only a
 * file: conf's constructor reads the whole file with a plain read, before writingBeside takes the
 * store on, and a named pipe at the path (put there after the start's check, or left there when
 * the check could not move it aside) would hold the start for good, a device or a huge file be read
 * whole. What that read refuses, or cannot parse, reads as no settings there, as conf's
 * clearInvalidConfig has it: the store's own read tells it once opened. What stops any read (a
 * folder that is not one, or cannot be entered) still stops the store opening, as conf's did.
 * conf writes at construction only the defaults, which Standby does not give it.
 */
export function readingOnlyAFile<A extends unknown[]>(
  Store: SettingsStoreClass<A>,
  maxBytes: number,
): SettingsStoreClass<A> {
  // Looked up from an instance's place, as writingBeside does: the accessor is on conf's prototype.
  const { set } = storeAccessor(Object.create(Store.prototype) as object) ?? {}
  if (typeof set !== 'function')
    throw new Error(
      'this conf keeps its settings in a way Standby does not know, which could block its start',
    )
  const setStore: (value: Record<string, unknown>) => void = set
  return class extends Store {
    override get store(): Record<string, unknown> {
      const { _deserialize: deserialize } = this as unknown as ConfWrite
      if (typeof deserialize !== 'function')
        throw new Error('this conf reads its settings in a way Standby does not know')
      const none = Object.create(null) as Record<string, unknown>
      // A look, which opens nothing: a pipe is never opened, to be refused or waited on.
      if (!isFileAt(this.path)) return none
      try {
        return ownSettings(this.path, maxBytes, (text) => deserialize.call(this, text)) as Record<
          string,
          unknown
        >
      } catch (error) {
        if (error instanceof UnexpectedFileError || error instanceof SyntaxError) return none
        throw error
      }
    }

    override set store(value: Record<string, unknown>) {
      setStore.call(this, value)
    }
  }
}

/** Whether a regular file is at `path` (not a link); throws what stops the look but a missing file. */
function isFileAt(path: string): boolean {
  try {
    const stats = lstatSync(path)
    // A link is never read through here, but a look through it still stops the open where conf's
    // own read stopped (a link to itself, to a file the profile's owner cannot reach), so the
    // start says why its settings are not kept rather than that they went back to their defaults.
    if (stats.isSymbolicLink()) statSync(path)
    return stats.isFile()
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false
    throw error
  }
}

/** conf's accessor of the whole store, from its class (electron-store's is conf's). */
function storeAccessor(conf: object): PropertyDescriptor | undefined {
  for (let at: unknown = Object.getPrototypeOf(conf); at !== null; at = Object.getPrototypeOf(at)) {
    const found = Object.getOwnPropertyDescriptor(at, 'store')
    if (found !== undefined) return found
  }
  return undefined
}

/**
 * The settings in the file at `path` as conf's own read gives them (an object without a prototype),
 * but only from a file of Standby's own, judged as opened: conf's read follows a link, waits on a
 * named pipe and reads a device without end, and what is put there after the start's check would
 * be read through. Anything else there throws (the settings are then their defaults, told in the
 * log, until a save replaces it); no file is no settings saved yet.
 */
function ownSettings(path: string, maxBytes: number, deserialize: (text: string) => unknown): unknown {
  let bytes: Buffer
  try {
    bytes = readBoundedFileSync(path, maxBytes, 'refuse')
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return Object.create(null) as unknown
    throw error
  }
  return Object.assign(Object.create(null) as object, deserialize(bytes.toString('utf8')))
}

/**
 * conf's bookkeeping in the settings file at `path`, read as conf would carry it over, but only
 * from a file of Standby's own (not a link, not a pipe or device, at most `maxBytes`): anything
 * else there is about to be replaced, and holds nothing of Standby's.
 */
function ownBookkeeping(path: string, maxBytes: number): unknown {
  try {
    const stats = lstatSync(path)
    if (!stats.isFile() || stats.nlink > 1) return undefined
    const content: unknown = JSON.parse(readBoundedFileSync(path, maxBytes, 'refuse').toString('utf8'))
    return typeof content === 'object' && content !== null && CONF_INTERNAL_KEY in content
      ? (content as Record<string, unknown>)[CONF_INTERNAL_KEY]
      : undefined
  } catch {
    // As conf does: no file, or one that does not parse, carries nothing over.
    return undefined
  }
}

/**
 * Why the settings are not kept, and what to do, within what a notification shows: the folder to
 * check is named by its end when long, as the action after it must not be cut off.
 */
function notKeptSentence(other: string, why: string, folder: string): string {
  const before =
    `Standby's settings file is ${other}, which saving a setting would change too. Standby could not ` +
    `replace it (${cutText(why, MOST_REASON_CHARS)}), so it uses the default settings until it quits. ` +
    'Check that you can write in '
  const after = ', then start Standby again.'
  return `${before}${endOf(folder, NOTIFICATION_BODY_MAX - before.length - after.length)}${after}`
}

/** The most of an error's own words a notice repeats: its code is shorter. */
const MOST_REASON_CHARS = 40

/** The fewest units of a folder named by its end: its last names at least. */
const FEWEST_FOLDER_CHARS = 16

/** `text`, or an ellipsis and its end in at most `max` units, cut between whole characters. */
function endOf(text: string, max: number): string {
  const room = Math.max(FEWEST_FOLDER_CHARS, max)
  if (text.length <= room) return text
  // Not after half a character: the second half of a pair, or marks of a letter cut off.
  return `…${text.slice(text.length - (room - 1)).replace(/^[\udc00-\udfff]?\p{M}*/u, '')}`
}

/** The other file, as a sentence names it. */
function otherFile(link: SettingsLink): string {
  return link.kind === 'symbolic'
    ? `a link to ${describeValue(link.target)}`
    : 'a hard link, another name of a file that has other names'
}
