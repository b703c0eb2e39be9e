import { describe, expect, it } from 'vitest'
import { deepLinkInArgv } from '../../../../../src/main/core/deep-links/deep-link-argv'

describe('the deep link in a command line', () => {
  it('is the link the OS appended, packaged or in development', () => {
    expect(deepLinkInArgv(['C:\\Standby\\Standby.exe', 'standby://invite/inv_1'])).toBe(
      'standby://invite/inv_1',
    )
    expect(deepLinkInArgv(['/usr/bin/electron', '/home/me/standby', 'standby://session/ses_1'])).toBe(
      'standby://session/ses_1',
    )
  })

  it('is found among the switches Chromium adds, in any case of the scheme', () => {
    expect(
      deepLinkInArgv([
        '/opt/Standby/standby',
        '--allow-file-access-from-files',
        'STANDBY://invite/inv_1',
        '--enable-x',
      ]),
    ).toBe('STANDBY://invite/inv_1')
  })

  it('is the last of several, the one the OS appended', () => {
    expect(deepLinkInArgv(['standby', 'standby://invite/old', 'standby://invite/new'])).toBe(
      'standby://invite/new',
    )
  })

  it('is handed on even when malformed, so its refusal is logged rather than silent', () => {
    expect(deepLinkInArgv(['standby', 'standby:evil'])).toBe('standby:evil')
  })

  it('is nothing in a plain launch, in switches, in the app’s own scheme or in other schemes', () => {
    for (const argv of [
      [],
      ['/opt/Standby/standby'],
      ['/opt/Standby/standby', '--hidden'],
      ['standby', '--inspect=standby://invite/inv_1'],
      ['standby', 'standby-app://app/'],
      ['standby', 'https://standby.example/invite/inv_1'],
      ['standby', 'javascript:standby://invite/inv_1'],
    ]) {
      expect(deepLinkInArgv(argv), argv.join(' ')).toBeUndefined()
    }
  })
})
