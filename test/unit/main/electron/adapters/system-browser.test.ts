import { beforeEach, describe, expect, it, vi } from 'vitest'
import { RoomOpener } from '../../../../../src/main/core/rooms/room-opener'
import { askToOpenLink, createSystemBrowser } from '../../../../../src/main/electron/adapters/system-browser'
import { aSession } from '../../../../support/fixtures'
import { fake, resetFakeElectron } from '../../../../support/fake-electron'
import { recordingLog } from '../../../../support/recording-log'

vi.mock('electron', async () => (await import('../../../../support/fake-electron')).electronModule)

beforeEach(resetFakeElectron)

const session = aSession({ id: 'ses_1', roomUrl: '/rooms/ses_1?key=k' })

/** The core's room opener over the Electron adapter, signed in to the embedded platform. */
function roomsOnElectron(log = recordingLog()) {
  return new RoomOpener({
    browser: createSystemBrowser(),
    cache: { session: () => session },
    log,
    platformUrl: () => 'http://127.0.0.1:4455',
  })
}

describe('the Electron system browser', () => {
  it('hands the room to shell.openExternal, bringing the browser to the front', async () => {
    expect(await roomsOnElectron().openCached('ses_1')).toMatchObject({ ok: true })
    expect(fake.shell.opened).toEqual(['http://127.0.0.1:4455/rooms/ses_1?key=k'])
    expect(fake.shell.openExternal).toHaveBeenCalledWith('http://127.0.0.1:4455/rooms/ses_1?key=k', {
      activate: true,
    })
  })

  it('reports a machine without a default browser instead of failing silently', async () => {
    fake.shell.noHandler = true
    const log = recordingLog()
    const opening = await roomsOnElectron(log).openCached('ses_1')
    expect(opening).toMatchObject({ ok: false, error: { message: expect.stringMatching(/default browser/) } })
    expect(fake.shell.opened).toEqual([])
    expect(log.lines.join('\n')).toMatch(/did not open the room of session ses_1: Failed to open/)
  })
})

describe('the schemes the system browser opens', () => {
  it('opens web and mail links', async () => {
    const browser = createSystemBrowser()
    for (const url of ['https://example.com/', 'http://127.0.0.1:4455/', 'mailto:help@example.com']) {
      await browser.open(url)
    }
    expect(fake.shell.opened).toEqual([
      'https://example.com/',
      'http://127.0.0.1:4455/',
      'mailto:help@example.com',
    ])
  })

  it('refuses every other scheme, and text that is no URL, without asking the OS', async () => {
    const browser = createSystemBrowser()
    for (const url of [
      'file:///etc/passwd',
      'smb://host/share',
      'javascript:alert(1)',
      'ms-msdt:/id',
      'not a url',
    ]) {
      await expect(browser.open(url)).rejects.toThrow(/Refused to open/)
    }
    expect(fake.shell.openExternal).not.toHaveBeenCalled()
  })
})

describe('the question before a link to another site opens', () => {
  const question = { message: 'Open a link to another site?', detail: 'It leads to "https://x.example"' }

  it('is a native box whose default and Escape are Cancel, which opens nothing', async () => {
    expect(await askToOpenLink(question)).toBe(false)
    expect(fake.dialog.showMessageBox).toHaveBeenCalledWith(
      expect.objectContaining({
        ...question,
        buttons: ['Open in browser', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
      }),
    )
  })

  it('opens only on Open in browser', async () => {
    fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false })
    expect(await askToOpenLink(question)).toBe(true)
  })
})
