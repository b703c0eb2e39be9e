/**
 * Ada's core on a hostile platform whose replays a test counts and waits for, on a manual clock,
 * so a test can say how often the core asked and move time to the next try without sleeping.
 */
import { ManualClock } from '../../src/shared/clock'
import { startHostilePlatform, type HostilePlatform, type HostileScript } from './hostile-platform'
import { startTestCore, type TestCore } from './test-core'
import type { Logger } from '../../src/main/core/ports/logger'

/** The core, its clock, and the replays it asked for. */
export interface CountedReplays {
  readonly core: TestCore
  readonly clock: ManualClock
  readonly platform: HostilePlatform
  /** How many replays the platform has been asked for. */
  asks(): number
  /** Resolves once the platform was asked `count` replays and the core settled after the last. */
  asked(count: number): Promise<void>
}

/** Start the platform (answering with `script`) and Ada's core on it (logging to `log`); both closed by `defer`. */
export async function adaCountingReplays(
  defer: (fn: () => Promise<void> | void) => void,
  script: HostileScript,
  log?: Logger,
): Promise<CountedReplays> {
  let asks = 0
  const waiting = new Map<number, () => void>()
  const platform = await startHostilePlatform({
    ...script,
    replay: (request, socket) => {
      waiting.get(++asks)?.()
      return script.replay?.(request, socket)
    },
  })
  defer(() => platform.close())
  const clock = new ManualClock(Date.now())
  const core = await startTestCore({
    platformUrl: platform.url,
    token: 't',
    expertId: 'exp_ada',
    clock,
    ...(log && { log }),
  })
  defer(() => core.close(true))
  const asked = async (count: number): Promise<void> => {
    if (asks < count) await new Promise<void>((resolve) => waiting.set(count, resolve))
    await core.runtime.core.settled()
  }
  return { core, clock, platform, asks: () => asks, asked }
}
