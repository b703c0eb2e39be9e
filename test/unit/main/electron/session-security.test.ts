import { beforeEach, describe, expect, it, vi } from 'vitest'
import {
  contentSecurityPolicy,
  PRODUCTION_CONTENT_SECURITY_POLICY,
} from '../../../../src/main/node/content-security-policy'
import {
  denyPermissionRequests,
  enforceContentSecurityPolicy,
} from '../../../../src/main/electron/session-security'
import { fake, resetFakeElectron } from '../../../support/fake-electron'

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
