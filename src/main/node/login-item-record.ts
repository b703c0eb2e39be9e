/**
 * Standby's note of the login item it registered (macOS's login item, Windows' Run value, the Linux
 * autostart entry): the OS cannot say who removed an item. Gone while the note says Standby
 * registered it and the switch is still on, the expert (or their cleaning tool) removed it; with no
 * note, it never was (a first start), and Standby registers it. Every profile of Standby (another
 * user-data folder) shares the one item, so they share the note too, and it says which profile
 * registered the item (the one it starts, on Windows and Linux), or turned it off, and from where the
 * app was registered (a moved app).
 */
import { mkdirSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Logger } from '../core/ports/logger'
import type { RemovedOutside } from '../core/settings/login-item'
import { writeFileAtomicallySync } from './atomic-file'
import { readBoundedFileSync } from './bounded-file'
import { errorMessage } from '../../shared/error-message'

/** The note's file, in the folder every profile shares (the default profile's userData). */
export const LOGIN_ITEM_RECORD_FILE = 'login-item-record.json'

/** What the note says of the shared login item. */
export type LoginItemNote =
  | {
      readonly kind: 'registered'
      /** When Standby registered it. */
      readonly at: number
      /**
       * Which profile (its userData folder). An earlier version's note named none: each profile kept
       * its own in its folder, so one found in the shared folder is the default profile's.
       */
      readonly by: string
      /** The executable it starts; null in an earlier version's note. */
      readonly appPath: string | null
    }
  | {
      /** A profile's switch turned it off: not the expert's doing, for the other profiles. */
      readonly kind: 'turned-off'
      readonly by: string
    }

/** The note of the shared login item, as one profile reads and writes it; kept across runs. */
export interface LoginItemRecord {
  /** The profile this Standby runs as (its userData folder). */
  readonly profile: string
  /** What the note says; null for no note, or one that cannot be read. */
  read(): LoginItemNote | null
  /** Standby registered it now, starting `appPath`. */
  registered(at: number, appPath: string): void
  /** This profile's switch removed it: the other profiles' switches follow, off, saying why. */
  turnedOff(): void
  /** Standby will not add it back, or could not register it: the note goes. */
  cleared(): void
}

/**
 * What Settings says beside the switch, turned off at a start because another profile of Standby
 * turned off the login item they share.
 */
export const OTHER_PROFILE_TURNED_OFF_PROBLEM =
  'Launch at login was turned off in another Standby profile on this computer, which shares it with this one, so it is off here too. Turn it on to have Standby start when you log in again.'

/**
 * What Settings says beside the switch, turned off at a start (or, on, while Standby runs) because
 * another profile of Standby turned launch at login on since: the one login item starts that profile now.
 */
export const OTHER_PROFILE_STARTS_PROBLEM =
  'Launch at login was turned on in another Standby profile on this computer since, so Standby starts that profile when you log in, not this one: only one profile can start at login. Turn this on to start this profile instead.'

/**
 * What a start with the switch on makes of the shared item found in place while the note says
 * another profile registered it: the item starts that profile, so this one's switch follows, off,
 * rather than take it back at every start of either. Null where this profile registered it, or none did.
 */
export function takenAtStart(record: LoginItemRecord | undefined, log: Logger): RemovedOutside | null {
  if (!registeredElsewhere(record)) return null
  log.info(
    'Launch at login: another profile of Standby turned it on since, and it starts that one; the switch follows, off',
  )
  return { removedOutside: true, problem: OTHER_PROFILE_STARTS_PROBLEM }
}

/** When the note says Standby registered the item; null otherwise. */
export function registeredAt(record: LoginItemRecord | undefined): number | null {
  const note = record?.read() ?? null
  return note?.kind === 'registered' ? note.at : null
}

/**
 * What a start with the switch on makes of the shared item found gone (`item` names it in the log):
 * another profile's switch turned it off, and this one follows, saying so; or the expert (or their
 * tool) removed it after Standby registered it, said by `removedProblem`. Null where Standby never
 * registered it, which the start then does.
 */
export function removedAtStart(
  record: LoginItemRecord | undefined,
  removedProblem: string,
  log: Logger,
  item: string,
): RemovedOutside | null {
  const note = record?.read() ?? null
  if (note?.kind === 'turned-off' && note.by !== record?.profile) {
    log.info(`Launch at login: another profile of Standby turned ${item} off; the switch follows, off`)
    return { removedOutside: true, problem: OTHER_PROFILE_TURNED_OFF_PROBLEM }
  }
  if (note?.kind !== 'registered') return null
  log.info(`Launch at login: ${item}, which Standby registered, is gone; the switch follows, off`)
  return { removedOutside: true, problem: removedProblem }
}

/** Whether the note says another profile registered the shared item. */
export function registeredElsewhere(record: LoginItemRecord | undefined): boolean {
  const note = record?.read() ?? null
  return note?.kind === 'registered' && note.by !== record?.profile
}

/** More than a note ever holds: a longer file is someone else's and reads as no note. */
const MAX_RECORD_BYTES = 4096

/**
 * The note in the file at `path`, as `profile` sees it; a write that fails is logged, and the note
 * then says what it said.
 */
export function fileLoginItemRecord(path: string, log: Logger, profile: string): LoginItemRecord {
  const write = (note: object, what: string): void => {
    try {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
      writeFileAtomicallySync(path, `${JSON.stringify(note)}\n`)
    } catch (error) {
      log.warn(`Launch at login: could not note that Standby ${what}, in ${path}: ${errorMessage(error)}`)
    }
  }
  return {
    profile,
    read() {
      try {
        // Read with care, at every start: a named pipe there would hold the start, a link to a
        // device or a huge file would be read whole.
        const text = readBoundedFileSync(path, MAX_RECORD_BYTES).toString('utf8')
        return parseNote(JSON.parse(text), dirname(path))
      } catch {
        // No note, or none that reads: as if Standby never registered it, so it registers it again.
        return null
      }
    },
    registered: (at, appPath) => write({ registeredAt: at, by: profile, appPath }, 'registered it'),
    turnedOff: () => write({ turnedOffBy: profile }, 'turned it off'),
    cleared() {
      try {
        rmSync(path, { force: true })
      } catch (error) {
        log.warn(`Launch at login: could not remove its note ${path}: ${errorMessage(error)}`)
      }
    },
  }
}

/**
 * The note a file holds, or null where it holds none that reads; one that names no profile (an
 * earlier version's) is `folder`'s, the profile whose folder it was written in.
 */
function parseNote(parsed: unknown, folder: string): LoginItemNote | null {
  if (typeof parsed !== 'object' || parsed === null) return null
  const fields = parsed as Record<string, unknown>
  const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)
  const by = text(fields.turnedOffBy)
  if (by !== null) return { kind: 'turned-off', by }
  const at = fields.registeredAt
  if (typeof at !== 'number' || !Number.isFinite(at)) return null
  return { kind: 'registered', at, by: text(fields.by) ?? folder, appPath: text(fields.appPath) }
}
