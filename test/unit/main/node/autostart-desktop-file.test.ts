import { describe, expect, it } from 'vitest'
import { autostartDesktopEntry, desktopExecArg } from '../../../../src/main/node/autostart-desktop-file'

/** Reads an Exec argument back as a desktop reads it: the string rule, then the quoting rule. */
function readExecArg(written: string): string {
  const unescaped = written.replace(/\\(.)/g, '$1').replaceAll('%%', '%')
  expect(unescaped.startsWith('"') && unescaped.endsWith('"')).toBe(true)
  return unescaped.slice(1, -1).replace(/\\(["`$\\])/g, '$1')
}

describe('the autostart entry’s text', () => {
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
        'X-Standby-Written-By=Standby',
        'Exec="/opt/Standby/standby" --hidden',
        'Terminal=false',
        'X-GNOME-Autostart-enabled=true',
        '',
      ].join('\n'),
    )
  })
})
