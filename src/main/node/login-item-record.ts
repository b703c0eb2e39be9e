/**
 * Standby's note of the login item it registered (macOS's login item, the Linux autostart entry),
 * and when: the OS cannot say who removed an item. Gone while the note says Standby registered it
 * and the switch is still on, the expert removed it in the system's settings; with no note, it never
 * was (a first start, a new profile), and Standby registers it.
 */
import { mkdirSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Logger } from '../core/ports/logger'
import { writeFileAtomicallySync } from './atomic-file'
import { readBoundedFileSync } from './bounded-file'

/** The note's file in userData. */
export const LOGIN_ITEM_RECORD_FILE = 'login-item-record.json'

/** When Standby last registered its login item; kept across runs. */
export interface LoginItemRecord {
  /** When Standby registered it, if its note says so; null for no note, or one that cannot be read. */
  registeredAt(): number | null
  /** Standby registered it now. */
  registered(at: number): void
  /** Standby removed it, or will not add it back: the note goes. */
  cleared(): void
}

/** More than a note ever holds: a longer file is someone else's and reads as no note. */
const MAX_RECORD_BYTES = 256

/** The note in the file at `path`; a write that fails is logged, and the note then says what it said. */
export function fileLoginItemRecord(path: string, log: Logger): LoginItemRecord {
  return {
    registeredAt() {
      try {
        // Read with care, at every start: a named pipe there would hold the start, a link to a
        // device or a huge file would be read whole.
        const parsed: unknown = JSON.parse(readBoundedFileSync(path, MAX_RECORD_BYTES).toString('utf8'))
        const at =
          typeof parsed === 'object' && parsed !== null && 'registeredAt' in parsed
            ? parsed.registeredAt
            : null
        return typeof at === 'number' && Number.isFinite(at) ? at : null
      } catch {
        // No note, or none that reads: as if Standby never registered it, so it registers it again.
        return null
      }
    },
    registered(at) {
      try {
        mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
        writeFileAtomicallySync(path, `${JSON.stringify({ registeredAt: at })}\n`)
      } catch (error) {
        log.warn(`Launch at login: could not note that Standby registered it, in ${path}: ${String(error)}`)
      }
    },
    cleared() {
      try {
        rmSync(path, { force: true })
      } catch (error) {
        log.warn(`Launch at login: could not remove its note ${path}: ${String(error)}`)
      }
    },
  }
}
