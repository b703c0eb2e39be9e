import { describe, expect, it } from 'vitest'
import {
  loginItemProfile,
  profileSwitch,
  windowsCommandLineArg,
} from '../../../../src/main/node/login-item-profile'

describe('the profile a login item names', () => {
  it('is none for the default profile’s folder, however it is spelt, and the folder for any other', () => {
    expect(loginItemProfile('/home/ada/.config/Standby', '/home/ada/.config/Standby')).toBeUndefined()
    expect(loginItemProfile('/home/ada/.config/Standby/', '/home/ada/.config/Standby')).toBeUndefined()
    expect(loginItemProfile('/home/ada/work', '/home/ada/.config/Standby')).toBe('/home/ada/work')
    expect(profileSwitch('/home/ada/work')).toBe('--user-data-dir=/home/ada/work')
  })

  it.each([
    ['--hidden', '--hidden'],
    ['--user-data-dir=C:\\Users\\Ada\\Work', '--user-data-dir=C:\\Users\\Ada\\Work'],
    ['--user-data-dir=C:\\Users\\Ada\\My Work', '"--user-data-dir=C:\\Users\\Ada\\My Work"'],
    ['--user-data-dir=C:\\My Work\\', '"--user-data-dir=C:\\My Work\\\\"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['a\\"b', '"a\\\\\\"b"'],
    ['', '""'],
  ])('quotes %s for a Windows command line as %s', (arg, quoted) => {
    expect(windowsCommandLineArg(arg)).toBe(quoted)
  })
})
