import { describe, expect, it } from 'vitest'
import { deepLinkInArgv, receiveLaunchLink } from '../../../../../src/main/core/deep-links/deep-link-argv'
import { createDeepLinkInbox } from '../../../../../src/main/core/deep-links/deep-link-inbox'
import { ManualClock } from '../../../../../src/shared/clock'
import { readDeepLink, type DeepLink } from '../../../../../src/shared/deep-link'
import { hostileLinks, linkOracle } from '../../../../support/hostile-links'
import { recordingLog } from '../../../../support/recording-log'

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

  it('is read whole with what follows it that is no switch: a link split at its spaces, or several links', () => {
    expect(deepLinkInArgv(['standby', 'standby://invite/old', 'standby://invite/new'])).toBe(
      'standby://invite/old standby://invite/new',
    )
    expect(
      deepLinkInArgv(['C:\\Standby\\Standby.exe', '--no-sandbox', 'standby://invite/inv_1', 'x', '']),
    ).toBe('standby://invite/inv_1 x')
    expect(deepLinkInArgv(['standby', 'standby://invite/inv_1', '--', '--inspect', 7])).toBe(
      'standby://invite/inv_1',
    )
  })

  it.each([
    [['standby://invite/inv_1', 'x'], 'it has spaces'],
    [['standby://invite/inv_1', 'standby://invite/inv_2'], 'it is several links at once'],
    [
      ['--gpu-launcher=calc', 'standby://session/ses_1', 'standby://session/ses_2', '--inspect'],
      'it is several links at once',
    ],
  ])('opens nothing of a command line %j, and tells the expert why', (args, why) => {
    const log = recordingLog()
    const inbox = createDeepLinkInbox(log, { clock: new ManualClock(0) })
    const opened: DeepLink[] = []
    const told: string[] = []
    inbox.openWith({ open: (link) => opened.push(link), refused: (sentence) => told.push(sentence) })
    receiveLaunchLink(['C:\\Standby\\Standby.exe', ...args], 0, inbox, log)
    expect(opened).toEqual([])
    expect(told).toEqual([expect.stringContaining(`This standby:// link opens nothing: ${why}`)])
    expect(log.lines).toEqual([
      expect.stringMatching(/^warn Ignored a link from the command line, .*standby:/),
    ])
  })

  it('never opens the part of a link before a split, nor one of several, wherever a split leaves no switch', () => {
    const valid = hostileLinks(0x5b1, 400).filter((raw) => linkOracle(raw) !== undefined)
    expect(valid.length).toBeGreaterThan(50)
    valid.forEach((raw, n) => {
      const at = 1 + (n % (raw.length - 1))
      // What is left after a split that begins like a switch is read as one, as Chromium reads it.
      const split = raw[at] === '-' ? [] : [[raw.slice(0, at), raw.slice(at)]]
      for (const tail of [...split, [raw, valid[(n + 1) % valid.length]!]]) {
        const read = deepLinkInArgv(['standby', '--no-sandbox', ...tail, '--inspect'])
        expect(readDeepLink(read).ok, JSON.stringify(tail)).toBe(false)
      }
    })
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
