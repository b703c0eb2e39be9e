/**
 * The sections not shown first (History, My stats, Settings) come in their own chunks. A chunk
 * the page cannot fetch says so in place of the section and loads on "Try again"; moving to a
 * section still puts focus on its heading once it is there.
 */
import { expect, it } from 'vitest'
import { useE2e } from './support/fixture'
import { focusLandsOn } from './support/waits'

const world = useE2e()

it('says a section could not be shown when its chunk fails, and shows it on Try again', async () => {
  const { expert, shell, open } = await world()
  const adaShell = await shell(expert('Ada Byron', ['react']))
  let refusing = true
  const refused: string[] = []
  const app = await open(adaShell, {
    beforeLoad: async (page) => {
      await page.route(/\/assets\/HistoryView-[^/]*\.js$/, (route) => {
        if (!refusing) return route.continue()
        refused.push(route.request().url())
        return route.abort('connectionreset')
      })
    },
  })
  await app.getByRole('button', { name: 'History' }).click()
  await app
    .getByRole('alert')
    .getByText(/This part of Standby could not be shown/)
    .waitFor()
  expect(refused.length).toBeGreaterThan(0)

  refusing = false
  await app.getByRole('button', { name: 'Try again' }).click()
  const heading = app.getByRole('heading', { level: 1, name: 'History' })
  await heading.waitFor()
  expect(await app.getByRole('alert').filter({ hasText: 'could not be shown' }).count()).toBe(0)
})

it('moves focus to a section’s heading once its chunk is in', async () => {
  const { expert, shell, open } = await world()
  const adaShell = await shell(expert('Ada Byron', ['react']))
  let release: () => void = () => {}
  const released = new Promise<void>((resolve) => (release = resolve))
  const app = await open(adaShell, {
    beforeLoad: async (page) => {
      await page.route(/\/assets\/StatsView-[^/]*\.js$/, async (route) => {
        await released
        await route.continue()
      })
    },
  })
  await app.getByRole('button', { name: 'My stats' }).click()
  await app.getByRole('status').getByText('Loading…').waitFor()
  release()
  const heading = app.getByRole('heading', { level: 1, name: 'My stats' })
  await heading.waitFor()
  await focusLandsOn(heading)
})
