/**
 * Standby stays in the tray for weeks while the platform restarts and networks drop its
 * connection: each connection lost and made again over real sockets must leave nothing behind
 * (sockets, timers, listeners), however many there are.
 */
import { afterAll, expect, it } from 'vitest'
import { ManualClock } from '../../../../src/shared/clock'
import { startCoreFor, type TestCore } from '../../../support/test-core'
import { startTestPlatform, TEST_START, type TestPlatform } from '../../../support/test-platform'

let platform: TestPlatform | undefined
let core: TestCore | undefined
afterAll(async () => {
  core?.close(true)
  await platform?.close()
})

/** The process's open handles by kind (sockets, timers, servers), as Node counts them. */
function handles(): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1
  return counts
}

it('200 connections cut by the platform, each made again, leave the sockets, timers and listeners one left', async () => {
  platform = await startTestPlatform()
  const expert = platform.addExpert()
  const clock = new ManualClock(TEST_START)
  const started = await startCoreFor(platform.server.url, expert, { clock })
  core = started
  await started.waitForState((s) => s.status === 'online')
  const { runtime } = started
  const nsp = platform.server.io.of('/')
  const cycle = async (): Promise<void> => {
    const waiting = started.waitForState((s) => s.status === 'reconnecting' || s.status === 'offline')
    nsp.disconnectSockets(true)
    const lost = JSON.stringify(await waiting)
    // Time moves in short steps until the next attempt begins (the state then changes), however far
    // the backoff has grown (closes like these, many in a row, lengthen it): moved past it at once,
    // the attempt's own time limit, on this clock too, would run out before its socket connected.
    for (;;) {
      clock.advance(250)
      await new Promise((resolve) => setImmediate(resolve))
      if (JSON.stringify(await started.waitForState(() => true)) !== lost) break
    }
    await started.waitForState((s) => s.status === 'online')
  }
  const held = () => ({
    timers: clock.pendingTimers,
    listeners: [runtime.core.states, runtime.core.cacheChanged, runtime.core.welcomed].map((l) => l.size),
    platformSockets: nsp.sockets.size,
  })
  for (let i = 0; i < 3; i++) await cycle()
  const after = held()
  const handlesAfter = handles()
  for (let i = 0; i < 200; i++) await cycle()
  expect(held()).toEqual(after)
  // A socket of the last connection may still be closing: a few more, never one per connection.
  const grown = Object.entries(handles()).filter(([kind, n]) => n > (handlesAfter[kind] ?? 0) + 3)
  expect(grown).toEqual([])
}, 120_000)
