import { readFile, stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createCalendarApp } from '../../../../../src/main/electron/adapters/calendar-app'
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
