/**
 * A downloaded update the policy drops afterwards (the expert left the beta, or the feed stopped
 * offering it) is not installed at the quit: what the policy's drop relies on, with electron-updater's
 * own AppImage updater. (macOS's Squirrel, which installs what it holds, is outside these tests.)
 */
import { readFileSync } from 'node:fs'
import { beforeEach, expect, it } from 'vitest'
import { release, useAppImageReleases } from '../../../../support/appimage-release'
import { fake, resetFakeElectron } from '../../../../support/fake-electron'

const { serve, installedApp } = useAppImageReleases()

beforeEach(() => {
  resetFakeElectron()
})

/** An installed 1.2.3 with 1.3.0 downloaded, then dropped as the policy drops it. */
async function downloadedThenDropped() {
  const next = release('1.3.0')
  const server = await serve(next.files)
  const app = installedApp(server.url)
  expect(await app.updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
  await app.updater.download(() => {})
  app.updater.setInstallOnQuit(false)
  return { ...app, next, before: readFileSync(app.appImage) }
}

it('installs nothing at the quit once a downloaded update is dropped', async () => {
  const { appImage, before } = await downloadedThenDropped()
  fake.app.emit('quit', {}, 0)
  expect(readFileSync(appImage)).toEqual(before)
})

it('installs a dropped update at the quit once it is offered and downloaded again', async () => {
  const { updater, appImage, next } = await downloadedThenDropped()
  expect(await updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
  await updater.download(() => {})
  updater.setInstallOnQuit(true)
  fake.app.emit('quit', {}, 0)
  expect(readFileSync(appImage)).toEqual(next.artifact)
})
