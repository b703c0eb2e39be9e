/**
 * An attachment served from a very long host name (a client's own storage, or one made long to
 * push the layout) at the window's opening width: its row keeps to the card, the host is cut at
 * its start, its Open link is on screen, and the file's name keeps room enough to be read.
 */
import { expect, it } from 'vitest'
import { useE2e } from './support/fixture'
import { sidewaysOverflows } from './support/screens'

const world = useE2e()

it('keeps an attachment from a very long host within the window, its name readable and Open on screen', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['react'])
  const page = await open(await shell(ada))
  const name = 'production-error-screenshot.png'
  const { request } = platform.server.marketplace.createRequest({
    clientId: platform.addClient('Mei Chen'),
    title: 'Blank page after deploy',
    kind: 'instant',
    direct: { expertId: ada.id, via: 'dashboard' },
    attachments: [
      {
        name,
        sizeBytes: 2 ** 40,
        mimeType: 'image/png',
        url: `https://${'cdn-edge-cache.'.repeat(40)}files.example.test/${'p'.repeat(1_000)}.png`,
      },
    ],
  })

  const attachment = page.getByRole('article', { name: request.title }).getByRole('listitem')
  const link = attachment.getByRole('link', { name: /^Open production-error-screenshot\.png on / })
  await link.waitFor()
  expect(await sidewaysOverflows(page)).toEqual([])
  const width = page.viewportSize()!.width
  const openBox = (await link.boundingBox())!
  expect(openBox.x + openBox.width).toBeLessThanOrEqual(width)
  // The name is not cut to a letter or two: the box it is written in holds all of it.
  const shown = attachment.getByText(name, { exact: true })
  expect(await shown.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true)
})
