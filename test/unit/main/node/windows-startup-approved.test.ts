/** Windows' StartupApproved values as Windows reads them, and as reg.exe prints them. */
import { describe, expect, it } from 'vitest'
import { regQueryBinary, windowsStartsEntry } from '../../../../src/main/node/windows-startup-approved'

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
