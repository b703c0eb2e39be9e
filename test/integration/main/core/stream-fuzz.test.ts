// A seeded run of a broken or hostile platform against a whole core over socket.io
// (stream-fuzz.ts): whatever it pushes, replays or drops, the core never throws, every good
// invite of the stream is kept and shown exactly once, nothing a broken record carried is kept,
// each broken record is logged by its id in a few lines, and the core ends online and caught up.
import { describe, expect, it } from 'vitest'
import type { Logger } from '../../../../src/main/core/ports/logger'
import { useCleanup } from '../../../support/cleanup'
import { stallTimer } from '../../../support/stall-timer'
import { runStreamFuzz } from '../../../support/stream-fuzz'
import { goodEvent, startStreamPlatform } from '../../../support/stream-platform'
import { startTestCore, type TestCore } from '../../../support/test-core'
import { LIVE_EVENT } from '../../../../src/shared/protocol'

/** Runs and steps per run; STREAM_FUZZ_RUNS and STREAM_FUZZ_STEPS ask for more when hunting. */
const SEEDS = Array.from({ length: Number(process.env.STREAM_FUZZ_RUNS ?? 16) }, (_, i) => i + 1)
const STEPS = Number(process.env.STREAM_FUZZ_STEPS ?? 40)
const FAILSAFE_MS = 20_000
const TIMINGS = { ackTimeoutMs: 1_000, replayGiveUpMs: 1_500 }

/** Resolves once `done` holds, checked at every change of the core; fails when nothing happens for long. */
function until(core: TestCore, done: () => boolean, what: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const offs: Array<() => void> = []
    const failsafe = stallTimer(FAILSAFE_MS, () => {
      for (const off of offs) off()
      reject(new Error(`still waiting until ${what()}`))
    })
    const check = (): void => {
      if (!done()) return failsafe.progress()
      failsafe.stop()
      for (const off of offs) off()
      resolve()
    }
    offs.push(core.runtime.core.states.add(check), core.runtime.core.cacheChanged.add(check))
    offs.push(core.adapters.notifier.onShow(check))
    check()
  })
}

describe('a core following a hostile platform', () => {
  const defer = useCleanup()

  it.each(SEEDS)(
    'seed %i: loses nothing, shows each good invite once, keeps nothing broken',
    async (seed) => {
      const lines: string[] = []
      const write = (message: string) => void lines.push(message)
      const log: Logger = { info: write, warn: write, error: write }
      const platform = await startStreamPlatform()
      defer(() => platform.close())
      const core = await startTestCore({
        platformUrl: platform.url,
        token: 't',
        expertId: 'exp_ada',
        log,
        timings: TIMINGS,
      })
      defer(() => core.close(true))
      await core.waitForState((s) => s.status === 'online')
      await core.runtime.core.settled()
      const run = await runStreamFuzz(
        platform,
        seed,
        STEPS,
        () => new Promise((resolve) => setImmediate(resolve)),
      )
      const last = goodEvent(platform.records.length + 1, Date.now())
      platform.records.push(last)
      run.good.push(last.payload.invite.id)
      for (const socket of await platform.sockets()) socket.emit(LIVE_EVENT, last)
      const cache = core.runtime.cache
      const story = () => `seed ${seed}:\n${run.steps.join('\n')}\nlog:\n${lines.slice(-200).join('\n')}`
      await until(
        core,
        () => cache.cursor() === platform.records.length && core.runtime.core.connection.status === 'online',
        () =>
          `caught up at ${platform.records.length}; at ${cache.cursor()}, ${JSON.stringify(core.runtime.core.connection)}\n${story()}`,
      )
      await core.runtime.core.settled()
      const shown = core.adapters.notifier.shown.flatMap((n) => (n.kind === 'invite' ? [n.inviteId] : []))
      expect(shown.toSorted(), story()).toEqual(run.good.toSorted())
      for (const id of run.good) expect(cache.invite(id)?.state, `${id}\n${story()}`).toBe('open')
      for (const id of run.broken) expect(cache.invite(id), `${id}\n${story()}`).toBeNull()
      // Each broken record is logged by its id, once, unless the log said it stopped counting them.
      const counted = lines.some((line) => /no more of them are logged/.test(line))
      for (const id of run.badIds) {
        const told = lines.filter((line) => new RegExp(`Skipped event ${id} `).test(line)).length
        expect(told, `event ${id} told ${told} times\n${story()}`).toBeLessThanOrEqual(1)
        if (!counted) expect(told, `event ${id} never told\n${story()}`).toBe(1)
      }
      expect(lines.every((line) => line.length < 2_000)).toBe(true)
    },
  )
})
