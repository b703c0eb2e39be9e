import { describe, expect, it, vi } from 'vitest'
import type { TrayStatus } from '../../../../../src/main/core/ports/tray-state'
import { createRecordedTrayState } from '../../../../../src/main/node/adapters/recorded-tray-state'

const online: TrayStatus = {
  connection: { status: 'online', since: 1 },
  openInvites: 2,
  statusLine: 'Online · 2 open invites',
}

describe('the Node tray state', () => {
  it('keeps the latest status and tells listeners until they unsubscribe', () => {
    const tray = createRecordedTrayState()
    expect(tray.current).toBeNull()
    const listener = vi.fn()
    const unsubscribe = tray.onChange(listener)
    tray.set(online)
    expect(tray.current).toBe(online)
    unsubscribe()
    const signedOut: TrayStatus = {
      connection: { status: 'signed_out', reason: null },
      openInvites: 0,
      statusLine: 'Signed out',
    }
    tray.set(signedOut)
    expect(tray.current).toBe(signedOut)
    expect(listener.mock.calls).toEqual([[online]])
  })
})
