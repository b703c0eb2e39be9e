/**
 * An attachment's Open that the host refuses says so under the list: a press that does nothing
 * would leave the expert guessing whether the browser is slow or the link is broken.
 */
import { expect, it } from 'vitest'
import { useE2e } from './support/fixture'
import { pressesReachOnlyTheHost } from './support/shell-hooks'

const world = useE2e()

it('tells the expert when an attachment could not be opened, and what to do', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['react'])
  const client = platform.addClient('Sam Okafor')
  const page = await open(await shell(ada))
  await page.getByRole('status').filter({ hasText: 'Online' }).waitFor()
  const { request } = platform.server.marketplace.createRequest({
    clientId: client,
    title: 'Flaky upload form',
    description: 'The upload fails for files over 2 MB.',
    kind: 'instant',
    tags: ['react'],
    fanOut: 1,
    attachments: [
      {
        name: 'trace.har',
        sizeBytes: 90_000,
        mimeType: 'application/json',
        url: 'https://files.example.test/t.har',
      },
    ],
  })
  const card = page.getByRole('article', { name: request.title })
  const openLink = card.getByRole('link', { name: 'Open trace.har on files.example.test' })
  await openLink.waitFor()
  await pressesReachOnlyTheHost(page, 'a.attachment-open')

  // The host opens ten in a burst at a page's request, then refuses: the eleventh is told.
  const alert = card.getByRole('alert')
  for (let press = 1; press <= 10; press++) await openLink.click()
  expect(await alert.count()).toBe(0)
  await openLink.click()
  await alert.waitFor()
  expect(await alert.textContent()).toMatch(
    /^Could not open the attachment: .*Wait a few seconds, then try again\.$/,
  )
})
