/**
 * An invite's actions by keyboard alone: Tab reaches Join, Message client and Decline in the order
 * they are drawn, each with a visible focus ring; the focus stays on Join while pushes redraw the
 * card (a message from the client, another invite arriving above it), and when the invite's time
 * runs out under it the focus follows it to its row in Missed, not to the top of the window.
 */
import { expect, it } from 'vitest'
import type { Locator, Page } from 'playwright'
import { useE2e } from './support/fixture'
import { cachedInvite } from './support/scenario'
import { checkScreen } from './support/screens'
import { focusLandsOn } from './support/waits'

const world = useE2e()

/** Whether `target` draws a focus ring (an outline or a box shadow) while it has focus. */
function showsFocus(target: Locator): Promise<boolean> {
  return target.evaluate((element) => {
    const style = getComputedStyle(element)
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
    return outline || style.boxShadow !== 'none'
  })
}

it('reaches Join, Message client and Decline by Tab, keeps focus through pushes, and follows it to Missed once expired', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['react'])
  const running = await shell(ada)
  const page = await open(running)
  await page.getByRole('status').filter({ hasText: 'Online' }).waitFor()
  const client = platform.addClient('Mei Chen')
  const { request } = platform.server.marketplace.createRequest({
    clientId: client,
    title: 'Flaky upload form',
    kind: 'instant',
    direct: { expertId: ada.id, via: 'profile' },
  })
  await cachedInvite(running, request.id)
  const card = page.getByRole('article', { name: request.title })
  const join = card.getByRole('button', { name: `Join now “${request.title}”` })
  const message = card.getByRole('button', { name: 'Message client' })
  const decline = card.getByRole('button', { name: /^Decline/ })
  await join.waitFor()

  await page.locator('body').focus()
  const order: string[] = []
  for (let stop = 0; stop < 80 && order.length < 3; stop++) {
    await page.keyboard.press('Tab')
    for (const [name, control] of [
      ['join', join],
      ['message', message],
      ['decline', decline],
    ] as const)
      if (await control.evaluate((element) => element === document.activeElement)) {
        order.push(name)
        expect(await showsFocus(control)).toBe(true)
      }
  }
  expect(order).toEqual(['join', 'message', 'decline'])

  await join.focus()
  platform.server.marketplace.clientMessage(request.id, ada.id, 'Are you there?')
  platform.server.marketplace.createRequest({
    clientId: platform.addClient('Sam Okafor'),
    title: 'Second request',
    kind: 'instant',
    direct: { expertId: ada.id, via: 'profile' },
  })
  await page.getByRole('article', { name: 'Second request' }).waitFor()
  await card.getByText('1 unread', { exact: false }).waitFor()
  await focusLandsOn(join)

  const invite = await cachedInvite(running, request.id)
  platform.clock.advance(invite.expiresAt - platform.clock.now() + 1_000)
  // The invite moves to Missed: the focus follows it there, its row saying it expired.
  const row = page.getByRole('listitem').filter({ hasText: request.title })
  await row.getByText('Expired').waitFor()
  await focusLandsOn(row)
  expect(await showsFocus(row)).toBe(true)
  await checkScreen(page, 'invite-expired-focus')
})

it('follows a withdrawn invite to Missed from a reason of its open Decline, and keeps the popover’s focus in it', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['react'])
  const running = await shell(ada)
  const pages = [await open(running), await open(running, { popover: true })]
  const { request } = platform.server.marketplace.createRequest({
    clientId: platform.addClient('Mei Chen'),
    title: 'Flaky upload form',
    kind: 'instant',
    direct: { expertId: ada.id, via: 'profile' },
  })
  await cachedInvite(running, request.id)
  for (const page of pages) {
    const decline = page
      .getByRole('article', { name: request.title })
      .getByRole('button', { name: /^Decline/ })
    await decline.focus()
    await page.keyboard.press('Enter')
    await focusLandsOn(page.getByRole('group'), { within: true })
  }

  platform.server.marketplace.withdrawRequest(request.id)
  const [window, popover] = pages as [Page, Page]
  const row = window.getByRole('listitem').filter({ hasText: request.title })
  await focusLandsOn(row)
  await popover.getByRole('article', { name: request.title }).waitFor({ state: 'detached' })
  await popover.waitForFunction(
    () => document.activeElement !== document.body && document.activeElement !== null,
  )
})
