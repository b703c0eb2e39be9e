/**
 * The OS's calendar app in Electron: the .ics file is written to a folder of its own under the
 * temp folder, readable by this user only (a room link carries the key to the room), and opened
 * with the default app for .ics files through `shell.openPath`.
 */
import { shell } from 'electron'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CalendarOpener } from '../../core/ports/calendar-opener'

/** Opens calendar files with the OS's default calendar app; `dir` is the temp folder unless given. */
export function createCalendarApp(options: { readonly dir?: string } = {}): CalendarOpener {
  return {
    async open(file) {
      // A fresh private folder per file: no other user can read it, and no file of the same name is reused.
      const folder = await mkdtemp(join(options.dir ?? tmpdir(), 'standby-calendar-'))
      const path = join(folder, file.fileName)
      await writeFile(path, file.content, { encoding: 'utf8', mode: 0o600, flag: 'wx' })
      // openPath answers with the reason it failed, or '' when the file was handed over.
      const failure = await shell.openPath(path)
      if (failure !== '') throw new Error(`the system could not open ${path}: ${failure}`)
      return true
    },
  }
}
