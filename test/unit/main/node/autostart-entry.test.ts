import { describe, expect, it } from 'vitest'
import {
  autostartDesktopEntry,
  autostartDir,
  autostartExecutable,
  desktopExecArg,
} from '../../../../src/main/node/autostart-entry'
import { startsHidden } from '../../../../src/main/node/start-hidden'

/** Reads an Exec argument back as a desktop reads it: the string rule, then the quoting rule. */
function readExecArg(written: string): string {
  const unescaped = written.replace(/\\(.)/g, '$1').replaceAll('%%', '%')
  expect(unescaped.startsWith('"') && unescaped.endsWith('"')).toBe(true)
  return unescaped.slice(1, -1).replace(/\\(["`$\\])/g, '$1')
}

describe('the XDG autostart entry', () => {
  it('goes to ~/.config/autostart, or under XDG_CONFIG_HOME when that is an absolute path', () => {
    expect(autostartDir({}, '/home/ana')).toBe('/home/ana/.config/autostart')
    expect(autostartDir({ XDG_CONFIG_HOME: '/srv/cfg' }, '/home/ana')).toBe('/srv/cfg/autostart')
    expect(autostartDir({ XDG_CONFIG_HOME: '' }, '/home/ana')).toBe('/home/ana/.config/autostart')
    expect(autostartDir({ XDG_CONFIG_HOME: 'relative/cfg' }, '/home/ana')).toBe('/home/ana/.config/autostart')
  })

  it('starts the AppImage when there is one, else the executable', () => {
    expect(autostartExecutable({ APPIMAGE: '/a/Standby.AppImage' }, '/tmp/.mount/standby')).toBe(
      '/a/Standby.AppImage',
    )
    expect(autostartExecutable({ APPIMAGE: '' }, '/opt/standby')).toBe('/opt/standby')
    expect(autostartExecutable({}, '/opt/standby')).toBe('/opt/standby')
  })

  it.each([
    '/opt/Standby/standby',
    '/home/ana/My Apps/Standby.AppImage',
    '/home/o"neil/$HOME/`id`/back\\slash/100%/tilde~/semi;colon/Q&A',
    '/opt/ünïcode/スタンバイ',
  ])('quotes %s so a desktop reads the same path back', (path) => {
    const written = desktopExecArg(path)
    expect(readExecArg(written)).toBe(path)
    // Nothing outside the quotes, and no field code a desktop would expand.
    expect(written.replaceAll('%%', '')).not.toContain('%')
  })

  it('refuses a path with a control character rather than writing an entry that runs something else', () => {
    expect(() => desktopExecArg('/opt/standby\n/usr/bin/evil')).toThrow(/control character/)
  })

  it('is a desktop entry that starts Standby hidden', () => {
    expect(autostartDesktopEntry('/opt/Standby/standby')).toBe(
      [
        '[Desktop Entry]',
        'Type=Application',
        'Name=Standby',
        'Comment=Keeps you reachable for live-help invites',
        'Exec="/opt/Standby/standby" --hidden',
        'Terminal=false',
        'X-GNOME-Autostart-enabled=true',
        '',
      ].join('\n'),
    )
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
