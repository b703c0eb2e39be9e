import WebSocket from 'ws'
import { describe, expect, it } from 'vitest'
import { PlatformLink } from '../../../../src/main/core/connection/platform-link'
import type { Power } from '../../../../src/main/core/ports/power'
import { socketIoTransport } from '../../../../src/main/node/socket-io-transport'
import { ManualClock } from '../../../../src/shared/clock'
import { startTestPlatform, type TestPlatform } from '../../../support/test-platform'
import { useCleanup } from '../../../support/cleanup'
import { waitForLinkState } from '../../../support/link-states'

const quietLog = { info: () => {}, warn: () => {}, error: () => {} }

/** A power source whose network changes when the test says so. */
function testPower(): Power & { networkChanged(): void } {
  const listeners = new Set<() => void>()
  return {
    onSuspend: () => () => {},
    onResume: () => () => {},
    onNetworkChange: (l) => (listeners.add(l), () => listeners.delete(l)),
    onLock: () => () => {},
    onUnlock: () => () => {},
    systemIdleSeconds: () => null,
    screenLocked: () => null,
    networkChanged: () => listeners.forEach((l) => l()),
  }
}

/** A socket.io WebSocket opened and never signed in, holding one of the platform's unidentified places. */
function openUnsigned(platform: TestPlatform): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${platform.server.port}/socket.io/?EIO=4&transport=websocket`)
  return new Promise((resolve, reject) => {
    ws.once('message', () => resolve(ws))
    ws.once('error', reject)
  })
}

describe('a platform too busy to let the app in (503 with Retry-After at the upgrade)', () => {
  const defer = useCleanup()

  for (const random of [0, 0.99]) {
    it(`is told as busy, and the next attempt waits at least the wait it asked (jitter ${random})`, async () => {
      // Room for one WebSocket that has not signed in, held by another client.
      const platform = await startTestPlatform({ connections: { unidentified: 1 } })
      defer(() => platform.close())
      const held = await openUnsigned(platform)
      defer(() => held.terminate())
      const clock = new ManualClock(Date.UTC(2026, 0, 5, 9))
      const power = testPower()
      const link = new PlatformLink(platform.server.url, platform.addExpert().token, {
        transport: socketIoTransport,
        clock,
        power,
        log: quietLog,
        random: () => random,
      })
      defer(() => link.stop())
      link.start()
      const waiting = await waitForLinkState(link, (s) => s.kind === 'waiting')
      if (waiting.kind !== 'waiting') throw new Error('not waiting')
      expect(waiting.reason).toMatch(
        /^The platform at \S+ is too busy to let Standby in just now \(HTTP 503\) and asked it to wait 5 seconds\. Standby tries again by itself/,
      )
      expect(waiting.reason).not.toMatch(/error of its own|down or restarting/)
      // The platform's Retry-After, spread by up to a quarter more, never less.
      const waitMs = waiting.nextAttemptAt - clock.now()
      expect(waitMs).toBeGreaterThanOrEqual(5_000)
      expect(waitMs).toBeLessThanOrEqual(6_250)
      // A network change does not bring the attempt forward: the platform is no less busy.
      power.networkChanged()
      expect(link.state).toMatchObject({ kind: 'waiting', nextAttemptAt: waiting.nextAttemptAt })
    })
  }
})
