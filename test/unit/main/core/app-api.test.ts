import { describe, expect, it } from 'vitest'
import { createAppApi, type AppApiDeps, type HostInfo } from '../../../../src/main/core/app-api'
import type { StandbyCore } from '../../../../src/main/core/standby-core'
import { invokeContract } from '../../../../src/shared/ipc/contract'
import { OPEN_INVITES_LISTED } from '../../../../src/shared/ipc/list-limits'
import { anInvite, aRequest, FIXTURE_NOW } from '../../../support/fixtures'

describe('invites.list', () => {
  it('answers the newest open invites only, however many a platform keeps open', () => {
    const open = Array.from({ length: OPEN_INVITES_LISTED * 3 }, (_, n) =>
      anInvite({ id: `inv_${n}`, request: aRequest({ id: `req_${n}` }), sentAt: FIXTURE_NOW - n }),
    )
    const core = {
      cache: { openInvites: () => open, missedInvites: () => [] },
      platformClock: { deadlines: { now: () => FIXTURE_NOW } },
    }
    const api = createAppApi(core as unknown as StandbyCore, {} as HostInfo, {} as AppApiDeps)
    const lists = invokeContract['invites.list'].response.parse(api['invites.list'](undefined))
    expect(lists.open.map((invite) => invite.id)).toEqual(
      open.slice(0, OPEN_INVITES_LISTED).map((invite) => invite.id),
    )
  })
})

describe('settings.getLoginItem', () => {
  it('asks the OS again as Settings shows the switch, for a change made in the system’s settings', () => {
    const now = { applied: false as const, problem: 'Turned off in the startup apps.' }
    const launchAtLogin = { status: () => ({ applied: true as const }), refresh: () => now }
    const core = { platformClock: { deadlines: { now: () => FIXTURE_NOW } } }
    const deps = { launchAtLogin } as unknown as AppApiDeps
    const api = createAppApi(core as unknown as StandbyCore, {} as HostInfo, deps)
    expect(api['settings.getLoginItem'](undefined)).toEqual(now)
  })
})
