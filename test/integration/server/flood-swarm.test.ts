import { describe, expect, it, vi } from 'vitest'
import { COMMAND_EVENT, PROBE_EVENT, type CommandAck } from '../../../src/shared/protocol'
import { FLOOD_FACTOR, HEAVY_SHARE } from '../../../server/src/flood-guard'
import type { ExpertConnection } from '../../support/expert-connection'
import { useTestPlatform } from '../../support/test-platform'

const LIMIT = { burst: 5, perSecond: 1 }
/** The expert's flood budget: what all their connections may send with no time passing. */
const BUDGET = LIMIT.burst * FLOOD_FACTOR

describe('light connections keeping an expert’s flood budget spent together', () => {
  const platform = useTestPlatform({ rateLimit: LIMIT })
  const probe = (c: ExpertConnection): Promise<CommandAck> =>
    c.socket.timeout(10_000).emitWithAck(PROBE_EVENT, {}) as Promise<CommandAck>
  const disconnected = (c: ExpertConnection): Promise<string> =>
    new Promise((resolve) => c.socket.once('disconnect', (reason) => resolve(reason)))
  /** `c` sends `count` messages, the last answered, so all are counted before the next step. */
  const spend = async (c: ExpertConnection, count: number): Promise<void> => {
    for (let i = 1; i < count; i++) c.socket.emit(COMMAND_EVENT, { flood: i })
    await probe(c)
  }

  it('are cut, all of them, when the app sends beside them, and the app is answered', async () => {
    const expert = platform().addExpert()
    const app = await platform().connect(expert.token)
    const appCut = vi.fn()
    app.socket.on('disconnect', appCut)
    // Another device, signed in as the expert, spreads its flood over five connections, none of
    // which draws a heavy share alone.
    const other = platform().server.tokens.issue(expert.id, platform().clock.now())
    const swarm = await Promise.all(Array.from({ length: 5 }, () => platform().connect(other)))
    const each = BUDGET / swarm.length
    expect(each).toBeLessThan(BUDGET * HEAVY_SHARE)
    const closed = Promise.all(swarm.map(disconnected))
    for (const c of swarm) await spend(c, each)
    // The app's message finds the budget spent: it is answered (the swarm's answered messages spent
    // the expert's allowance: refused as rate limited), and the swarm is the one cut.
    expect(await probe(app)).toMatchObject({ ok: false, error: { code: 'rate_limited' } })
    expect(await closed).toEqual(swarm.map(() => 'io server disconnect'))
    platform().clock.advance(1000)
    expect(await probe(app)).toMatchObject({ ok: true })
    expect(appCut).not.toHaveBeenCalled()
  })

  it('is one that comes back after each cut and sends a little, not the app', async () => {
    const expert = platform().addExpert()
    const app = await platform().connect(expert.token)
    const appCut = vi.fn()
    app.socket.on('disconnect', appCut)
    const other = platform().server.tokens.issue(expert.id, platform().clock.now())
    const first = await platform().connect(other)
    const cut = disconnected(first)
    await spend(first, BUDGET)
    first.socket.emit(COMMAND_EVENT, { flood: 'over' })
    expect(await cut).toBe('io server disconnect')
    // Back a second later, it spends what refilled meanwhile: less than a heavy share.
    platform().clock.advance(1000)
    const again = await platform().connect(other)
    const cutAgain = disconnected(again)
    const refilled = LIMIT.perSecond * FLOOD_FACTOR
    expect(refilled).toBeLessThan(BUDGET * HEAVY_SHARE)
    await spend(again, refilled)
    expect(await probe(app)).toMatchObject({ ok: true })
    expect(await cutAgain).toBe('io server disconnect')
    expect(appCut).not.toHaveBeenCalled()
  })

  it('are cut, not the app, when they come from as many sign-ins, each of them light alone', async () => {
    const expert = platform().addExpert()
    const app = await platform().connect(expert.token)
    const appCut = vi.fn()
    app.socket.on('disconnect', appCut)
    // Five sign-ins of the expert's from one address, one connection each: no origin draws a heavy
    // share, so grouping by origin alone finds no swarm.
    const signIns = Array.from({ length: 5 }, () =>
      platform().server.tokens.issue(expert.id, platform().clock.now()),
    )
    const swarm = await Promise.all(signIns.map((token) => platform().connect(token)))
    const each = BUDGET / swarm.length
    expect(each).toBeLessThan(BUDGET * HEAVY_SHARE)
    const closed = Promise.all(swarm.map(disconnected))
    for (const c of swarm) await spend(c, each)
    expect(await probe(app)).toMatchObject({ ok: false, error: { code: 'rate_limited' } })
    // What the app's message left of the swarm is cut as it sends on.
    for (const c of swarm) if (c.socket.connected) c.socket.emit(COMMAND_EVENT, { flood: 'on' })
    expect(await closed).toEqual(swarm.map(() => 'io server disconnect'))
    platform().clock.advance(1000)
    expect(await probe(app)).toMatchObject({ ok: true })
    expect(appCut).not.toHaveBeenCalled()
  })
})
