/**
 * The app's window over a cache and no platform: for tests of what the expert sees of a given
 * cache (the heaviest invites, a long History), each window closed after its test.
 */
import type { Browser, Page } from 'playwright'
import { afterAll, afterEach, beforeAll } from 'vitest'
import type { Snapshot } from '../../../src/shared/protocol/replay'
import type { WindowSize } from '../../../src/shared/window-sizes'
import { useHostZone } from '../../support/host-zone'
import { startOfflineShell, type OfflineShell } from '../../support/offline-shell'
import { launchChromium, LOCALE, TIME_ZONE } from './harness'

/**
 * Registers the hooks; the function returned opens a window of `size` over a cache of `snapshot`,
 * resolving once the window takes input.
 */
export function useOfflineWindow(): (snapshot: Partial<Snapshot>, size: WindowSize) => Promise<Page> {
  let browser: Browser
  let shell: OfflineShell | undefined
  const hostZone = useHostZone()
  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterEach(async () => {
    await shell?.close()
    shell = undefined
  })
  afterAll(async () => {
    await browser?.close()
  })
  return async (snapshot, size) => {
    // The host in the window's zone, as the app and its window are on one computer: the window
    // then takes over the host's pre-rendered frame rather than drawing its own.
    hostZone(TIME_ZONE)
    shell = await startOfflineShell({ snapshot })
    const context = await browser.newContext({
      locale: LOCALE,
      timezoneId: TIME_ZONE,
      viewport: { ...size },
      reducedMotion: 'reduce',
    })
    const page = await context.newPage()
    await page.goto(shell.shell.url)
    // The host's pre-rendered frame is in the page before React has it, inert: a key press goes
    // nowhere. The root leaves `inert` in the commit that brings the window to life, and React
    // takes the section over after that: what the section sets as it mounts (hidden text find in
    // page can reach) is there once <html> says the section is shown.
    await page.locator('#root:not([inert])').waitFor({ state: 'attached' })
    await page.locator('html[data-section="shown"]').waitFor({ state: 'attached' })
    return page
  }
}
