import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../../../src/shared/clock'
import { useCleanup } from '../../../support/cleanup'
import { nextValue } from '../../../support/next-value'
import { stallTimer } from '../../../support/stall-timer'
import { startCoreFor, type TestCore } from '../../../support/test-core'
import { startTestPlatform, TEST_START } from '../../../support/test-platform'

const MINUTE = 60_000

/** A wake: the link probes the connection, and the platform answers on it. */
async function wake(core: TestCore): Promise<void> {
  const seen: string[] = []
  const off = core.runtime.core.states.add((s) => seen.push(s.status))
  core.adapters.power.resume()
  await core.waitForState((s) => s.status === 'online' && seen.includes('checking'))
  off()
}

/** `promise`, or a failure naming `what` once nothing came for a while: a hang turned into a message. */
function failsafe<T>(promise: Promise<T>, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = stallTimer(20_000, () => reject(new Error(`Still waiting for ${what}`)))
    void promise.then((value) => {
      timer.stop()
      resolve(value)
    })
  })
}

describe('a platform whose own clock is set back while Standby is connected', () => {
  const defer = useCleanup()

  /** A core online on a fresh platform, both clocks reading the same. */
  async function inStep() {
    const platform = await startTestPlatform()
    defer(() => platform.close())
    const expert = platform.addExpert()
    const core = await startCoreFor(platform.server.url, expert, { clock: new ManualClock(TEST_START) })
    defer(() => core.close(true))
    await core.waitForState((s) => s.status === 'online')
    await core.runtime.core.settled()
    expect(core.runtime.core.platformClock.now()).toBe(platform.clock.now())
    return { platform, expert, core }
  }

  it('is followed from the probes after a wake: platform time is the platform’s again', async () => {
    const { platform, core } = await inStep()
    platform.clock.step(-10 * MINUTE)
    // One answer at odds with the estimate moves nothing; the second that agrees with it does.
    await wake(core)
    await wake(core)
    expect(core.runtime.core.platformClock.now()).toBe(platform.clock.now())
  })

  it('is followed after a single wake: the probe’s answer at odds has the platform asked again at once', async () => {
    const { platform, core } = await inStep()
    platform.clock.step(-10 * MINUTE)
    const followed = nextValue(core.runtime.core.platformClock.changes)
    await wake(core)
    await failsafe(followed, 'platform time to follow the platform’s clock')
    expect(core.runtime.core.platformClock.now()).toBe(platform.clock.now())
  })

  it('an invite pushed while its time looks run out has the platform asked for its time, and is shown once it answers, with no wake', async () => {
    const { platform, expert, core } = await inStep()
    platform.clock.step(-10 * MINUTE)
    // Before the next quiet check of the link brings the time, the invite's own stamp, ten minutes
    // behind, is the first word of the platform's clock set back.
    platform.inviteDirectly(expert.id, 'Asked on an idle link')
    await core.waitForNotifications(1)
    expect(core.adapters.notifier.shown).toEqual([
      expect.objectContaining({ kind: 'invite', title: expect.stringContaining('idle link') }),
    ])
    expect(core.runtime.core.platformClock.now()).toBe(platform.clock.now())
  })

  it('an invite that came while its time looked run out is shown, once, when the clock is read right again', async () => {
    const { platform, expert, core } = await inStep()
    platform.clock.step(-10 * MINUTE)
    const arrived = new Promise<void>((resolve) => {
      const off = core.runtime.core.cacheChanged.add((update) => {
        if (update.kind !== 'events' || !update.events.some((e) => e.type === 'invite.created')) return
        off()
        resolve()
      })
    })
    platform.inviteDirectly(expert.id, 'Asked while the clocks disagreed')
    await arrived
    const invites = () => core.adapters.notifier.shown.filter((n) => n.kind === 'invite')
    // Five minutes to answer, sent ten minutes before the time Standby takes for the platform's.
    expect(invites()).toEqual([])
    expect(core.runtime.api['invites.list']()).toMatchObject({ open: [] })

    await wake(core)
    await wake(core)
    expect(invites()).toEqual([
      expect.objectContaining({ title: expect.stringContaining('clocks disagreed') }),
    ])
    expect(core.runtime.api['invites.list']()).toMatchObject({ open: [expect.anything()] })
    await wake(core)
    expect(invites()).toHaveLength(1)
  })
})
