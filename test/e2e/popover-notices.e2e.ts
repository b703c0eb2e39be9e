/**
 * Many notices at once in the tray popover: they stand with its footer below the cards, and
 * every card's button the keyboard reaches is in view and under the pointer, not behind them.
 */
import { expect, it } from 'vitest'
import { busyDay, MINUTE } from './support/busy-day'
import { useE2e } from './support/fixture'
import { checkScreen } from './support/screens'

const world = useE2e()

/**
 * The buttons in `main` that, once focused, lie under something else, and how many notices were up
 * meanwhile: in one go in the page, as notices fade on the page's own timer.
 */
function hiddenWhenFocused(main: HTMLElement): { notices: number; hidden: string[] } {
  const hidden = [...main.querySelectorAll('button')].filter((button) => {
    button.focus()
    const box = button.getBoundingClientRect()
    return !button.contains(document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2))
  })
  const notices = document.querySelectorAll('[role="status"][aria-label="Notices"] > *').length
  return {
    notices,
    hidden: hidden.map((button) => button.getAttribute('aria-label') ?? button.textContent ?? ''),
  }
}

it('keeps every card’s button in view above the notices when many come at once', async () => {
  const { platform, adaShell, ada, marketplace, open } = await busyDay(world)
  const popover = await open(adaShell, { popover: true })
  const client = platform.addClient('Lena Park')
  const titles = ['Slow query', 'Broken build', 'Flaky test', 'Lost commit', 'Odd warning']
  for (const title of titles) {
    marketplace.createRequest({
      clientId: client,
      title,
      kind: 'instant',
      direct: { expertId: ada.id, via: 'profile' },
    })
  }
  for (const title of titles) await popover.getByRole('article', { name: title }).waitFor()
  // The instant invites expire together: a notice each, as many as the window shows at once.
  platform.clock.advance(6 * MINUTE)
  const notices = popover.getByRole('status', { name: 'Notices' })
  await expect.poll(() => notices.getByText(/^Expired: /).count()).toBe(4)

  const main = popover.getByRole('main', { name: 'What needs you now' })
  const seen = await main.evaluate(hiddenWhenFocused)
  expect(seen.notices).toBeGreaterThan(2)
  expect(seen.hidden).toEqual([])
  await checkScreen(popover, 'popover-notices')
})
