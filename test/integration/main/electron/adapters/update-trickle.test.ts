/**
 * The update policy on a manual clock over the electron-updater adapter, against a loopback
 * release server that sends the artifact only as the test writes it: a download that trickles is
 * cancelled on the wire and the expert is told, and one that is slow but real runs to the end.
 */
import { EventEmitter, once } from 'node:events'
import type { ServerResponse } from 'node:http'
import { readFileSync } from 'node:fs'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Updater } from '../../../../../src/main/core/ports/updater'
import { release, useAppImageReleases } from '../../../../support/appimage-release'
import { fake, resetFakeElectron } from '../../../../support/fake-electron'
import { MINUTE } from '../../../../support/fixtures'
import { setUp } from '../../../../support/update-world'

const { serve, installedApp } = useAppImageReleases()
const KIB = 1024

beforeEach(() => {
  resetFakeElectron()
})

/** The policy over the real adapter, downloading 1.3.0 from a server that holds its artifact. */
async function trickling(bytes: number) {
  const next = release('1.3.0', { bytes })
  const { url, server } = await serve(next.files, { held: next.file })
  const { updater, appImage, log } = installedApp(url)
  // Each count of bytes the adapter passes on, so the test moves the clock only once they arrived.
  const counted = new EventEmitter()
  const watched: Updater = {
    ...updater,
    download: (onProgress) =>
      updater.download((percent, receivedBytes) => {
        onProgress(percent, receivedBytes)
        counted.emit('bytes', receivedBytes)
      }),
  }
  const world = setUp({ version: '1.2.3', deps: { updater: watched } })
  const held = once(server, 'held') as Promise<[ServerResponse]>
  world.policy.connected()
  const [response] = await held
  let sent = 0
  /** Write `length` more bytes of the artifact and wait until the adapter has counted them. */
  const send = async (length: number): Promise<void> => {
    const arrived = new Promise<void>((resolve) => {
      const heard = (received: number): void => {
        if (received < sent) return
        counted.off('bytes', heard)
        resolve()
      }
      counted.on('bytes', heard)
    })
    response.write(next.artifact.subarray(sent, sent + length))
    sent += length
    await arrived
  }
  return { world, response, send, appImage, artifact: next.artifact, log }
}

describe('a download from a server that trickles', () => {
  it('is cancelled after a few bytes a minute, the expert is told, and nothing is installed', async () => {
    const { world, response, send, appImage } = await trickling(1024 * KIB)
    const before = readFileSync(appImage)
    const closed = once(response, 'close')
    for (let minute = 1; minute <= 4; minute++) {
      world.clock.advance(MINUTE)
      await send(100)
    }
    world.clock.advance(MINUTE)
    await world.reached('error')
    expect(world.policy.state.error).toMatch(
      /^The update could not be downloaded: The update arrived too slowly \(400 bytes in 5 minutes, less than any working connection brings\), so the download was cancelled; Standby keeps running the current version and tries again at \d\d:\d\d, or download the latest version from https:\/\/downloads\.standby\.test\/\.$/,
    )
    // Cancelled on the wire, not left to run in the background.
    await closed
    fake.app.emit('quit', {}, 0)
    expect(readFileSync(appImage)).toEqual(before)
  })

  it('runs to the end when slow but real: 64 KiB a minute', async () => {
    const { world, response, send, appImage, artifact } = await trickling(1024 * KIB)
    for (let minute = 1; minute <= 16; minute++) {
      world.clock.advance(MINUTE)
      await send(64 * KIB)
    }
    response.end()
    await world.reached('ready')
    expect(world.seen.some((state) => state.phase === 'error')).toBe(false)
    fake.app.emit('quit', {}, 0)
    expect(readFileSync(appImage)).toEqual(artifact)
  })
})
