/** Screenshots of the main screens, light and dark, under test-results/screens/ on every run. */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright'

/** Where the screenshots go. */
export const SCREENS_DIR = join(process.cwd(), 'test-results', 'screens')

/** Save `name-light.png` and `name-dark.png` of the page as it is now. */
export async function screenshotBoth(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true })
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    await page.screenshot({ path: join(SCREENS_DIR, `${name}-${colorScheme}.png`), animations: 'disabled' })
  }
  await page.emulateMedia({ colorScheme: 'light' })
}
