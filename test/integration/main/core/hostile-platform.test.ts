import { describe, expect, it } from 'vitest'
import { PlatformLink, type LinkState } from '../../../../src/main/core/connection/platform-link'
import { createPowerHook } from '../../../../src/main/node-adapters/power-hook'
import { systemClock } from '../../../../src/shared/clock'
import { aSnapshot } from '../../../support/fixtures'
import { startHostilePlatform } from '../../../support/hostile-platform'
import { startTestCore } from '../../../support/test-core'
import { useCleanup } from '../../../support/cleanup'

const quiet = { info: () => {}, warn: () => {}, error: () => {} }

describe('a hostile platform', () => {
  const defer = useCleanup()

  it('sending a snapshot in parts that never ends: the core stops asking and says it cannot follow', async () => {
    let parts = 0
    let looping: (outcome: string) => void = () => {}
    const looped = new Promise<string>((resolve) => (looping = resolve))
    const platform = await startHostilePlatform({
      welcome: () => ({ latestEventId: 1 }),
      replay: () => {
        if (++parts === 100) looping('still asking after 100 parts')
        return {
          kind: 'snapshot',
          snapshot: { ...aSnapshot({ cursor: 1 }), next: { list: 'openInvites', id: 'inv_a' } },
        }
      },
    })
    defer(() => platform.close())
    const core = await startTestCore({ platformUrl: platform.url, token: 't', expertId: 'exp_ada' })
    defer(() => core.close(true))
    const outcome = await Promise.race([
      looped,
      core.waitForState((s) => s.status === 'incompatible').then((s) => s.status),
    ])
    expect(outcome).toBe('incompatible')
  })

  it('answering every catch-up with a whole snapshot: the core stops asking and says it cannot follow', async () => {
    let snapshots = 0
    let looping: (outcome: string) => void = () => {}
    const looped = new Promise<string>((resolve) => (looping = resolve))
    const platform = await startHostilePlatform({
      welcome: () => ({ latestEventId: 1 }),
      replay: () => {
        if (++snapshots === 100) looping('still rebuilding after 100 snapshots')
        return { kind: 'snapshot', snapshot: aSnapshot({ cursor: 1, cursorDigest: `d${snapshots}` }) }
      },
    })
    defer(() => platform.close())
    const core = await startTestCore({ platformUrl: platform.url, token: 't', expertId: 'exp_ada' })
    defer(() => core.close(true))
    const outcome = await Promise.race([
      looped,
      core.waitForState((s) => s.status === 'incompatible').then((s) => s.status),
    ])
    expect(outcome).toBe('incompatible')
  })

  it('a storm of wakes while connecting: one connection, not one per wake', async () => {
    const platform = await startHostilePlatform({
      replay: () => ({ kind: 'snapshot', snapshot: aSnapshot() }),
    })
    defer(() => platform.close())
    const power = createPowerHook()
    const link = new PlatformLink(platform.url, 't', { clock: systemClock, power, log: quiet })
    defer(() => link.stop())
    const connected = new Promise<LinkState>((resolve) =>
      link.states.add((s) => s.kind === 'connected' && resolve(s)),
    )
    link.start()
    for (let i = 0; i < 100; i++) {
      power.resume()
      power.networkChanged()
    }
    await connected
    expect(platform.connections()).toBe(1)
  })
})
