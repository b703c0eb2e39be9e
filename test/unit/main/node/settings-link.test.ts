// A settings file that is a link to another file is replaced by one of Standby's own at start,
// holding the same settings: saving a setting never writes over the other file.
import { execFileSync } from 'node:child_process'
import {
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { createNodeSettingsStore } from '../../../../src/main/node/adapters/settings-store'
import Conf from 'conf'
import {
  openSettingsStore,
  settingsFilePath,
  SHARED_STORE_OPTIONS,
} from '../../../../src/main/node/settings-file'
import { separateSettings } from '../../../../src/main/node/settings-link'
import { NOTIFICATION_BODY_MAX } from '../../../../src/shared/os-limits'
import { recordingLog } from '../../../support/recording-log'
import { useTempDirs } from '../../../support/temp-dir'

const tempDir = useTempDirs()

/** A folder with another app's file in it, and Standby's settings folder beside it. */
function besideAnotherApp(otherContent: string) {
  const dir = tempDir()
  mkdirSync(join(dir, 'other-app'))
  mkdirSync(join(dir, 'standby'))
  const other = join(dir, 'other-app', 'config.json')
  writeFileSync(other, otherContent)
  return { other, settingsDir: join(dir, 'standby'), path: settingsFilePath(join(dir, 'standby')) }
}

describe.runIf(process.platform !== 'win32')('a settings file that is a link to another file', () => {
  it('is replaced by a file of its own with the same settings, and a change never reaches the other file', () => {
    const saved = JSON.stringify({ settingsVersion: 1, soundEnabled: false })
    const { other, settingsDir, path } = besideAnotherApp(saved)
    symlinkSync(other, path)
    const log = recordingLog()
    const settings = createNodeSettingsStore({ dir: settingsDir, log })

    expect(settings.get().soundEnabled).toBe(false)
    expect(settings.separatedAtOpen).toMatch(
      /^Standby's settings file was a link to ".*other-app\/config\.json", so saving a setting would have changed that file too\. Standby now keeps its settings in a file of its own, starting from the same settings, and leaves the other file as it was\.$/,
    )
    expect(lstatSync(path).isFile()).toBe(true)
    settings.update({ remindersEnabled: false })
    expect(readFileSync(other, 'utf8')).toBe(saved)
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({
      soundEnabled: false,
      remindersEnabled: false,
    })
    // Told once: the next start finds a file of its own.
    expect(createNodeSettingsStore({ dir: settingsDir, log }).separatedAtOpen).toBeUndefined()
  })

  it('leaves another app’s config as it was when what it holds is rewritten as settings', () => {
    const theirs = '{"theme":"dark","window":{"width":800}}'
    const { other, settingsDir, path } = besideAnotherApp(theirs)
    symlinkSync(other, path)
    const settings = createNodeSettingsStore({ dir: settingsDir, log: recordingLog() })
    settings.update({ soundEnabled: false })
    expect(readFileSync(other, 'utf8')).toBe(theirs)
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ soundEnabled: false })
  })

  it('gives a hard-linked file a name of its own, so a write in place cannot reach the other name', () => {
    const saved = JSON.stringify({ settingsVersion: 1, soundEnabled: false })
    const { other, settingsDir, path } = besideAnotherApp(saved)
    linkSync(other, path)
    // conf writes in place, not through a file beside it, inside a snap.
    vi.stubEnv('SNAP', '/snap/standby/1')
    try {
      const settings = createNodeSettingsStore({ dir: settingsDir, log: recordingLog() })
      expect(settings.separatedAtOpen).toMatch(
        /^Standby's settings file was a hard link, another name of a file/,
      )
      settings.update({ remindersEnabled: false })
    } finally {
      vi.unstubAllEnvs()
    }
    expect(readFileSync(other, 'utf8')).toBe(saved)
    expect(lstatSync(path).nlink).toBe(1)
  })

  const symbolic = (other: string, path: string) => symlinkSync(other, path)
  const hard = (other: string, path: string) => linkSync(other, path)
  it.each([
    { link: 'a symbolic link', plant: symbolic, inSnap: false },
    { link: 'a hard link', plant: hard, inSnap: false },
    // conf writes in place there, which a hard link would carry to the other name.
    { link: 'a symbolic link', plant: symbolic, inSnap: true },
    { link: 'a hard link', plant: hard, inSnap: true },
  ])(
    'never writes through $link put in its place while it runs (in a snap: $inSnap)',
    ({ plant, inSnap }) => {
      const theirs = '{"theme":"dark"}'
      const { other, settingsDir, path } = besideAnotherApp(theirs)
      if (inSnap) vi.stubEnv('SNAP', '/snap/standby/1')
      try {
        const settings = createNodeSettingsStore({ dir: settingsDir, log: recordingLog() })
        settings.update({ soundEnabled: false })
        rmSync(path)
        plant(other, path)
        settings.update({ remindersEnabled: false })
        settings.flush()
      } finally {
        vi.unstubAllEnvs()
      }
      expect(readFileSync(other, 'utf8')).toBe(theirs)
      expect(lstatSync(path).isFile()).toBe(true)
      expect(lstatSync(path).nlink).toBe(1)
      expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({
        soundEnabled: false,
        remindersEnabled: false,
      })
    },
  )

  it('saves at once when a named pipe is put in its place while it runs, which held the save and the app for good', () => {
    const { settingsDir, path } = besideAnotherApp('')
    const settings = createNodeSettingsStore({ dir: settingsDir, log: recordingLog() })
    settings.update({ soundEnabled: false })
    rmSync(path)
    execFileSync('mkfifo', [path])
    settings.update({ remindersEnabled: false })
    settings.flush()
    expect(lstatSync(path).isFile()).toBe(true)
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({
      soundEnabled: false,
      remindersEnabled: false,
    })
  })

  it('takes nothing of another app’s config into its own at a save through a link put there while it runs', () => {
    const theirs = '{"__internal__":{"migrations":{"version":"9.0.0"}},"theme":"dark"}'
    const { other, settingsDir, path } = besideAnotherApp(theirs)
    const settings = createNodeSettingsStore({ dir: settingsDir, log: recordingLog() })
    settings.update({ soundEnabled: false })
    rmSync(path)
    symlinkSync(other, path)
    settings.update({ remindersEnabled: false })
    settings.flush()
    expect(readFileSync(other, 'utf8')).toBe(theirs)
    expect(JSON.parse(readFileSync(path, 'utf8'))).not.toHaveProperty('__internal__')
  })

  it('reads nothing through a link put there between the start’s check and its read, and replaces it at the first save', () => {
    const theirs = JSON.stringify({ settingsVersion: 1, soundEnabled: false })
    const { other, settingsDir, path } = besideAnotherApp(theirs)
    const log = recordingLog()
    const settings = openSettingsStore({
      dir: settingsDir,
      log,
      // Called right after the check: the link comes in between.
      open: () => {
        symlinkSync(other, path)
        return new Conf<Record<string, unknown>>({
          cwd: settingsDir,
          configName: 'settings',
          ...SHARED_STORE_OPTIONS,
        })
      },
    })
    expect(settings.get().soundEnabled).toBe(true)
    expect(log.text()).toContain('Could not read the settings file; using the default settings')
    settings.update({ remindersEnabled: false })
    settings.flush()
    expect(readFileSync(other, 'utf8')).toBe(theirs)
    expect(lstatSync(path).isFile()).toBe(true)
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ remindersEnabled: false })
  })

  it('removes a link to a file that does not exist, so no write creates that file', () => {
    const { other, settingsDir, path } = besideAnotherApp('')
    const nowhere = `${other}.missing`
    symlinkSync(nowhere, path)
    vi.stubEnv('SNAP', '/snap/standby/1')
    const log = recordingLog()
    try {
      createNodeSettingsStore({ dir: settingsDir, log }).update({ soundEnabled: false })
    } finally {
      vi.unstubAllEnvs()
    }
    expect(existsSync(nowhere)).toBe(false)
    expect(lstatSync(path).isFile()).toBe(true)
    expect(log.text()).toContain('where there is no file; removed the link')
  })
})

