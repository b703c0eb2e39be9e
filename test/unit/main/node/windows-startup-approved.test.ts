/** Windows' StartupApproved values as Windows reads them, and as reg.exe prints them. */
import { describe, expect, it } from 'vitest'
import {
  regExeStartupApproved,
  regOutputText,
  regQueryBinary,
  windowsStartsEntry,
} from '../../../../src/main/node/windows-startup-approved'
import { fakeRegExe, regQueryPrinted } from '../../../support/fake-reg-exe'
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

/** reg.exe failing as execFile reports it: an exit code, or a timeout's signal. */
function failing(how: { code: number | null; signal?: string }): () => Promise<never> {
  return () => Promise.reject(Object.assign(new Error('Command failed: reg.exe'), how))
}

describe('reg.exe as the reader of StartupApproved values', () => {
  it('tells nothing where it fails or prints no REG_BINARY: Electron’s reading then stands', async () => {
    // reg.exe exits 1 for a value not there and for any failure (a name it takes for a switch,
    // access denied) alike: none of them says Windows starts the entry.
    for (const run of [
      failing({ code: 1 }),
      failing({ code: null, signal: 'SIGTERM' }),
      () => Promise.resolve(Buffer.from('    Standby    REG_DWORD    0x3\r\n')),
      () => Promise.resolve(Buffer.from('    Standby    REG_BINARY    030\r\n')),
      () => Promise.resolve(Buffer.from('')),
      () => {
        throw new Error('spawn reg.exe EACCES')
      },
    ]) {
      const reader = regExeStartupApproved({ log: recordingLog(), run })
      await reader.look('user', 'Standby')
      expect(reader.known('user', 'Standby')).toBeUndefined()
    }
  })

  it('is not run again in this run once it failed, and says so once', async () => {
    let runs = 0
    const log = recordingLog()
    const reader = regExeStartupApproved({
      log,
      run: () => {
        runs += 1
        return failing({ code: null, signal: 'SIGTERM' })()
      },
    })
    await reader.look('user', 'Standby')
    await reader.look('user', 'Standby')
    await reader.look('machine', 'Standby')
    expect(runs).toBe(1)
    expect(log.lines.filter((line) => line.startsWith('warn'))).toHaveLength(1)
  })

  it('answers later without holding the look, starts no second read while one runs, and tells a new value once', async () => {
    let value = [3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    const reg = fakeRegExe(() => Uint8Array.from(value))
    const reader = regExeStartupApproved({ log: recordingLog(), run: reg.run })
    let told = 0
    reader.onChange(() => (told += 1))
    const first = reader.look('user', 'Standby')
    // Focus after focus while reg.exe is still running: no other is started.
    void reader.look('user', 'Standby')
    void reader.look('user', 'Standby')
    expect(reader.known('user', 'Standby')).toBeUndefined()
    expect(reg.runs()).toBe(1)
    reg.answerAll()
    await first
    expect(reader.known('user', 'Standby')?.[0]).toBe(3)
    expect(told).toBe(1)
    // The same answer again changes nothing; another one is told.
    const again = reader.look('user', 'Standby')
    reg.answerAll()
    await again
    expect(told).toBe(1)
    value = [6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    const changed = reader.look('user', 'Standby')
    reg.answerAll()
    await changed
    expect(reader.known('user', 'Standby')?.[0]).toBe(6)
    expect(told).toBe(2)
    expect(reg.runs()).toBe(3)
  })

  it('keeps one hung reg.exe from starting more, and leaves Electron’s reading standing meanwhile', () => {
    const reg = fakeRegExe(() => Uint8Array.from([6]))
    const reader = regExeStartupApproved({ log: recordingLog(), run: reg.run })
    for (let focus = 0; focus < 5; focus += 1) void reader.look('user', 'Standby')
    expect(reg.runs()).toBe(1)
    expect(reader.known('user', 'Standby')).toBeUndefined()
  })

  it('drops an answer to a read started before the entries were written', async () => {
    const reg = fakeRegExe(() => Uint8Array.from([3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))
    const reader = regExeStartupApproved({ log: recordingLog(), run: reg.run })
    let told = 0
    reader.onChange(() => (told += 1))
    const before = reader.look('user', 'Standby')
    reader.forget()
    // A look after the write reads afresh; the earlier answer, whenever it comes, is of the old entry.
    const after = reader.look('user', 'Standby')
    expect(reg.runs()).toBe(2)
    reg.answerAll()
    await before
    await after
    expect(told).toBe(1)
  })

  it('reads the value of the name asked for, in its own argument, whatever that name holds', async () => {
    const asked: (readonly string[])[] = []
    const name = 'a" /f x    REG_BINARY    02\r\nb'
    const reader = regExeStartupApproved({
      log: recordingLog(),
      run: (args) => {
        asked.push(args)
        return Promise.resolve(Buffer.from(regQueryPrinted(name, '030000000000000000000000')))
      },
    })
    await reader.look('machine', name)
    expect(reader.known('machine', name)?.[0]).toBe(3)
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
    const text = regQueryPrinted('Standby', '060000000000000000000000')
    expect(regQueryBinary(regOutputText(Buffer.from(text, 'utf16le')))?.[0]).toBe(6)
    expect(regQueryBinary(regOutputText(Buffer.from(text, 'latin1')))?.[0]).toBe(6)
  })
})
