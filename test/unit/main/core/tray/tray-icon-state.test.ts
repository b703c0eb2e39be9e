import { describe, expect, it } from 'vitest'
import {
  TRAY_ICON_STATES,
  trayIconState,
  type TrayIconInput,
} from '../../../../../src/main/core/tray/tray-icon-state'

const online: TrayIconInput = {
  connection: 'online',
  availability: 'online',
  openInvites: 0,
  notificationsSilenced: false,
}

describe('the tray icon state', () => {
  it.each([
    ['online', {}],
    ['online', { connection: 'checking' }],
    ['online', { availability: null }],
    ['away', { availability: 'away' }],
    ['away', { availability: 'offline' }],
    ['busy', { availability: 'busy' }],
    ['invite', { openInvites: 2 }],
    ['reconnecting', { connection: 'reconnecting' }],
    ['reconnecting', { connection: 'connecting' }],
    ['offline', { connection: 'offline' }],
    ['offline', { connection: 'incompatible' }],
    ['signed-out', { connection: 'signed_out', availability: null }],
    ['silenced', { notificationsSilenced: true }],
  ] as const)('is %s for %j', (state, change) => {
    expect(trayIconState({ ...online, ...change })).toBe(state)
  })

  it('reaches every state it has a picture for', () => {
    const reached = new Set(
      ['signed_out', 'offline', 'reconnecting', 'online'].flatMap((connection) =>
        (['online', 'away', 'busy'] as const).flatMap((availability) =>
          [0, 1].flatMap((openInvites) =>
            [false, true].map((notificationsSilenced) =>
              trayIconState({
                connection: connection as TrayIconInput['connection'],
                availability,
                openInvites,
                notificationsSilenced,
              }),
            ),
          ),
        ),
      ),
    )
    expect([...reached].sort()).toEqual([...TRAY_ICON_STATES].sort())
  })

  describe('precedence', () => {
    const everything: TrayIconInput = {
      connection: 'online',
      availability: 'busy',
      openInvites: 3,
      notificationsSilenced: true,
    }

    it('signed out before anything else: nothing in the cache is current', () => {
      expect(trayIconState({ ...everything, connection: 'signed_out' })).toBe('signed-out')
    })

    it('no link before invites: a cached invite may be gone already', () => {
      expect(trayIconState({ ...everything, connection: 'offline' })).toBe('offline')
      expect(trayIconState({ ...everything, connection: 'reconnecting' })).toBe('reconnecting')
    })

    it('a waiting invite before silenced notifications and availability', () => {
      expect(trayIconState(everything)).toBe('invite')
      expect(trayIconState({ ...everything, availability: 'online' })).toBe('invite')
    })

    it('silenced notifications before availability, but only while the expert takes invites', () => {
      const silenced = { ...everything, openInvites: 0 }
      expect(trayIconState({ ...silenced, availability: 'online' })).toBe('silenced')
      expect(trayIconState({ ...silenced, availability: null })).toBe('silenced')
      expect(trayIconState({ ...silenced, availability: 'busy' })).toBe('busy')
      expect(trayIconState({ ...silenced, availability: 'away' })).toBe('away')
    })
  })
})
