/**
 * An attachment's Open that the host refuses says so under the list: a press that does nothing
 * would leave the expert guessing whether the browser is slow or the link is broken. Each press
 * reaches the host, also one made while an earlier open is still on its way.
 */
import { expect, it } from 'vitest'
import type { Attachment } from '../../src/shared/protocol/entities'
import { useE2e } from './support/fixture'
import { holdAnswer } from './support/ipc-route'
import { inviteWithAttachments } from './support/scenario'
import { nextOpened, pressesReachOnlyTheHost } from './support/shell-hooks'

const world = useE2e()

const file = (name: string, path: string): Attachment => ({
  name,
  sizeBytes: 90_000,
  mimeType: 'application/json',
  url: `https://files.example.test/${path}`,
})

it('tells the expert when an attachment could not be opened, and what to do', async () => {
  const { page, card } = await inviteWithAttachments(await world(), [file('trace.har', 't.har')])
  await pressesReachOnlyTheHost(page, 'a.attachment-open')
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
  const { ada, page, card } = await inviteWithAttachments(
    await world(),
    [file('trace.har', 't.har'), file('console.log', 'c.log')],
    { beforeLoad: hold.beforeLoad },
  )
  await pressesReachOnlyTheHost(page, 'a.attachment-open')
  await card.getByRole('link', { name: 'Open trace.har on files.example.test' }).click()
  // The host has opened the first; the page has not heard so yet.
  await hold.held
  const opened = nextOpened(ada)
  await card.getByRole('link', { name: 'Open console.log on files.example.test' }).click()
  expect(await opened).toBe('https://files.example.test/c.log')
  hold.release()
})
