/**
 * A check the update policy gave up on, answered late, does not change what is downloaded and
 * installed. electron-updater cannot cancel a check and takes its answer, whenever it comes, as
 * the update on offer: after a newer check on another channel, a late beta answer put a beta in
 * place of the stable release the policy chose, which was downloaded and installed on quit (or,
 * answered while the download ran, its bytes were counted as the download's and stopped it).
 */
import { once } from 'node:events'
import type { ServerResponse } from 'node:http'
import { readFileSync } from 'node:fs'
import { beforeEach, expect, it, vi } from 'vitest'
import { release, releaseFeed, useAppImageReleases } from '../../../../support/appimage-release'
import { fake, resetFakeElectron } from '../../../../support/fake-electron'

const { serve, installedApp } = useAppImageReleases()

beforeEach(() => {
  resetFakeElectron()
})

it('downloads and installs on quit what the last check offered, not what a check given up on answers late', async () => {
  const stable = release('1.3.0')
  const beta = release('1.4.0-beta.1')
  const betaFeed = releaseFeed('1.4.0-beta.1', beta.file, beta.artifact)
  const server = await serve(
    { ...stable.files, [beta.file]: beta.artifact, 'beta-linux.yml': betaFeed },
    { held: 'beta-linux.yml' },
  )
  const { updater, appImage, log } = installedApp(server.url)

  // The beta feed does not answer; the policy gives up on that check, and the expert goes back to stable.
  const givenUp = updater.check('beta').catch(() => 'failed')
  const [held] = (await once(server.server, 'held')) as [ServerResponse]
  expect(await updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
  // Then the beta feed's answer arrives after all.
  held.end(betaFeed)
  await givenUp
  await updater.download(() => {})
  fake.app.emit('quit', {}, 0)

  expect(readFileSync(appImage)).toEqual(stable.artifact)
  expect(log.text()).not.toContain('Found version 1.4.0-beta.1')
})

it('does not tell a check given up on that fails after a restart to update began as the restart failing', async () => {
  const stable = release('1.3.0')
  const server = await serve(
    { ...stable.files, 'beta-linux.yml': releaseFeed('1.4.0-beta.1', stable.file, stable.artifact) },
    { held: 'beta-linux.yml' },
  )
  const { updater } = installedApp(server.url)
  await updater.check('stable')
  await updater.download(() => {})
  // The next check gets no answer and the policy gives up on it; the ready update is still offered.
  const givenUp = updater.check('beta').catch(() => 'failed')
  const [held] = (await once(server.server, 'held')) as [ServerResponse]
  const failedLater = vi.fn()
  updater.installNow(failedLater)
  // Then that check fails after all, as macOS's Squirrel may still be fetching the update.
  held.destroy()
  expect(await givenUp).toBe('failed')
  expect(failedLater).not.toHaveBeenCalled()
})
