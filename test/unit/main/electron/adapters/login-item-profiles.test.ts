/**
 * Launch at login turned on in a profile other than the default one (another userData folder,
 * chosen by `--user-data-dir`): the login item starts that profile, where the OS lets an item carry
 * arguments (Windows, Linux), and macOS's switch says it cannot rather than start the default one.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { MAC_OTHER_PROFILE_PROBLEM } from '../../../../../src/main/electron/adapters/login-item-macos'
import { CONTROL_CHARACTER_PROBLEM } from '../../../../../src/main/node/autostart-entry'
import { OTHER_PROFILE_STARTS_PROBLEM } from '../../../../../src/main/node/login-item-record'
import { fake, resetFakeElectron } from '../../../../support/fake-electron'
import { computer, turnSwitch } from '../../../../support/login-item-computer'
import { useTempDirs } from '../../../../support/temp-dir'

vi.mock('electron', async () => (await import('../../../../support/fake-electron')).electronModule)

beforeEach(() => {
  resetFakeElectron()
  fake.app.isPackaged = true
})
const tempDir = useTempDirs()

/** A started profile, as computer().start returns it. */
type Started = ReturnType<ReturnType<typeof computer>['start']>

/**
 * The command of the autostart entry's Exec line as a desktop runs it: the string rule of desktop
 * files, `%%` for `%`, then the quoting rule of Exec values.
 */
