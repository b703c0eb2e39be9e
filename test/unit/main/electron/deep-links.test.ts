import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { onOpenUrl, registerDeepLinkScheme } from '../../../../src/main/electron/deep-links'
import { DEEP_LINK_SCHEME } from '../../../../src/shared/deep-link'
import { fake, resetFakeElectron } from '../../../support/fake-electron'

beforeEach(resetFakeElectron)

const logger = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() })
const packaged = { execPath: '/opt/Standby/standby', argv: ['/opt/Standby/standby'] }

describe('registering as the handler of standby:// links', () => {
  it('asks for the scheme alone when packaged', () => {
    const log = logger()
    registerDeepLinkScheme(fake.app, packaged, log)
    expect(fake.app.setAsDefaultProtocolClient.mock.calls).toEqual([['standby']])
    expect(log.warn).not.toHaveBeenCalled()
  })

  it('in development, has the OS start Electron with the app’s folder', () => {
    registerDeepLinkScheme(
      fake.app,
      {
        defaultApp: true,
        execPath: '/repo/node_modules/electron/dist/electron',
        argv: ['electron', 'out/main'],
      },
      logger(),
    )
    expect(fake.app.setAsDefaultProtocolClient.mock.calls).toEqual([
      ['standby', '/repo/node_modules/electron/dist/electron', [resolve('out/main')]],
    ])
  })

  it('says in the log that links will not open the app when the OS refuses', () => {
    fake.app.protocolClientAllowed = false
    const log = logger()
    registerDeepLinkScheme(fake.app, packaged, log)
    expect(log.warn).toHaveBeenCalledOnce()
    expect(log.warn.mock.calls[0]![0]).toMatch(/links to invites in a browser or mail will not open it/)
  })

  it('from an AppImage, which no installed standby.desktop names, says integrating it is what makes links open it', () => {
    fake.app.protocolClientAllowed = false
    const log = logger()
    const appImage = {
      execPath: '/tmp/.mount_StandbX/standby',
      argv: ['/tmp/.mount_StandbX/standby'],
      env: { APPIMAGE: '/home/ada/Apps/Standby.AppImage', APPDIR: '/tmp/.mount_StandbX' },
    }
    registerDeepLinkScheme(fake.app, appImage, log)
    expect(log.warn).toHaveBeenCalledOnce()
    const said = String(log.warn.mock.calls[0]![0])
    expect(said).toMatch(/runs from an AppImage/)
    expect(said).toMatch(/integrated into the desktop/)
    expect(said).not.toMatch(/Reinstalling/)
  })
})

describe('links from macOS', () => {
  it('are taken (so macOS does not report them unhandled) and handed over as they came', () => {
    const receive = vi.fn()
    onOpenUrl(fake.app, receive)
    expect(fake.app.openUrl('standby://invite/inv_1')).toBe(true)
    expect(fake.app.openUrl('javascript:alert(1)')).toBe(true)
    expect(receive.mock.calls).toEqual([['standby://invite/inv_1'], ['javascript:alert(1)']])
  })
})

describe('the installers', () => {
  it('register the deep link scheme on every OS (the Linux MimeType is written from it)', () => {
    // electron-builder's own YAML reader, so the test reads the file as the packager does.
    const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown }
    const config = yaml.load(
      readFileSync(join(import.meta.dirname, '../../../../electron-builder.yml'), 'utf8'),
    ) as {
      protocols?: ReadonlyArray<{ name?: string; schemes?: ReadonlyArray<string> }>
    }
    expect(config.protocols).toContainEqual({ name: expect.any(String), schemes: [DEEP_LINK_SCHEME] })
    // The app's own pages are never handed to it by the OS.
    expect(config.protocols?.flatMap((protocol) => protocol.schemes ?? [])).not.toContain('standby-app')
  })
})
