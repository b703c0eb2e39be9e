import { mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createCalendarApp } from '../../../../../src/main/electron/adapters/calendar-app'
import { CALENDAR_FILES_KEPT_MS } from '../../../../../src/main/core/calendar/calendar-files'
import { fake, resetFakeElectron } from '../../../../support/fake-electron'
import { useTempDirs } from '../../../../support/temp-dir'

vi.mock('electron', async () => (await import('../../../../support/fake-electron')).electronModule)

const tempDir = useTempDirs()
const FILE = { fileName: 'standby-session-ses_1.ics', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' }

beforeEach(() => {
  resetFakeElectron()
  vi.clearAllMocks()
})

describe('the calendar app in Electron', () => {
  it('writes the file for this user only and opens it with the default app', async () => {
    const dir = tempDir()
    expect(await createCalendarApp({ dir }).open(FILE)).toBe(true)
    const path = fake.shell.openPath.mock.calls[0]![0]
    expect(path.startsWith(dir)).toBe(true)
    expect(path.endsWith('standby-session-ses_1.ics')).toBe(true)
    expect(await readFile(path, 'utf8')).toBe(FILE.content)
    if (process.platform !== 'win32') {
      expect((await stat(path)).mode & 0o777).toBe(0o600)
      expect((await stat(dirname(path))).mode & 0o077).toBe(0)
    }
  })

  it('rejects with the system’s reason when no app opens the file', async () => {
    fake.shell.openPath.mockResolvedValueOnce('No application is registered for .ics')
    await expect(createCalendarApp({ dir: tempDir() }).open(FILE)).rejects.toThrow(
      /No application is registered/,
    )
  })
})

describe('the calendar files left behind', () => {
  const HOUR = 60 * 60_000
  /** A folder an earlier open (or run) left, its time set `ageMs` back. */
  async function leftBehind(dir: string, name: string, ageMs: number): Promise<string> {
    const folder = join(dir, name)
    await mkdir(folder, { mode: 0o700 })
    await writeFile(join(folder, 'standby-session-old.ics'), 'BEGIN:VCALENDAR\r\n')
    const at = new Date(Date.now() - ageMs)
    await utimes(folder, at, at)
    return folder
  }

  it('removes at start what earlier runs left, and keeps what is recent or not Standby’s', async () => {
    const dir = tempDir()
    await leftBehind(dir, 'standby-calendar-old1', 2 * HOUR)
    await leftBehind(dir, 'standby-calendar-old2', CALENDAR_FILES_KEPT_MS + 60_000)
    await leftBehind(dir, 'standby-calendar-new', 60_000)
    await leftBehind(dir, 'someone-else', 2 * HOUR)
    await createCalendarApp({ dir }).swept
    expect((await readdir(dir)).sort()).toEqual(['someone-else', 'standby-calendar-new'])
  })

  it('after each open, removes the files old enough that no calendar app still reads them, never the recent ones', async () => {
    const dir = tempDir()
    const calendar = createCalendarApp({ dir })
    await calendar.swept
    await calendar.open(FILE)
    await calendar.open(FILE)
    const opened = fake.shell.openPath.mock.calls.map((call) => call[0])
    // Both still there: the calendar app may not have read them yet.
    for (const path of opened) expect(await readFile(path, 'utf8')).toBe(FILE.content)
    const old = new Date(Date.now() - 2 * HOUR)
    await utimes(dirname(opened[0]!), old, old)
    await calendar.open(FILE)
    const folders = await readdir(dir)
    expect(folders).toHaveLength(2)
    expect(folders).not.toContain(dirname(opened[0]!).slice(dir.length + 1))
    expect(await readFile(opened[1]!, 'utf8')).toBe(FILE.content)
  })

  it('removes what an earlier run left while the clock ran ahead, once the time it keeps files has passed from now', async () => {
    const dir = tempDir()
    // Written a day "later" than now: the clock ran ahead then, and was set right since.
    const ahead = await leftBehind(dir, 'standby-calendar-ahead', -24 * HOUR)
    let now = Date.now()
    const calendar = createCalendarApp({ dir, now: () => now })
    await calendar.swept
    // A calendar app may still be about to read it: kept the full time from now, not removed at once.
    expect(await readdir(dir)).toEqual(['standby-calendar-ahead'])
    now += CALENDAR_FILES_KEPT_MS - 1
    await calendar.open(FILE)
    expect(await readdir(dir)).toContain('standby-calendar-ahead')
    now += 1
    await calendar.open(FILE)
    expect(await readdir(dir)).not.toContain('standby-calendar-ahead')
    expect(fake.shell.openPath.mock.calls.map((call) => dirname(call[0]))).not.toContain(ahead)
  })

  it('keeps a file this run handed over while the clock ran ahead, after the clock was set back', async () => {
    const dir = tempDir()
    let now = Date.now()
    const calendar = createCalendarApp({ dir, now: () => now })
    await calendar.swept
    await calendar.open(FILE)
    const handedOver = fake.shell.openPath.mock.calls[0]![0]
    // Dated as by a clock a day ahead, which was then set right: the file is a moment old.
    const ahead = new Date(now + 24 * HOUR)
    await utimes(dirname(handedOver), ahead, ahead)
    await calendar.open(FILE)
    expect(await readFile(handedOver, 'utf8')).toBe(FILE.content)
    now += CALENDAR_FILES_KEPT_MS
    await calendar.open(FILE)
    await expect(readFile(handedOver, 'utf8')).rejects.toThrow(/ENOENT/)
  })

  it('a folder it cannot read to clean is no error: nothing to clean', async () => {
    await expect(createCalendarApp({ dir: join(tempDir(), 'missing') }).swept).resolves.toBeUndefined()
  })
})
