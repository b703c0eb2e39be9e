/**
 * A client whose name is one unbroken run of the longest a name may be: History's Client filter,
 * which offers every client by name, keeps to the window at its opening width, so the section does
 * not scroll sideways and the filter's own edge and arrow are on screen.
 */
import { expect, it } from 'vitest'
import { useE2e } from './support/fixture'
import { endedSessions } from './support/scenario'

const world = useE2e()

it('keeps History’s Client filter within the window when a client’s name is 200 letters without a space', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['web'])
  const adaShell = await shell(ada)
  const client = `Sam${'O'.repeat(197)}`
  await endedSessions(platform, adaShell, ada.id, [{ title: 'Webpack build hangs at 92%', client }])

  const page = await open(adaShell)
  await page.getByRole('button', { name: 'History' }).click()
  const filter = page.getByRole('combobox', { name: 'Client' })
  await filter.getByRole('option', { name: client }).waitFor({ state: 'attached' })
  const box = (await filter.boundingBox())!
  expect(box.x).toBeGreaterThanOrEqual(0)
  expect(box.x + box.width).toBeLessThanOrEqual(page.viewportSize()!.width)
  const section = page.getByRole('main')
  expect(await section.evaluate((main) => main.scrollWidth <= main.clientWidth)).toBe(true)
})
