import { readFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SETTINGS_WRITE_GAP_MS } from '../../../src/main/core/settings/settings-store'
import { settingsFilePath } from '../../../src/main/node/settings-file'
import { ManualClock } from '../../../src/shared/clock'
import { openShellPage, startBareShell } from '../../support/shell-page'

describe('a page changing the settings in a loop over the browser shell', () => {
  const linkClock = new ManualClock(0)
  let bare: Awaited<ReturnType<typeof startBareShell>>
  beforeAll(async () => {
    bare = await startBareShell({ linkClock })
  })
  afterAll(() => bare.close())

  /** What settings.json holds now (the log folder is in the data folder that holds it too). */
  const onDisk = (): Record<string, unknown> =>
    JSON.parse(readFileSync(settingsFilePath(dirname(dirname(bare.shell.logPath))), 'utf8')) as Record<
      string,
      unknown
    >

  it('has every change applied at once, and the file written once for the lot when the gap ends', async () => {
    const page = await openShellPage(bare.shell)
    const minutes = Array.from({ length: 200 }, (_, i) => 1 + (i % 120))
    const answers = await Promise.all(
      minutes.map((autoAwayMinutes) => page.call('settings.update', { autoAwayMinutes })),
    )
    expect(answers.every((answer) => (answer as { ok: boolean }).ok)).toBe(true)
    expect(await page.call('settings.get')).toMatchObject({
      ok: true,
      value: { autoAwayMinutes: minutes.at(-1) },
    })
    // Written for the first change only: the rest wait for the end of the gap.
    expect(onDisk()['autoAwayMinutes']).toBe(minutes[0])

    linkClock.advance(SETTINGS_WRITE_GAP_MS)
    expect(onDisk()['autoAwayMinutes']).toBe(minutes.at(-1))
  })

  it('writes a change still waiting as the shell closes', async () => {
    linkClock.advance(SETTINGS_WRITE_GAP_MS)
    const page = await openShellPage(bare.shell)
    await page.call('settings.update', { soundEnabled: false })
    await page.call('settings.update', { remindersEnabled: false })
    expect(onDisk()['remindersEnabled']).toBe(true)
    await bare.shell.close()
    expect(onDisk()).toMatchObject({ soundEnabled: false, remindersEnabled: false })
  })
})
