import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LOGIN_ITEM_APPLIED } from '../../../../src/main/core/settings/login-item'
import { AUTOSTART_FILE, autostartDesktopEntry } from '../../../../src/main/node/autostart-desktop-file'
import {
  OTHERS_ENTRY_PROBLEM,
  TURNED_OFF_BY_DESKTOP_PROBLEM,
  autostartDir,
  autostartExecutable,
  createAutostartEntry,
} from '../../../../src/main/node/autostart-entry'
import { startsHidden } from '../../../../src/main/node/start-hidden'
import { useTempDirs } from '../../../support/temp-dir'

describe('the XDG autostart entry', () => {
  it('goes to ~/.config/autostart, or under XDG_CONFIG_HOME when that is an absolute path', () => {
    expect(autostartDir({}, '/home/ana')).toBe('/home/ana/.config/autostart')
    expect(autostartDir({ XDG_CONFIG_HOME: '/srv/cfg' }, '/home/ana')).toBe('/srv/cfg/autostart')
    expect(autostartDir({ XDG_CONFIG_HOME: '' }, '/home/ana')).toBe('/home/ana/.config/autostart')
    expect(autostartDir({ XDG_CONFIG_HOME: 'relative/cfg' }, '/home/ana')).toBe('/home/ana/.config/autostart')
  })

  it('starts the AppImage when there is one, else the executable', () => {
    const fromAppImage = { APPIMAGE: '/a/Standby.AppImage', APPDIR: '/tmp/.mount_Standb1' }
    expect(autostartExecutable(fromAppImage, '/tmp/.mount_Standb1/standby')).toBe('/a/Standby.AppImage')
    expect(autostartExecutable({ APPIMAGE: '' }, '/opt/standby')).toBe('/opt/standby')
    expect(autostartExecutable({}, '/opt/standby')).toBe('/opt/standby')
  })

  it('starts its own executable when APPIMAGE was only inherited from another AppImage', () => {
    // The deb's Standby started from the terminal of an editor that runs as an AppImage: the
    // editor's AppImage would start at every login in Standby's place.
    const editors = { APPIMAGE: '/home/ana/Editor.AppImage', APPDIR: '/tmp/.mount_EditorX' }
    expect(autostartExecutable(editors, '/opt/Standby/standby')).toBe('/opt/Standby/standby')
    expect(autostartExecutable({ APPIMAGE: '/home/ana/Editor.AppImage' }, '/opt/Standby/standby')).toBe(
      '/opt/Standby/standby',
    )
    // A mount folder whose name only begins like this one's is another one.
    expect(
      autostartExecutable({ ...editors, APPDIR: '/tmp/.mount_Stand' }, '/tmp/.mount_Standb1/standby'),
    ).toBe('/tmp/.mount_Standb1/standby')
    expect(
      autostartExecutable({ APPIMAGE: 'Standby.AppImage', APPDIR: '/tmp/.mount_S' }, '/tmp/.mount_S/standby'),
    ).toBe('/tmp/.mount_S/standby')
  })
})

describe('starting hidden', () => {
  it('happens with --hidden or when the OS opened the app at login, and not otherwise', () => {
    expect(startsHidden({ argv: ['/opt/standby', '--hidden'], wasOpenedAtLogin: false })).toBe(true)
    expect(startsHidden({ argv: ['/opt/standby'], wasOpenedAtLogin: true })).toBe(true)
    expect(startsHidden({ argv: ['/opt/standby'], wasOpenedAtLogin: false })).toBe(false)
    expect(startsHidden({ argv: ['/opt/standby', 'standby://invite/1'], wasOpenedAtLogin: false })).toBe(
      false,
    )
  })
})

