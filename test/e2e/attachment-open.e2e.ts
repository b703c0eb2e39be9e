/**
 * An attachment's Open that the host refuses says so under the list: a press that does nothing
 * would leave the expert guessing whether the browser is slow or the link is broken. Each press
 * reaches the host, also one made while an earlier open is still on its way.
 */
import type { Locator, Page } from 'playwright'
import { expect, it } from 'vitest'
import type { Attachment } from '../../src/shared/protocol/entities'
import { useE2e } from './support/fixture'
import type { TestShell } from './support/harness'
import { holdAnswer } from './support/ipc-route'
import { nextOpened, pressesReachOnlyTheHost } from './support/shell-hooks'

const world = useE2e()

const file = (name: string, path: string): Attachment => ({
  name,
  sizeBytes: 90_000,
  mimeType: 'application/json',
  url: `https://files.example.test/${path}`,
})

/** Ada's window, online, and the card of an instant request carrying `attachments`. */
async function cardWith(
  attachments: Attachment[],
  beforeLoad?: (page: Page) => Promise<void>,
): Promise<{ ada: TestShell; card: Locator }> {
  const { platform, expert, shell, open } = await world()
  const ada = await shell(expert('Ada Byron', ['react']))
  const client = platform.addClient('Sam Okafor')
  const page = await open(ada, beforeLoad === undefined ? undefined : { beforeLoad })
  await page.getByRole('status').filter({ hasText: 'Online' }).waitFor()
  const { request } = platform.server.marketplace.createRequest({
    clientId: client,
    title: 'Flaky upload form',
    description: 'The upload fails for files over 2 MB.',
    kind: 'instant',
    tags: ['react'],
    fanOut: 1,
    attachments,
  })
  const card = page.getByRole('article', { name: request.title })
  await card.getByRole('link').first().waitFor()
  await pressesReachOnlyTheHost(page, 'a.attachment-open')
  return { ada, card }
}

it('tells the expert when an attachment could not be opened, and what to do', async () => {
  const { card } = await cardWith([file('trace.har', 't.har')])
  const openLink = card.getByRole('link', { name: 'Open trace.har on files.example.test' })

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

it('opens the next attachment pressed while the one pressed before is still on its way', async () => {
  const hold = holdAnswer('shell.openExternal')
  const { ada, card } = await cardWith(
    [file('trace.har', 't.har'), file('console.log', 'c.log')],
    hold.beforeLoad,
  )
  await card.getByRole('link', { name: 'Open trace.har on files.example.test' }).click()
  // The host has opened the first; the page has not heard so yet.
  await hold.held
  const opened = nextOpened(ada)
  await card.getByRole('link', { name: 'Open console.log on files.example.test' }).click()
  expect(await opened).toBe('https://files.example.test/c.log')
  hold.release()
})
