/**
 * A Standby that never connects still looks for its update: signed out, with the platform down, or
 * refused for speaking too old a protocol (told "update Standby to connect"), it is the update that
 * would let it connect, and the first check waited for the connection.
 */
import { expect, it } from 'vitest'
import { createNodeAdapters } from '../../../../../src/main/node/adapters'
import { startNodeRuntime } from '../../../../../src/main/node/runtime/start-node-runtime'
import { DEFAULT_UPDATE_TIMINGS } from '../../../../../src/main/core/update/update-policy'
import { ManualClock } from '../../../../../src/shared/clock'
import { useCleanup } from '../../../../support/cleanup'
import { useTempDirs } from '../../../../support/temp-dir'

const quiet = { info: () => {}, warn: () => {}, error: () => {} }
const tempDir = useTempDirs()
const defer = useCleanup()

it('checks for updates a few minutes after start without ever connecting, and downloads the newer version', async () => {
  const dir = tempDir()
  const clock = new ManualClock(Date.UTC(2026, 11, 7, 9))
  const adapters = createNodeAdapters({
    dataDir: dir,
    out: { write: () => true },
    log: quiet,
    appVersion: '1.0.0',
  })
  defer(() => adapters.close())
  adapters.updater.control({ action: 'publish', version: '1.1.0' })
  const runtime = await startNodeRuntime({ dataDir: dir, adapters, clock, log: quiet })
  defer(() => runtime.close())
  const ready = new Promise<void>((resolve) =>
    runtime.updates.changes.add((state) => {
      if (state.phase === 'ready') resolve()
    }),
  )

  // Nobody signed in: no connection comes.
  clock.advance(DEFAULT_UPDATE_TIMINGS.firstCheckUnconnectedMs)
  expect(adapters.updater.checks).toEqual(['stable'])
  await ready
  expect(runtime.updates.state.availableVersion).toBe('1.1.0')
  expect(adapters.updater.installOnQuit).toBe(true)
})