describe('writing and removing the autostart entry', () => {
  const tempDir = useTempDirs()
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined }

  it('writes the entry whole and removes it, leaving nothing else in the folder', () => {
    const dir = join(tempDir(), 'autostart')
    const item = createAutostartEntry({ dir, executable: '/opt/Standby/standby', log })
    expect(item.set(true)).toEqual(LOGIN_ITEM_APPLIED)
    expect(readdirSync(dir)).toEqual([AUTOSTART_FILE])
    expect(readFileSync(join(dir, AUTOSTART_FILE), 'utf8')).toBe(
      autostartDesktopEntry('/opt/Standby/standby'),
    )
    expect(item.set(false)).toEqual(LOGIN_ITEM_APPLIED)
    expect(readdirSync(dir)).toEqual([])
  })

  it.runIf(process.platform !== 'win32')(
    'never writes into a named pipe left at a name it used to write aside, which held the app',
    () => {
      const dir = tempDir()
      const path = join(dir, AUTOSTART_FILE)
      execFileSync('mkfifo', [`${path}.${process.pid}.tmp`])
      const item = createAutostartEntry({ dir, executable: '/opt/Standby/standby', log })
      expect(item.set(true)).toEqual(LOGIN_ITEM_APPLIED)
      expect(readFileSync(path, 'utf8')).toBe(autostartDesktopEntry('/opt/Standby/standby'))
    },
  )

  it('says it could not, and leaves no file written aside, when a folder holds the entry’s name', () => {
    const dir = tempDir()
    mkdirSync(join(dir, AUTOSTART_FILE, 'kept'), { recursive: true })
    const item = createAutostartEntry({ dir, executable: '/opt/Standby/standby', log })
    expect(item.set(true)).toMatchObject({ applied: false })
    expect(readdirSync(dir)).toEqual([AUTOSTART_FILE])
    expect(readdirSync(join(dir, AUTOSTART_FILE))).toEqual(['kept'])
  })

  it('follows a renamed executable without throwing when the entry can no longer be written, saying so', () => {
    const dir = join(tempDir(), 'autostart')
    const lines: string[] = []
    const item = createAutostartEntry({
      dir,
      executable: '/home/ana/Standby-1.2.3.AppImage',
      log: { ...log, warn: (line: string) => void lines.push(line) },
    })
    expect(item.set(true)).toEqual(LOGIN_ITEM_APPLIED)
    // The autostart folder became a file: nothing can be written in it.
    rmSync(dir, { recursive: true })
    writeFileSync(dir, '')
    expect(() => item.moveTo('/home/ana/Standby-1.3.0.AppImage')).not.toThrow()
    expect(lines).toEqual([
      expect.stringMatching(/could not follow Standby to .*Standby-1\.3\.0.*sets it right/),
    ])
  })

  // KDE's Autostart and GNOME Tweaks copy the app's own .desktop file (the deb's) under its name.
  const theirs = [
    '[Desktop Entry]',
    'Name=Standby',
    'Exec=/opt/Standby/standby %U',
    'Terminal=false',
    'Type=Application',
    'Icon=standby',
    'MimeType=x-scheme-handler/standby;',
    'Categories=Utility;',
    '',
  ].join('\n')

  it('turned on, leaves alone an entry of the same name the expert made, and says so beside the switch', () => {
    const dir = tempDir()
    writeFileSync(join(dir, AUTOSTART_FILE), theirs)
    const lines: string[] = []
    const item = createAutostartEntry({
      dir,
      executable: '/opt/Standby/standby',
      log: { ...log, warn: (line: string) => void lines.push(line) },
    })
    expect(item.set(true)).toEqual({ applied: false, problem: OTHERS_ENTRY_PROBLEM })
    expect(readFileSync(join(dir, AUTOSTART_FILE), 'utf8')).toBe(theirs)
    expect(lines).toEqual([
      expect.stringMatching(/standby\.desktop is not an entry Standby wrote, so it was left/),
    ])
    // An AppImage update moving Standby does not write over it either.
    item.moveTo('/home/ana/Standby-1.3.0.AppImage')
    expect(readFileSync(join(dir, AUTOSTART_FILE), 'utf8')).toBe(theirs)
    expect(readdirSync(dir)).toEqual([AUTOSTART_FILE])
  })

  it('turned on, replaces its own entry: one an earlier version wrote, or one a settings tool rewrote', () => {
    const dir = tempDir()
    const item = createAutostartEntry({ dir, executable: '/opt/Standby/standby', log })
    const ours = autostartDesktopEntry('/home/ana/Standby-1.0.0.AppImage')
    // Earlier versions wrote no key: their comment and hidden start say whose the entry is.
    const earlier = ours.replace('X-Standby-Written-By=Standby\n', '')
    // A settings tool that rewrote the comment keeps the key.
    const rewritten = ours.replace(/^Comment=.*$/m, 'Comment[de]=Hält dich erreichbar')
    for (const before of [earlier, rewritten]) {
      writeFileSync(join(dir, AUTOSTART_FILE), before)
      expect(item.set(true)).toEqual(LOGIN_ITEM_APPLIED)
      expect(readFileSync(join(dir, AUTOSTART_FILE), 'utf8')).toBe(
        autostartDesktopEntry('/opt/Standby/standby'),
      )
    }
  })

  it('leaves alone an entry the expert added in their desktop’s startup settings, which has the same name', () => {
    const dir = tempDir()
    writeFileSync(join(dir, AUTOSTART_FILE), theirs)
    const item = createAutostartEntry({ dir, executable: '/opt/Standby/standby', log })
    // Standby's own switch is off, as it is by default, and is applied at every start.
    expect(item.set(false)).toEqual(LOGIN_ITEM_APPLIED)
    expect(readFileSync(join(dir, AUTOSTART_FILE), 'utf8')).toBe(theirs)
    // Its own entry, from this version or an earlier one and whichever file it started, it removes.
    writeFileSync(join(dir, AUTOSTART_FILE), autostartDesktopEntry('/home/ana/Standby-1.0.0.AppImage'))
    expect(item.set(false)).toEqual(LOGIN_ITEM_APPLIED)
    expect(readdirSync(dir)).toEqual([])
    // So is its own entry once a desktop's settings tool rewrote it with keys of its own.
    const rewritten = `${autostartDesktopEntry('/opt/Standby/standby')}Hidden=false\nName[de]=Standby\n`
    writeFileSync(join(dir, AUTOSTART_FILE), rewritten.replaceAll('\n', '\r\n'))
    expect(item.set(false)).toEqual(LOGIN_ITEM_APPLIED)
    expect(readdirSync(dir)).toEqual([])
  })
  it('at a start with the switch on, leaves its entry off where the desktop turned it off, and says so', () => {
    const dir = tempDir()
    const item = createAutostartEntry({ dir, executable: '/opt/Standby/standby', log })
    const ours = autostartDesktopEntry('/opt/Standby/standby')
    const offByDesktop = [
      `${ours}Hidden=true\n`,
      ours.replace('X-GNOME-Autostart-enabled=true', 'X-GNOME-Autostart-enabled = false'),
    ]
    for (const off of offByDesktop) {
      writeFileSync(join(dir, AUTOSTART_FILE), off)
      expect(item.applyAtStart(true)).toEqual({ applied: false, problem: TURNED_OFF_BY_DESKTOP_PROBLEM })
      expect(readFileSync(join(dir, AUTOSTART_FILE), 'utf8')).toBe(off)
    }
    // One the desktop left on is written again, as at every start; the switch off removes it.
    writeFileSync(join(dir, AUTOSTART_FILE), `${ours}Hidden=false\n`)
    expect(item.applyAtStart(true)).toEqual(LOGIN_ITEM_APPLIED)
    expect(readFileSync(join(dir, AUTOSTART_FILE), 'utf8')).toBe(ours)
    writeFileSync(join(dir, AUTOSTART_FILE), offByDesktop[0]!)
    expect(item.applyAtStart(false)).toEqual(LOGIN_ITEM_APPLIED)
    expect(readdirSync(dir)).toEqual([])
  })
})
