// Joins pressed while the link misbehaves in every way the fault proxy knows: the answer lost, held
// past its wait, let through late, the connection reset, refused, duplicated. Whatever the expert
// is told, each Join is done at most once on the platform, its room opens at most once, and pressed
// again after an answer that did not say, it is done once.
import { describe, expect, it } from 'vitest'
import { mayHaveHappened } from '../../../../src/shared/unanswered-command'
import { useCleanup } from '../../../support/cleanup'
import { seededRandom } from '../../../support/mutation-fuzz'
import { invitedDirectly, startProxiedExpert } from '../../../support/proxied-expert'

const ROUNDS = Number(process.env.COMMAND_CHAOS_ROUNDS ?? 25)
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

describe('Joins pressed on a misbehaving link', { timeout: 180_000 }, () => {
  const defer = useCleanup()

  it('each is done at most once, told truly, and done once when pressed again', async () => {
    const world = await startProxiedExpert(defer)
    const { platform, expert, proxy, linkClock, core } = world
    const rand = seededRandom(Number(process.env.COMMAND_CHAOS_SEED ?? 5))
    const api = core.runtime.api
    const { marketplace } = platform.server
    const faults: string[] = []
    for (let round = 0; round < ROUNDS; round++) {
      await core.waitForState((s) => s.status === 'online')
      await core.runtime.core.settled()
      const invite = await invitedDirectly(world, `Round ${round}`)
      const roll = rand()
      const fault =
        roll < 0.15
          ? 'none'
          : roll < 0.3
            ? 'reset'
            : roll < 0.45
              ? 'late'
              : roll < 0.6
                ? 'held'
                : roll < 0.75
                  ? 'duplicated'
                  : roll < 0.9
                    ? 'refused'
                    : 'stalled-both'
      faults.push(fault)
      const opened = core.adapters.browser.opened.length
      if (fault === 'duplicated') {
        proxy.duplicate(true)
        proxy.resetAll()
        await core.waitForState((s) => s.status !== 'online')
        await core.waitForState((s) => s.status === 'online')
        proxy.duplicate(false)
      }
      if (fault === 'late' || fault === 'reset' || fault === 'refused') proxy.stall(true, 'down')
      if (fault === 'held') proxy.hold('down')
      if (fault === 'stalled-both') proxy.stall(true, 'both')
      const pressed = api['invites.accept']({ inviteId: invite.id, proposedTime: null })
      await turn()
      if (fault === 'reset') {
        proxy.resetAll()
        proxy.stall(false)
      }
      if (fault === 'refused') {
        proxy.refuse(true)
        proxy.resetAll()
        proxy.stall(false)
      }
      if (fault === 'stalled-both') {
        linkClock.advance(2_000)
        proxy.stall(false)
      }
      if (fault === 'late' || fault === 'held') linkClock.advance(10_000)
      if (fault === 'late') proxy.stall(false)
      if (fault === 'refused') {
        linkClock.advance(10_000)
        proxy.refuse(false)
      }
      let told = await pressed
      if (fault === 'held') {
        linkClock.advance(5_000)
        linkClock.advance(5_000)
      }
      await core.waitForState((s) => s.status === 'online')
      await core.runtime.core.settled()
      if (!told.ok) {
        expect(mayHaveHappened(told.error), `round ${round} (${fault}): ${told.error.message}`).toBe(true)
        told = await api['invites.accept']({ inviteId: invite.id, proposedTime: null })
        await core.runtime.core.settled()
      }
      const sessions = marketplace
        .snapshot(expert.id)
        .sessions.filter((s) => s.request.id === invite.request.id)
      expect(sessions, `round ${round} (${fault})`).toHaveLength(1)
      expect(told, `round ${round} (${fault})`).toMatchObject({
        ok: true,
        result: { session: { id: sessions[0]!.id } },
      })
      expect(core.adapters.browser.opened.length - opened, `round ${round} (${fault})`).toBe(1)
      const ack = marketplace.execute(expert.id, {
        name: 'session.end',
        idempotencyKey: `session-end-${round}`,
        payload: { sessionId: sessions[0]!.id, outcome: { kind: 'free' } },
      })
      if (!ack.ok) throw new Error(JSON.stringify(ack))
    }
    const shown = core.adapters.notifier.shown.flatMap((n) => (n.kind === 'invite' ? [n.inviteId] : []))
    expect(new Set(shown).size).toBe(shown.length)
    console.log(`command chaos: ${faults.join(' ')}`)
  })
})
