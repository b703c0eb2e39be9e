/** Windows' StartupApproved values as Windows reads them, and as reg.exe prints them. */
import { describe, expect, it } from 'vitest'
import {
  regExeStartupApproved,
  regOutputText,
  regQueryBinary,
  windowsStartsEntry,
} from '../../../../src/main/node/windows-startup-approved'
import { recordingLog } from '../../../support/recording-log'

describe('a StartupApproved\\Run value', () => {
  it('starts its entry when there is none or its first byte is even, as Windows does', () => {
    const value = (first: number): Uint8Array => Uint8Array.from([first, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8])
    expect([null, new Uint8Array(0), value(2), value(6), value(0)].map(windowsStartsEntry)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ])
    expect([value(3), value(7), value(1)].map(windowsStartsEntry)).toEqual([false, false, false])
  })

  it('is read from what reg query prints, a name with spaces too, and none for a value of another type', () => {
    const printed = [
      '',
      'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\StartupApproved\\Run',
      '    electron app Standby    REG_BINARY    0600000000000000000000AB',
      '',
    ].join('\r\n')
    expect(regQueryBinary(printed)).toEqual(Uint8Array.from([6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xab]))
    expect(regQueryBinary('    Standby    REG_SZ    x\r\n')).toBeNull()
  })
})

/** What reg.exe prints for a value `name` holding `hex`. */
function printed(name: string, hex: string): string {
  return `\r\nHKEY_CURRENT_USER\\...\\StartupApproved\\Run\r\n    ${name}    REG_BINARY    ${hex}\r\n\r\n`
}

/** reg.exe failing as execFileSync reports it: an exit code, or a timeout's signal. */
function failing(how: { status: number | null; signal?: string }): () => never {
  return () => {
    throw Object.assign(new Error('Command failed: reg.exe'), how)
  }
}

describe('reg.exe as the reader of StartupApproved values', () => {
  it('tells nothing where it fails or prints no REG_BINARY: Electron’s reading then stands', () => {
    // reg.exe exits 1 for a value not there and for any failure (a name it takes for a switch,
    // access denied) alike: none of them says Windows starts the entry.
    for (const run of [
      failing({ status: 1 }),
      failing({ status: null, signal: 'SIGTERM' }),
      () => Buffer.from('    Standby    REG_DWORD    0x3\r\n'),
      () => Buffer.from('    Standby    REG_BINARY    030\r\n'),
      () => Buffer.from(''),
    ]) {
      const read = regExeStartupApproved({ log: recordingLog(), run })
      expect(() => read('user', 'Standby')).toThrow()
    }
  })

  it('is not run again in this run once it failed, so a hung reg.exe stalls one look, not every focus', () => {
    let runs = 0
    const log = recordingLog()
    const read = regExeStartupApproved({
      log,
      run: () => {
        runs += 1
        throw Object.assign(new Error('spawnSync reg.exe ETIMEDOUT'), { status: null, signal: 'SIGTERM' })
      },
    })
    expect(() => read('user', 'Standby')).toThrow()
    expect(() => read('user', 'Standby')).toThrow()
    expect(() => read('machine', 'Standby')).toThrow()
    expect(runs).toBe(1)
    expect(log.lines.filter((line) => line.startsWith('warn'))).toHaveLength(1)
  })

  it('reads the value of the name asked for, in its own argument, whatever that name holds', () => {
    const asked: (readonly string[])[] = []
    const name = 'a" /f x    REG_BINARY    02\r\nb'
    const read = regExeStartupApproved({
      log: recordingLog(),
      run: (args) => {
        asked.push(args)
        return Buffer.from(printed(name, '030000000000000000000000'))
      },
    })
    expect(read('machine', name)?.[0]).toBe(3)
    expect(asked).toEqual([
      [
        'query',
        'HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\StartupApproved\\Run',
        '/v',
        name,
      ],
    ])
  })

  it('reads output printed as UTF-16 as well as in the console’s code page', () => {
    const text = printed('Standby', '060000000000000000000000')
    expect(regQueryBinary(regOutputText(Buffer.from(text, 'utf16le')))?.[0]).toBe(6)
    expect(regQueryBinary(regOutputText(Buffer.from(text, 'latin1')))?.[0]).toBe(6)
  })
})
