/**
 * One expert's core signed in to a fresh platform through a misbehaving proxy, online: the
 * world of the tests of commands whose answers a network loses, stalls or holds.
 */
import { expect } from 'vitest'
import { ManualClock } from '../../src/shared/clock'
import { FaultProxy } from './fault-proxy'
import type { Logger } from '../../src/main/node/log'
import type { Invite, PlatformEvent } from '../../src/shared/protocol'
import { inviteTitled, startCoreFor, type TestCore } from './test-core'
import { startTestPlatform, TEST_START, type TestPlatform, type TestPlatformOptions } from './test-platform'

/** What a test of a lost or held answer works with. */
export interface ProxiedExpert {
  readonly platform: TestPlatform
  readonly expert: { readonly id: string; readonly token: string }
  readonly proxy: FaultProxy
  /** Times the link's waits (an answer's, the silence check's); reconnecting runs in real time. */
  readonly linkClock: ManualClock
  readonly core: TestCore
}

/**
 * Starts the platform, the proxy and the core, each closed through `defer`, and waits until the
 * core is online. `coreClock` is the core's own clock where a test moves it too (the link's clock
 * itself when the test says so).
 */
export async function startProxiedExpert(
  defer: (close: () => Promise<void> | void) => void,
  options: {
    readonly platform?: TestPlatformOptions
    readonly coreClock?: ManualClock | 'link'
    readonly log?: Logger
  } = {},
): Promise<ProxiedExpert> {
  const platform = await startTestPlatform(options.platform)
  defer(() => platform.close())
  const expert = platform.addExpert()
  const proxy = await FaultProxy.start(platform.server.port)
  defer(() => proxy.close())
  const linkClock = new ManualClock(TEST_START)
  const clock = options.coreClock === 'link' ? linkClock : options.coreClock
  const core = await startCoreFor(proxy.url, expert, {
    linkClock,
    ...(clock && { clock }),
    ...(options.log && { log: options.log }),
  })
  defer(() => core.close(true))
  await core.waitForState((s) => s.status === 'online')
  return { platform, expert, proxy, linkClock, core }
}

/** A direct instant invite titled `title` sent to the expert, once the core holds it. */
export async function invitedDirectly(
  { platform, expert, core }: ProxiedExpert,
  title: string,
): Promise<Invite> {
  platform.inviteDirectly(expert.id, title)
  return inviteTitled(core, title)
}

/**
 * Presses an accept (`press`) and waits until the platform has taken it, whether or not its
 * answer ever comes back; the answer is handed back still on its way.
 */
export async function pressedUntilTaken<T>(
  { platform, expert }: ProxiedExpert,
  press: () => T | PromiseLike<T>,
): Promise<{ readonly answer: Promise<Awaited<T>> }> {
  const taken = platformEvent(platform, expert.id, 'session.updated')
  const answer = Promise.resolve(press())
  await taken
  return { answer }
}

/**
 * Join pressed on `invite` while what the platform sends on this connection is held, with nothing
 * to say the link is gone: the platform takes it, and the press ends at the answer's wait.
 */
export async function acceptWhoseAnswerIsHeld(world: ProxiedExpert, invite: Invite) {
  world.proxy.hold('down')
  const { answer } = await pressedUntilTaken(world, () =>
    world.core.runtime.api['invites.accept']({ inviteId: invite.id, proposedTime: null }),
  )
  world.linkClock.advance(10_000)
  return answer
}

/**
 * Join pressed again on `invite`, once the link is back: answered as done, with the one session
 * the platform holds for the expert, whose room opened once in all. Returns that session's id.
 */
export async function acceptedAgainOnce(
  { platform, expert, core }: ProxiedExpert,
  invite: Invite,
): Promise<string> {
  const again = await core.runtime.api['invites.accept']({ inviteId: invite.id, proposedTime: null })
  await core.runtime.core.settled()
  const sessions = platform.server.marketplace.snapshot(expert.id).sessions
  expect(sessions).toHaveLength(1)
  expect(again).toMatchObject({ ok: true, result: { session: { id: sessions[0]?.id } } })
  expect(core.adapters.browser.opened).toHaveLength(1)
  return sessions[0]!.id
}

/**
 * Standby stops (a crash, or a quit) and starts again over the same data, closed through `defer`;
 * its connection is a new one through the proxy, not held. Resolves once it is online again.
 */
export async function restartedOverItsData(
  { proxy, expert, core }: ProxiedExpert,
  defer: (close: () => Promise<void> | void) => void,
): Promise<TestCore> {
  core.close()
  const restarted = await startCoreFor(proxy.url, expert, {
    dir: core.dir,
    linkClock: new ManualClock(TEST_START),
  })
  defer(() => restarted.close(true))
  await restarted.waitForState((s) => s.status === 'online')
  return restarted
}

/**
 * Resolves with the first event of `type` the platform records for `expertId`: the moment a
 * command is taken, whether or not its answer ever comes back.
 */
export function platformEvent<T extends PlatformEvent['type']>(
  platform: TestPlatform,
  expertId: string,
  type: T,
): Promise<Extract<PlatformEvent, { type: T }>> {
  return new Promise((resolve) => {
    const off = platform.server.marketplace.events.subscribe((forExpert, event) => {
      if (forExpert !== expertId || event.type !== type) return
      off()
      resolve(event as Extract<PlatformEvent, { type: T }>)
    })
  })
}
