/** Linux (AppImage): what the expert reads when the new version would not start, in each case. */
import { describe, expect, it, vi } from 'vitest'
import {
  notStartedMessage,
  startRefusal,
  type FileProbe,
} from '../../../../../src/main/electron/adapters/update-appimage-start'

vi.mock('electron', async () => (await import('../../../../support/fake-electron')).electronModule)

const PATH = '/home/ana/Apps/Standby-1.3.0.AppImage'

/** A file of `mode` that the system lets run or refuses with `code`. */
function file(mode: number, code?: string): FileProbe {
  return {
    stat: () => ({ mode: 0o100000 | mode }),
    access: () => {
      if (code !== undefined) throw Object.assign(new Error(`${code}: refused, access '${PATH}'`), { code })
    },
  }
}

describe('a new AppImage the system would not start', () => {
  it('tells a file not allowed to run from one on a drive mounted noexec, and any other refusal', () => {
    expect(startRefusal(PATH, file(0o644, 'EACCES'))).toBe('not-executable')
    expect(startRefusal(PATH, file(0o755, 'EACCES'))).toBe('noexec-mount')
    expect(startRefusal(PATH, file(0o755))).toBe('other')
    expect(startRefusal(PATH, file(0o755, 'ENOENT'))).toBe('other')
  })

  it('names the file once and says what the expert can do in each case', () => {
    const messages = {
      'not-executable':
        /not allowed to run as a program.*allow the file to run \(in its Properties, or chmod \+x\)/,
      'noexec-mount':
        /mounted so that no program may run from it \(noexec\).*move the file to a folder in your home folder/,
      other: /the system would not start it \(the log says why\).*start that file yourself/,
    } as const
    for (const [refusal, said] of Object.entries(messages)) {
      const message = notStartedMessage(PATH, refusal as keyof typeof messages)
      expect(message).toMatch(said)
      expect(message).toMatch(/This version keeps running\./)
      expect(message.split(PATH)).toHaveLength(2)
    }
  })
})
