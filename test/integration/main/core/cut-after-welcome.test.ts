/**
 * A platform, or a proxy in front of it, that closes every connection the moment it has let
 * Standby in: the app must neither hammer it (every attempt waits on the clock, longer and longer)
 * nor tell the expert to check a network that works, and it must come back once connections hold.
 */
import type { Socket } from 'socket.io'
import { describe, expect, it } from 'vitest'
import { BACKOFF_CAP_MS, BACKOFF_START_MS } from '../../../../src/main/core/connection/backoff'
import { ManualClock } from '../../../../src/shared/clock'
import { useCleanup } from '../../../support/cleanup'
import { waitingAt } from '../../../support/link-states'
import { startCoreFor } from '../../../support/test-core'
import { startTestPlatform, TEST_START } from '../../../support/test-platform'

/** Connections cut in a row: past the restarts an announced close is taken for, and the backoff's cap. */
const CUTS = 16

/** How far the clock moves at a time while the link waits: well inside an attempt's own time limit. */
const STEP_MS = 250

describe('a platform that closes each connection right after letting Standby in', () => {
  const defer = useCleanup()

  it.each([
    [
      'without a word, as a proxy cutting WebSockets does',
      (socket: Socket) => socket.conn.close(),
      /^Connection lost again soon after the platform let Standby in \(.+\)\. If this goes on, check your connection \(a proxy or firewall on it may be cutting connections\) or tell the platform's support\.$/,
    ],
    [
      'saying so, as at a restart',
      (socket: Socket) => socket.disconnect(true),
      /^Connection lost \(the platform closed the connection: io server disconnect\)\. If this goes on, tell the platform's support\.$/,
    ],
  ])(
    '%s: retries only as the clock moves, ever more slowly, says whose it is, and comes back',
    async (_, cut, says) => {
      // One clock for both: the platform's moves as the app's does, as in life; a platform clock
      // standing still would be read at its own pace (clock-rate.ts), which is not this test's case.
      const clock = new ManualClock(TEST_START)
      const platform = await startTestPlatform({ clock })
      defer(() => platform.close())
      const expert = platform.addExpert()
      let cutting = true
      let connections = 0
      platform.server.io.on('connection', (socket) => {
        connections++
        // After the platform's own handler: its welcome is on the way before the close.
        if (cutting) cut(socket)
      })
      const core = await startCoreFor(platform.server.url, expert, { clock, linkClock: clock })
      defer(() => core.close(true))
      const platformNow = () => core.runtime.core.platformClock.now()
      /** Move the clock in steps until the next attempt begins (none goes while it stands); how far it moved. */
      const untilNextAttempt = async (): Promise<number> => {
        const lost = JSON.stringify(core.runtime.core.connection)
        let waited = 0
        while (JSON.stringify(core.runtime.core.connection) === lost) {
          clock.advance(STEP_MS)
          waited += STEP_MS
          await new Promise((resolve) => setImmediate(resolve))
        }
        return waited
      }
      const waits: number[] = []
      let state = await core.waitForState(waitingAt(platformNow))
      // The platform let Standby in, at a cold start too: it is up, and the app not offline.
      expect(state.status).toBe('reconnecting')
      for (let i = 0; i < CUTS; i++) {
        waits.push(await untilNextAttempt())
        state = await core.waitForState(waitingAt(platformNow))
      }
      // One connection per move of the clock: no attempt went while it stood still.
      expect(connections).toBe(CUTS + 1)
      expect(Math.min(...waits)).toBeGreaterThanOrEqual(0.75 * BACKOFF_START_MS)
      for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThanOrEqual(waits[i - 1] ?? 0)
      expect(waits.at(-1)).toBeGreaterThanOrEqual(0.75 * BACKOFF_CAP_MS)
      expect(waits.at(-1)).toBeLessThanOrEqual(BACKOFF_CAP_MS + STEP_MS)
      expect(state).toMatchObject({ status: 'reconnecting', reason: expect.stringMatching(says) })

      cutting = false
      await untilNextAttempt()
      await core.waitForState((s) => s.status === 'online')
      platform.inviteDirectly(expert.id, 'Once the link holds')
      await core.waitForNotifications(1)
      await core.runtime.core.settled()
      expect(core.adapters.notifier.shown.map((n) => n.title)).toEqual(['Direct Client: Once the link holds'])
    },
  )
})
