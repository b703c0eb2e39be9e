import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Session } from 'electron'
import {
  contentSecurityPolicy,
  PRODUCTION_CONTENT_SECURITY_POLICY,
} from '../../../../src/main/node/content-security-policy'
import {
  denyPermissionRequests,
  enforceContentSecurityPolicy,
  secureEverySession,
} from '../../../../src/main/electron/session-security'
import { electronModule, fake, resetFakeElectron, type FakeSession } from '../../../support/fake-electron'
import { recordingLog } from '../../../support/recording-log'

vi.mock('electron', async () => (await import('../../../support/fake-electron')).electronModule)

beforeEach(resetFakeElectron)

describe('session security', () => {
  it('adds the Content-Security-Policy to every response and keeps the other headers', () => {
    enforceContentSecurityPolicy(fake.session, PRODUCTION_CONTENT_SECURITY_POLICY)
    const { responseHeaders } = fake.session.receiveResponse('http://localhost:5173/', {
      'Content-Type': ['text/html'],
    })
    expect(responseHeaders).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [PRODUCTION_CONTENT_SECURITY_POLICY],
    })
  })

  it('replaces a policy the response brought with it, whatever its header case', () => {
    const policy = contentSecurityPolicy({ devServerUrl: 'http://localhost:5173' })
    enforceContentSecurityPolicy(fake.session, policy)
    const { responseHeaders } = fake.session.receiveResponse('http://localhost:5173/', {
      'content-security-policy': ["default-src *; script-src * 'unsafe-eval'"],
    })
    expect(responseHeaders).toEqual({ 'Content-Security-Policy': [policy] })
  })

  it('answers every permission request (camera, location, …) with no', async () => {
    denyPermissionRequests(fake.session)
    expect(await fake.session.requestPermission('media')).toBe(false)
    expect(await fake.session.requestPermission('geolocation')).toBe(false)
  })

  it('answers every permission check (clipboard, camera, devices, …) with no as well', () => {
    denyPermissionRequests(fake.session)
    for (const permission of ['clipboard-read', 'media', 'geolocation', 'hid', 'serial'] as const) {
      expect(fake.session.checkPermission(permission)).toBe(false)
    }
  })
})

describe('every session', () => {
  const lockDown = (): ReturnType<typeof recordingLog> => {
    const log = recordingLog()
    // The fake's `on` returns a FakeSession, not Electron's whole Session: the rest is typed.
    const defaultSession = fake.session as unknown as Session
    secureEverySession(fake.app, defaultSession, { policy: PRODUCTION_CONTENT_SECURITY_POLICY, log })
    return log
  }
  /** The default session, and one Electron creates after the app locked sessions down. */
  const sessions = (): ReadonlyArray<FakeSession> => [
    fake.session,
    electronModule.session.fromPartition('persist:made-later'),
  ]

  it('gives a session made later the same CSP and the same refusals as the default one', async () => {
    lockDown()
    for (const session of sessions()) {
      const { responseHeaders } = session.receiveResponse('https://evil.example/', {})
      expect(responseHeaders?.['Content-Security-Policy']).toEqual([PRODUCTION_CONTENT_SECURITY_POLICY])
      expect(await session.requestPermission('media')).toBe(false)
      expect(session.checkPermission('hid')).toBe(false)
    }
  })

  it('gives no page a HID, USB or serial device, nor one Chromium remembers granting', async () => {
    const log = lockDown()
    for (const session of sessions()) {
      for (const kind of ['hid', 'usb', 'serial'] as const) {
        expect(await session.chooseDevice(kind)).toBeUndefined()
        expect(session.checkDevice(kind)).toBe(false)
      }
      expect(await session.pairBluetooth()).toBe(false)
    }
    expect(log.text()).toMatch(/Refused a page access to a serial port/)
  })

  it('lets no page download a file, and says which it refused', () => {
    const log = lockDown()
    for (const session of sessions()) expect(session.download('https://evil.example/payload.exe')).toBe(true)
    expect(log.text()).toMatch(/Refused a download of "https:\/\/evil\.example\/payload\.exe"/)
  })

  it('locks a session down once, however often Electron names it', () => {
    const log = lockDown()
    fake.app.emit('session-created', fake.session)
    fake.session.download('https://evil.example/a')
    expect(log.lines.filter((line) => line.includes('evil.example/a'))).toHaveLength(1)
  })
})