describe('a settings file that is a link and cannot be replaced', () => {
  it('says what to do within what a notification shows, however long its folder', () => {
    const folder = join(tempDir(), 'Users', 'Expert Name', 'AppData', 'Roaming', 'Standby', 'x'.repeat(200))
    const link = {
      kind: 'symbolic',
      target: '/home/expert/dotfiles/standby/settings.json',
    } as const
    // No folder there: the file beside it cannot be made.
    const outcome = separateSettings(join(folder, 'settings.json'), Buffer.from('{}'), link, recordingLog())
    if (!('notKept' in outcome)) throw new Error('the link was replaced')
    expect(outcome.notKept.length).toBeLessThanOrEqual(NOTIFICATION_BODY_MAX)
    expect(outcome.notKept).toMatch(/^Standby's settings file is a link to "\/home\/expert\/dotfiles\//)
    expect(outcome.notKept).toMatch(
      /\(ENOENT\).* Check that you can write in …x+, then start Standby again\.$/,
    )
  })

  it('names a long folder by its end between whole characters', () => {
    const link = { kind: 'hard' } as const
    for (const tail of ['😀'.repeat(150), `x${'😀'.repeat(150)}`]) {
      const folder = join(tempDir(), tail)
      const outcome = separateSettings(join(folder, 'settings.json'), Buffer.from('{}'), link, recordingLog())
      if (!('notKept' in outcome)) throw new Error('the link was replaced')
      expect(outcome.notKept.isWellFormed()).toBe(true)
      expect(outcome.notKept.length).toBeLessThanOrEqual(NOTIFICATION_BODY_MAX)
      expect(outcome.notKept).toMatch(/ Check that you can write in …(😀)+, then start Standby again\.$/u)
    }
  })
})

describe('a conf that saves its file some other way', () => {
  it('is not opened, so no save can follow a link, and the expert is told the settings are not kept', () => {
    const dir = tempDir()
    const log = recordingLog()
    const settings = openSettingsStore({ dir, log, open: () => ({ store: {} }) })
    expect(settings.notKept).toMatch(
      /^Standby could not open its settings file \(this conf saves its settings/,
    )
    settings.update({ soundEnabled: false })
    expect(existsSync(settingsFilePath(dir))).toBe(false)
  })
})

describe.runIf(process.platform !== 'win32')('a settings folder removed while Standby runs', () => {
  it('comes back at the next save closed to other users, as the settings in it are private', () => {
    const dir = join(tempDir(), 'Standby')
    mkdirSync(dir, { mode: 0o700 })
    const settings = createNodeSettingsStore({ dir, log: recordingLog() })
    rmSync(dir, { recursive: true })
    settings.update({ soundEnabled: false })
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    expect(JSON.parse(readFileSync(settingsFilePath(dir), 'utf8'))).toMatchObject({ soundEnabled: false })
  })
})

// Only a link at the file itself is another file's: a profile folder kept elsewhere (a dotfiles
// repository, another disk) and linked in is where the expert chose to keep Standby's settings.
describe.runIf(process.platform !== 'win32')(
  'a settings folder that is a link to a folder kept elsewhere',
  () => {
    it('is read and saved through, the link kept and nothing said about it', () => {
      const dir = tempDir()
      const kept = join(dir, 'dotfiles', 'standby')
      mkdirSync(kept, { recursive: true })
      writeFileSync(settingsFilePath(kept), JSON.stringify({ settingsVersion: 1, soundEnabled: false }))
      const linked = join(dir, 'Standby')
      symlinkSync(kept, linked)
      const log = recordingLog()
      const settings = createNodeSettingsStore({ dir: linked, log })
      expect(settings.get().soundEnabled).toBe(false)
      settings.update({ remindersEnabled: false })
      settings.flush()
      expect(settings.separatedAtOpen).toBeUndefined()
      expect(settings.notKept).toBeUndefined()
      expect(lstatSync(linked).isSymbolicLink()).toBe(true)
      expect(JSON.parse(readFileSync(settingsFilePath(kept), 'utf8'))).toMatchObject({
        soundEnabled: false,
        remindersEnabled: false,
      })
      expect(log.text()).not.toMatch(/link|Could not read/)
    })
  },
)
