import { beforeEach, describe, expect, it, vi } from 'vitest'
import { trackQuitting } from '../../../../src/main/electron/quit-state'
import { fake, resetFakeElectron } from '../../../support/fake-electron'

vi.mock('electron', async () => (await import('../../../support/fake-electron')).electronModule)

beforeEach(resetFakeElectron)

describe('the quit state', () => {
  it('is false until a quit begins, then true', () => {
    const isQuitting = trackQuitting()
    expect(isQuitting()).toBe(false)
    fake.app.quit()
    expect(isQuitting()).toBe(true)
  })
})
