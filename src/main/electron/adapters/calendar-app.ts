/**
 * The OS's calendar app in Electron: the .ics file is written to a folder of its own under the
 * temp folder, readable by this user only (a room link carries the key to the room), and opened
 * with the default app for .ics files through `shell.openPath`. The folders are removed once no
 * calendar app can still be about to read them (core/calendar/calendar-files.ts): at start, what
 * earlier runs left, and after each hand-over.
 */
import { shell } from 'electron'
import { lstat, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  CALENDAR_FOLDER_PREFIX,
  planCalendarSweep,
  type FoundFolder,
} from '../../core/calendar/calendar-files'
import type { CalendarOpener } from '../../core/ports/calendar-opener'
import type { Logger } from '../../core/ports/logger'
import { errorMessage } from '../../../shared/error-message'

/** The calendar app, and the cleaning of what earlier runs left, begun at its creation. */
export interface CalendarApp extends CalendarOpener {
  /** Settles once the folders earlier runs left are removed (never rejects). */
  readonly swept: Promise<void>
}

/**
 * Opens calendar files with the OS's default calendar app; `dir` is the temp folder and `now` the
 * computer's clock unless given.
 */
export function createCalendarApp(
  options: {
    readonly dir?: string
    readonly log?: Pick<Logger, 'warn'>
    readonly now?: () => number
  } = {},
): CalendarApp {
  const dir = options.dir ?? tmpdir()
  const now = options.now ?? Date.now
  const sweep = (): Promise<void> =>
    sweepFolders(dir, now()).catch((error: unknown) =>
      options.log?.warn(`Could not remove old calendar files: ${errorMessage(error)}`),
    )
  return {
    swept: sweep(),
    async open(file) {
      // A fresh private folder per file: no other user can read it, and no file of the same name is reused.
      const folder = await mkdtemp(join(dir, CALENDAR_FOLDER_PREFIX))
      const path = join(folder, file.fileName)
      await writeFile(path, file.content, { encoding: 'utf8', mode: 0o600, flag: 'wx' })
      // openPath answers with the reason it failed, or '' when the file was handed over.
      const failure = await shell.openPath(path)
      await sweep()
      if (failure !== '') throw new Error(`the system could not open ${path}: ${failure}`)
      return true
    },
  }
}

/**
 * Remove this user's calendar folders in `dir` old enough that no calendar app still reads them,
 * and date `now` those dated later (calendar-files.ts says why).
 */
async function sweepFolders(dir: string, now: number): Promise<void> {
  const names = (await readdir(dir).catch(() => [])).filter((name) => name.startsWith(CALENDAR_FOLDER_PREFIX))
  const uid = process.getuid?.()
  const found: FoundFolder[] = []
  for (const name of names) {
    // Only a real folder of this user's: never a link, nor another user's folder of the same name.
    const info = await lstat(join(dir, name)).catch(() => null)
    if (info === null || !info.isDirectory() || (uid !== undefined && info.uid !== uid)) continue
    found.push({ name, modifiedAt: info.mtimeMs })
  }
  const plan = planCalendarSweep(found, now)
  for (const name of plan.remove) await rm(join(dir, name), { recursive: true, force: true })
  const at = new Date(now)
  for (const name of plan.redate) await utimes(join(dir, name), at, at)
}
