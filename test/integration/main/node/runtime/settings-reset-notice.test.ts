/**
 * Settings that could not be used and went back to their defaults at start: the expert is told
 * once, in one notice naming them, and not again at the next start.
 */
import { mkdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { createNodeAdapters } from '../../../../../src/main/node/adapters'
import { settingsFilePath } from '../../../../../src/main/node/settings-file'
import { startNodeRuntime } from '../../../../../src/main/node/runtime/start-node-runtime'
import { systemClock } from '../../../../../src/shared/clock'
import { useCleanup } from '../../../../support/cleanup'
import { useTempDirs } from '../../../../support/temp-dir'

const quiet = { info: () => {}, warn: () => {}, error: () => {} }
const tempDir = useTempDirs()
const defer = useCleanup()

/** Start the app on `dir`, note the notices of its start, and quit it. */
async function noticesOfAStart(dir: string): Promise<unknown[]> {
  const adapters = createNodeAdapters({ dataDir: dir, out: { write: () => true }, log: quiet })
  defer(() => adapters.close())
  const runtime = await startNodeRuntime({ dataDir: dir, adapters, clock: systemClock, log: quiet })
  runtime.close()
  return adapters.notifier.shown.filter((shown) => shown.kind === 'notice')
}

it('tells once which settings went back to their defaults, and that they can be set again', async () => {
  const dir = tempDir()
  writeFileSync(
    settingsFilePath(dir),
    JSON.stringify({
      settingsVersion: 1,
      autoAwayMinutes: -4,
      updateChannel: 'nightly',
      soundEnabled: false,
    }),
  )
  expect(await noticesOfAStart(dir)).toEqual([
    expect.objectContaining({
      kind: 'notice',
      title: 'Settings reset',
      body:
        'Some settings were saved with a value Standby cannot use, so they went back to their ' +
        'defaults: “Idle time before away” and the update channel. You can set them again in Settings.',
    }),
  ])
  expect(await noticesOfAStart(dir)).toEqual([])
})

it('tells that every setting went back to its default when the file could not be read', async () => {
  const dir = tempDir()
  writeFileSync(settingsFilePath(dir), '{"soundEnabled": fals')
  expect(await noticesOfAStart(dir)).toEqual([
    expect.objectContaining({
      body: expect.stringMatching(/every setting went back to its default; you can set/),
    }),
  ])
  expect(await noticesOfAStart(dir)).toEqual([])
})

it('says nothing on a first run or over a file it can use', async () => {
  const dir = tempDir()
  expect(await noticesOfAStart(dir)).toEqual([])
  expect(await noticesOfAStart(dir)).toEqual([])
})

it('tells at each start that settings are not kept while their file cannot be opened, and keeps the file', async () => {
  const dir = tempDir()
  // A link to itself: neither read nor replaced, as a file the profile's owner cannot read.
  symlinkSync('settings.json', settingsFilePath(dir))
  const told = [
    expect.objectContaining({
      kind: 'notice',
      title: 'Settings not kept',
      body: expect.stringMatching(
        /could not open its settings file \(ELOOP\), so it uses the default settings and a change lasts only until it quits\. Check that .*settings\.json is a file you can read and write/,
      ),
    }),
  ]
  expect(await noticesOfAStart(dir)).toEqual(told)
  expect(await noticesOfAStart(dir)).toEqual(told)
  expect(readlinkSync(settingsFilePath(dir))).toBe('settings.json')
})

it.runIf(process.platform !== 'win32')(
  'tells once that a settings file linked to another file became its own, and leaves that file alone',
  async () => {
    const dir = tempDir()
    mkdirSync(join(dir, 'dotfiles'))
    const linked = join(dir, 'dotfiles', 'standby.json')
    const saved = JSON.stringify({ settingsVersion: 1, soundEnabled: false })
    writeFileSync(linked, saved)
    symlinkSync(linked, settingsFilePath(dir))
    expect(await noticesOfAStart(dir)).toEqual([
      expect.objectContaining({
        kind: 'notice',
        title: 'Settings file replaced',
        body: expect.stringMatching(/^Standby's settings file was a link to .*standby\.json", so saving/),
      }),
    ])
    expect(await noticesOfAStart(dir)).toEqual([])
    expect(readFileSync(linked, 'utf8')).toBe(saved)
  },
)
