/**
 * A change applied at once whose paced write then fails is undone (settings-store.ts): the page
 * that made it was told it was made, so the expert hears why the switch went back.
 */
import { mkdirSync, rmSync } from 'node:fs'
import { expect, it } from 'vitest'
import { createNodeAdapters } from '../../../../../src/main/node/adapters'
import { settingsFilePath } from '../../../../../src/main/node/settings-file'
import { startNodeRuntime } from '../../../../../src/main/node/runtime/start-node-runtime'
import { SETTINGS_WRITE_GAP_MS } from '../../../../../src/main/core/settings/settings-store'
import { ManualClock, systemClock } from '../../../../../src/shared/clock'
import { useCleanup } from '../../../../support/cleanup'
import { useTempDirs } from '../../../../support/temp-dir'

const quiet = { info: () => {}, warn: () => {}, error: () => {} }
const tempDir = useTempDirs()
const defer = useCleanup()

/** A runtime on a fresh data folder whose settings' writes are paced by a clock the test moves. */
async function started() {
  const dir = tempDir()
  const settingsClock = new ManualClock(0)
  const adapters = createNodeAdapters({ dataDir: dir, out: { write: () => true }, log: quiet, settingsClock })
  defer(() => adapters.close())
  const runtime = await startNodeRuntime({ dataDir: dir, adapters, clock: systemClock, log: quiet })
  defer(() => runtime.close())
  return { dir, settingsClock, adapters }
}

it('tells the expert that changes shown as made were undone when they could not be saved, and why', async () => {
  const { dir, settingsClock, adapters } = await started()

  adapters.settings.update({ soundEnabled: false })
  // Within the gap: applied, and answered as made, but written when the gap ends.
  expect(adapters.settings.update({ remindersEnabled: false })).toMatchObject({ remindersEnabled: false })
  // The file can no longer be replaced: a folder stands where it was.
  rmSync(settingsFilePath(dir))
  mkdirSync(settingsFilePath(dir))
  settingsClock.advance(SETTINGS_WRITE_GAP_MS)

  expect(adapters.settings.get()).toMatchObject({ soundEnabled: false, remindersEnabled: true })
  expect(adapters.notifier.shown.filter((shown) => shown.kind === 'notice')).toEqual([
    {
      kind: 'notice',
      title: 'Settings not saved',
      noticeId: 'settings-not-saved',
      body: expect.stringMatching(
        /^Your last changes to the settings were undone: Standby could not save your settings \(.+\)\. .+, then change the setting again\.$/,
      ),
    },
  ])
})

it('keeps one such notice on screen however often it happens again, so a disk filling now and then does not stack them', async () => {
  const { dir, settingsClock, adapters } = await started()
  const undoneOnce = (): void => {
    adapters.settings.update({ soundEnabled: !adapters.settings.get().soundEnabled })
    adapters.settings.update({ remindersEnabled: false })
    rmSync(settingsFilePath(dir))
    mkdirSync(settingsFilePath(dir))
    settingsClock.advance(SETTINGS_WRITE_GAP_MS)
    // The disk has room again by the next change.
    rmSync(settingsFilePath(dir), { recursive: true })
    settingsClock.advance(SETTINGS_WRITE_GAP_MS)
  }

  undoneOnce()
  undoneOnce()

  const told = (shown: ReadonlyArray<{ kind: string; title?: string }>) =>
    shown.filter((notice) => notice.kind === 'notice' && notice.title === 'Settings not saved')
  expect(told(adapters.notifier.shown)).toHaveLength(2)
  expect(told(adapters.notifier.noticesOnScreen)).toHaveLength(1)
})
