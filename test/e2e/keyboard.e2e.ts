/**
 * The whole path with the keyboard alone: sign in, join an instant invite, start billing and end
 * with a discount. After each step focus is somewhere meaningful (never back on <body>), and
 * the next control is reached with Tab from there.
 */
import { expect, it } from 'vitest'
import type { Locator, Page } from 'playwright'
import { useE2e } from './support/fixture'
import { platformSessionOf } from './support/scenario'
import { focusLandsOn } from './support/waits'

const world = useE2e()

/** Press Tab until `target` has focus; fails if it is not reached within a window's worth of stops. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let stop = 0; stop < 60; stop++) {
    if (await target.evaluate((element) => element === document.activeElement)) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`Tab never reached ${String(target)}`)
}

/**
 * Resolves once the focused element's text (a field's: its label's) matches `text`; focus
 * dropped to <body> never does. Focus moves after a render or an answer, so this waits in the page.
 */
async function focusMovesTo(page: Page, text: RegExp): Promise<void> {
  await page.waitForFunction(
    ({ source, flags }) => {
      const active = document.activeElement
      if (active === null || active === document.body) return false
      const shown = (active instanceof HTMLInputElement ? active.closest('label') : active)?.textContent ?? ''
      return new RegExp(source, flags).test(shown)
    },
    { source: text.source, flags: text.flags },
  )
}

it('signs in, joins, starts billing and ends with a discount using only the keyboard', async () => {
  const { platform, expert, shell, open } = await world()
  const olu = platform.addClient('Olu Adeyemi')
  const ada = expert('Ada Byron', ['css'])
  const page = await open(await shell())
  await page.getByRole('heading', { name: 'Sign in to Standby' }).waitFor()

  await tabTo(page, page.getByRole('textbox', { name: 'Email' }))
  await page.keyboard.type(ada.email)
  await page.keyboard.press('Tab')
  await page.keyboard.type(ada.password)
  await page.keyboard.press('Enter')
  const invitesHeading = page.getByRole('heading', { name: 'Invites', level: 1 })
  await invitesHeading.waitFor()
  await focusMovesTo(page, /^Invites$/)

  const { request } = platform.server.marketplace.createRequest({
    clientId: olu,
    title: 'Grid layout collapses on Safari',
    kind: 'instant',
    direct: { expertId: ada.id, via: 'dashboard' },
  })
  const join = page.getByRole('button', { name: `Join now “${request.title}”` })
  await join.waitFor()
  await tabTo(page, join)
  await page.keyboard.press('Enter')
  await page.getByRole('heading', { name: 'Live session', level: 1 }).waitFor()
  await focusMovesTo(page, /^Live session$/)

  const live = page.getByRole('article', { name: request.title })
  platform.server.marketplace.clientJoin(platformSessionOf(platform, request.id).id)
  await live.getByText(/Olu Adeyemi joined at/).waitFor()
  await tabTo(page, live.getByRole('button', { name: 'Start billing' }))
  await page.keyboard.press('Enter')
  await live.getByText('Billing', { exact: true }).waitFor()
  await focusMovesTo(page, /^Billing/)

  await tabTo(page, live.getByRole('button', { name: 'End session…' }))
  await page.keyboard.press('Enter')
  // The panel opens on its first choice, Charge; the arrow moves to Discount.
  await focusMovesTo(page, /^Charge/)
  await page.keyboard.press('ArrowDown')
  expect(await live.getByRole('radio', { name: /Discount/ }).isChecked()).toBe(true)
  await tabTo(page, live.getByRole('spinbutton', { name: 'Discount percent' }))
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.type('30')
  await live.getByText(/, 30% off\.$/).waitFor()
  await tabTo(page, live.getByRole('button', { name: 'End session' }))
  await page.keyboard.press('Enter')

  await page.getByRole('heading', { name: 'History', level: 1 }).waitFor()
  await focusMovesTo(page, /^History$/)
  expect(platformSessionOf(platform, request.id)).toMatchObject({
    state: 'ended',
    outcome: { kind: 'discounted', percent: 30 },
  })
})

it('signs in from the popover by keyboard, and focus lands in what the popover shows', async () => {
  const { expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['css'])
  const popover = await open(await shell(), { popover: true })
  await popover.getByRole('heading', { name: 'Sign in to Standby' }).waitFor()
  await tabTo(popover, popover.getByRole('textbox', { name: 'Email' }))
  await popover.keyboard.type(ada.email)
  await popover.keyboard.press('Tab')
  await popover.keyboard.type(ada.password)
  await popover.keyboard.press('Enter')
  await popover.getByText('Nothing needs you right now').waitFor()
  await focusLandsOn(popover.locator('[aria-label="What needs you now"]'))
})
