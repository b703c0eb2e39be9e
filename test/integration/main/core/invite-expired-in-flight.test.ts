/**
 * Join pressed on an invite just before it runs out, over a link that holds the command until the
 * platform's clock has passed the expiry: the platform refuses it as expired, and the expert is
 * told so plainly, with nothing opened and the invite among the missed ones.
 */
import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../../../src/shared/clock'
import type { InviteLists } from '../../../../src/shared/ipc/contract'
import { useCleanup } from '../../../support/cleanup'
import { FaultProxy } from '../../../support/fault-proxy'
import { inviteTitled, startCoreFor } from '../../../support/test-core'
import { startTestPlatform, TEST_START } from '../../../support/test-platform'

describe('Join on an invite that runs out while the command is on its way', () => {
  const defer = useCleanup()

  it('is refused as expired, in words that say so; no room opens and the invite is missed', async () => {
    const clock = new ManualClock(TEST_START)
    const platform = await startTestPlatform({ clock })
    defer(() => platform.close())
    const expert = platform.addExpert()
    const proxy = await FaultProxy.start(platform.server.port)
    defer(() => proxy.close())
    const linkClock = new ManualClock(TEST_START)
    const core = await startCoreFor(proxy.url, expert, { clock, linkClock })
    defer(() => core.close(true))
    await core.waitForState((s) => s.status === 'online')
    platform.inviteDirectly(expert.id, 'Almost too late')
    const invite = await inviteTitled(core, 'Almost too late')
    const api = core.runtime.api

    proxy.stall(true)
    const join = api['invites.accept']({ inviteId: invite.id, proposedTime: null })
    clock.advanceTo(invite.expiresAt + 1)
    proxy.stall(false)
    const answered = await join
    expect(answered).toMatchObject({ ok: false, error: { code: 'expired' } })
    expect(!answered.ok && answered.error.message).toMatch(/expired/i)
    await core.runtime.core.settled()
    expect(core.adapters.browser.opened).toEqual([])
    expect(platform.server.marketplace.snapshot(expert.id).sessions).toEqual([])
    const lists = (await api['invites.list']()) as InviteLists
    expect(lists.open).toEqual([])
    expect(lists.missed.map((i) => [i.id, i.state])).toEqual([[invite.id, 'expired']])
  })
})
