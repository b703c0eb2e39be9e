/**
 * A platform that sends something Standby passes over each time it lets Standby in, and then
 * closes the connection: the storm of reconnections is logged in a few lines, and so is what was
 * passed over, where its lines came again at every connection, for as long as the storm lasted.
 */
import type { Socket } from 'socket.io'
import { describe, expect, it } from 'vitest'
import type { Logger } from '../../../../src/main/core/ports/logger'
import { ManualClock } from '../../../../src/shared/clock'
import { LIVE_EVENT } from '../../../../src/shared/protocol'
import { useCleanup } from '../../../support/cleanup'
import { waitingAt } from '../../../support/link-states'
import { startCoreFor } from '../../../support/test-core'
import { startTestPlatform, TEST_START } from '../../../support/test-platform'

/** Connections cut in a row: well past the backoff's cap. */
const CUTS = 30

/** How far the clock moves at a time while the link waits: well inside an attempt's own time limit. */
const STEP_MS = 250

describe('a platform that sends what Standby passes over at every connection, then cuts it', () => {
  const defer = useCleanup()

  it('logs what it passed over once, not once a connection', async () => {
    const lines: string[] = []
    const write = (message: string) => void lines.push(message)
    const log: Logger = { info: write, warn: write, error: write }
    const clock = new ManualClock(TEST_START)
    const platform = await startTestPlatform({ clock })
    defer(() => platform.close())
    const expert = platform.addExpert()
    platform.server.io.on('connection', (socket: Socket) => {
      socket.emit('announcement', { text: 'New: dark mode' })
      socket.emit(LIVE_EVENT, { id: 'seven', type: 'invite.created' })
      socket.conn.close()
    })
    const core = await startCoreFor(platform.server.url, expert, { clock, linkClock: clock, log })
    defer(() => core.close(true))
    const platformNow = () => core.runtime.core.platformClock.now()
    const untilNextAttempt = async (): Promise<void> => {
      const lost = JSON.stringify(core.runtime.core.connection)
      while (JSON.stringify(core.runtime.core.connection) === lost) {
        clock.advance(STEP_MS)
        await new Promise((resolve) => setImmediate(resolve))
      }
    }
    await core.waitForState(waitingAt(platformNow))
    for (let i = 0; i < CUTS; i++) {
      await untilNextAttempt()
      await core.waitForState(waitingAt(platformNow))
    }
    const passedOver = lines.filter((line) => /announcement|no readable id/.test(line))
    expect(passedOver).toEqual([
      expect.stringMatching(/^The platform sent a message named "announcement"; Standby passed it over\./),
      expect.stringMatching(/^Ignored an event from the platform with no readable id/),
    ])
    // The storm itself: its first lines, not one a connection.
    expect(lines.length).toBeLessThan(CUTS / 3)
  })
})