function execArgv(entry: string): string[] {
  const line = entry
    .split('\n')
    .find((l) => l.startsWith('Exec='))!
    .slice('Exec='.length)
  const unescaped = line.replace(/\\(.)/g, '$1').replaceAll('%%', '%')
  return [...unescaped.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)].map(
    ([, quoted, bare]) => quoted?.replace(/\\(["`$\\])/g, '$1') ?? bare!,
  )
}

/** Names a hostile or careless hand could give a profile's folder. */
const PROFILE_NAMES = ['Work', 'Ada Work', 'o"neil $HOME `id` ;rm -rf ~ 100% back\\slash\\', 'スタンバイ']

describe('a profile other than the default one turning launch at login on', () => {
  it.each(PROFILE_NAMES)('Windows: the Run value starts that profile (%s), hidden', (name) => {
    const pc = computer('win32', tempDir)
    const started = pc.start({ profile: name, execPath: 'C:\\Program Files\\Standby\\Standby.exe' })
    expect(started.following.status()).toEqual({ applied: true })
    // As Windows will start it: the Run value's command line read back by Windows' own rules.
    const [item, ...others] = fake.app.getLoginItemSettings({
      path: '"C:\\Program Files\\Standby\\Standby.exe"',
    }).launchItems
    expect(others).toEqual([])
    expect(item!.path).toBe('C:\\Program Files\\Standby\\Standby.exe')
    expect(item!.args).toEqual([`--user-data-dir=${pc.folder(name)}`, '--hidden'])
  })

  it.each(PROFILE_NAMES)('Linux: the autostart entry starts that profile (%s), hidden', (name) => {
    const pc = computer('linux', tempDir)
    const started = pc.start({ profile: name })
    expect(started.following.status()).toEqual({ applied: true })
    expect(execArgv(readFileSync(pc.entry, 'utf8'))).toEqual([
      '/opt/Standby/standby',
      `--user-data-dir=${pc.folder(name)}`,
      '--hidden',
    ])
  })

  it('Windows: Standby installed in a folder with a space starts itself, and the switch says on', () => {
    const pc = computer('win32', tempDir)
    const started = pc.start({ execPath: 'C:\\Users\\Ada Lovelace\\Standby\\Standby.exe' })
    expect(started.following.status()).toEqual({ applied: true })
    const [item] = fake.app.getLoginItemSettings({
      path: '"C:\\Users\\Ada Lovelace\\Standby\\Standby.exe"',
    }).launchItems
    expect(item).toMatchObject({ path: 'C:\\Users\\Ada Lovelace\\Standby\\Standby.exe', args: ['--hidden'] })
    // Started again, the entry is found where it is: the switch stays on, the entry as it was.
    started.following.stop()
    expect(
      pc.start({ execPath: 'C:\\Users\\Ada Lovelace\\Standby\\Standby.exe' }).following.status(),
    ).toEqual({
      applied: true,
    })
  })

  it('Windows: an earlier version’s Run value, its path with a space unquoted, is written again, not taken for removed', () => {
    const exe = 'C:\\Program Files\\Standby\\Standby.exe'
    const pc = computer('win32', tempDir)
    pc.start({ execPath: exe }).following.stop()
    const [name] = [...fake.app.windowsRun.keys()]
    fake.app.windowsRun.set(name!, { path: exe, args: ['--hidden'], enabled: true })
    const again = pc.start({ execPath: exe })
    expect(again.following.status()).toEqual({ applied: true })
    expect(again.settings.get().launchAtLogin).toBe(true)
    expect(fake.app.windowsRun.get(name!)).toMatchObject({ path: `"${exe}"`, args: ['--hidden'] })
  })

  it('Windows and Linux: the default profile’s item names no profile, as before', () => {
    const win = computer('win32', tempDir)
    win.start()
    expect(fake.app.getLoginItemSettings({ path: '/opt/Standby/standby' }).launchItems[0]!.args).toEqual([
      '--hidden',
    ])
    const linux = computer('linux', tempDir)
    linux.start()
    expect(execArgv(readFileSync(linux.entry, 'utf8'))).toEqual(['/opt/Standby/standby', '--hidden'])
  })

  it('Linux: a profile folder with a line break writes no entry, and the switch says why and what to do', () => {
    const pc = computer('linux', tempDir)
    const started = pc.start({ profile: 'Work\nExec=/usr/bin/evil' })
    expect(started.following.status()).toEqual({ applied: false, problem: CONTROL_CHARACTER_PROBLEM })
    expect(existsSync(pc.entry)).toBe(false)
  })

  it('macOS: registers nothing, which would start the default profile, and the switch says so', () => {
    const mac = computer('darwin', tempDir)
    const work = mac.start({ profile: 'Work' })
    expect(work.following.status()).toEqual({ applied: false, problem: MAC_OTHER_PROFILE_PROBLEM })
    expect(fake.app.setLoginItemSettings).not.toHaveBeenCalled()
    turnSwitch(work, false)
    turnSwitch(work, true)
    expect(work.following.status()).toEqual({ applied: false, problem: MAC_OTHER_PROFILE_PROBLEM })
    expect(fake.app.setLoginItemSettings).not.toHaveBeenCalled()
  })

  it('macOS: its switch turned off leaves the default profile’s login item alone', () => {
    const mac = computer('darwin', tempDir)
    mac.start().following.stop()
    expect(fake.app.macRegistered).toBe(true)
    turnSwitch(mac.start({ profile: 'Work' }), false)
    expect(fake.app.macRegistered).toBe(true)
    expect(mac.start().following.status()).toEqual({ applied: true })
  })
})

/** Home's switch on, started; then Work, its switch off, turns it on while Home runs. */
function workTakesItFromHome(platform: NodeJS.Platform): { pc: ReturnType<typeof computer>; home: Started } {
  const pc = computer(platform, tempDir)
  const home = pc.start({ profile: 'Home' })
  turnSwitch(pc.start({ profile: 'Work', launchAtLogin: false }), true)
  return { pc, home }
}

describe('two profiles, the second turning it on', () => {
  it.each(['linux', 'win32'] as const)(
    '%s: the item starts the second; the first says so while it runs and turns off at its next start',
    (platform) => {
      const { pc, home } = workTakesItFromHome(platform)
      const taken = { applied: false, problem: OTHER_PROFILE_STARTS_PROBLEM }
      expect(home.following.refresh()).toEqual(taken)
      home.following.stop()
      const again = pc.start({ profile: 'Home' })
      expect(again.following.status()).toEqual(taken)
      expect(again.settings.get().launchAtLogin).toBe(false)
      // Neither start took the item back: it still starts Work.
      expect(startsProfile(platform, pc)).toBe(pc.folder('Work'))
    },
  )

  it.each(['linux', 'win32'] as const)(
    '%s: the first’s switch turned off while it runs leaves the item the second turned on',
    (platform) => {
      const { pc, home } = workTakesItFromHome(platform)
      turnSwitch(home, false)
      expect(startsProfile(platform, pc)).toBe(pc.folder('Work'))
      expect(pc.start({ profile: 'Work' }).following.status()).toEqual({ applied: true })
    },
  )
})

describe('an AppImage update in a profile the item was taken from (Linux)', () => {
  it('the entry follows the new file and still starts the profile that took it', () => {
    const { pc, home } = workTakesItFromHome('linux')
    home.loginItem.appImageMoved('/opt/Standby/standby-2.AppImage')
    expect(execArgv(readFileSync(pc.entry, 'utf8'))).toEqual([
      '/opt/Standby/standby-2.AppImage',
      `--user-data-dir=${pc.folder('Work')}`,
      '--hidden',
    ])
  })

  it('an entry another copy of Standby wrote, or one the expert removed since, is left as it is', () => {
    const { pc, home } = workTakesItFromHome('linux')
    rmSync(pc.entry)
    home.loginItem.appImageMoved('/opt/Standby/standby-2.AppImage')
    expect(existsSync(pc.entry)).toBe(false)
    turnSwitch(pc.start({ profile: 'Other', execPath: '/opt/Other/standby', launchAtLogin: false }), true)
    const written = readFileSync(pc.entry, 'utf8')
    home.loginItem.appImageMoved('/opt/Standby/standby-3.AppImage')
    expect(readFileSync(pc.entry, 'utf8')).toBe(written)
  })
})

/** The profile folder the login item starts, by its `--user-data-dir`. */
function startsProfile(platform: NodeJS.Platform, pc: ReturnType<typeof computer>): string | undefined {
  const args =
    platform === 'win32'
      ? fake.app.getLoginItemSettings({ path: '/opt/Standby/standby' }).launchItems[0]!.args
      : execArgv(readFileSync(pc.entry, 'utf8'))
  return args.find((arg) => arg.startsWith('--user-data-dir='))?.slice('--user-data-dir='.length)
}
