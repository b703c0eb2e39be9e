/** Loading the window asks the shell for nothing it does not have: the icon included. */
import { expect, it } from 'vitest'
import { useE2e } from './support/fixture'

const world = useE2e()

it('loads the window without a failed request, and declares an icon the shell serves', async () => {
  const { expert, shell, open } = await world()
  const adaShell = await shell(expert('Ada Byron', ['react']))
  const failed: string[] = []
  const page = await open(adaShell, {
    beforeLoad: async (tab) => {
      tab.on('response', (response) => {
        if (response.status() >= 400) failed.push(`${response.status()} ${new URL(response.url()).pathname}`)
      })
    },
  })
  await page.getByRole('heading', { name: 'Invites', level: 1 }).waitFor()
  const declared = await page.locator('link[rel="icon"]').getAttribute('href')
  // Where the page says its icon is, and where browsers look when a page says nothing.
  for (const path of [declared!, '/favicon.ico']) {
    const icon = await page.request.get(new URL(path, adaShell.shell.origin).toString())
    expect(icon.status()).toBe(200)
    expect(icon.headers()['content-type']).toBe('image/x-icon')
  }
  expect(failed).toEqual([])
})
