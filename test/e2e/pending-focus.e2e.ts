/**
 * Keyboard focus while a command is on its way and after it fails: the control the expert pressed
 * (or the form's submit button, for Enter in a field) keeps the focus, busy, while the form's
 * fields wait; a refusal is told beside it and Enter there tries again. Focus never drops to
 * <body>, where a keyboard or screen-reader user would start again from the top of the window.
 */
import { expect, it } from 'vitest'
import type { Locator, Page } from 'playwright'
import { useE2e } from './support/fixture'
import { pageDayTime } from './support/harness'
import { routeIpc, type RoutedSocket } from './support/ipc-route'
import { joinDirectInstant, platformSessionOf } from './support/scenario'

const world = useE2e()
const HOUR = 3_600_000
const MINUTE = 60_000

/** A command call the test holds instead of the shell, and answers itself. */
interface HeldCall {
  readonly id: number
  readonly socket: RoutedSocket
}

/** Holds the first call on `channel` (and only it); later ones reach the shell. */
function holdFirst(channel: string): {
  beforeLoad: (page: Page) => Promise<void>
  /** Resolves with the call once the page has made it. */
  held: Promise<HeldCall>
} {
  let seen = false
  let hold: (call: HeldCall) => void = () => undefined
  const held = new Promise<HeldCall>((resolve) => (hold = resolve))
  return {
    beforeLoad: routeIpc({
      fromPage: (call, socket) => {
        if (call.channel !== channel || seen) return true
        seen = true
        hold({ id: call.id, socket })
        return false
      },
    }),
    held,
  }
}

/** Answer a held command as the platform's refusal would come back. */
function refuse(call: HeldCall, message: string): void {
  call.socket.toPage(
    JSON.stringify({
      id: call.id,
      result: { ok: true, value: { ok: false, error: { code: 'offline', message } } },
    }),
  )
}

/** Whether `target` has the keyboard focus. */
function focused(target: Locator): Promise<boolean> {
  return target.evaluate((element) => element === document.activeElement)
}

it('keeps the focus on a pressed Book while the booking is on its way, and on it after a refusal', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['sql'])
  const client = platform.addClient('Priya Natarajan')
  const hold = holdFirst('invites.accept')
  const page = await open(await shell(ada), { beforeLoad: hold.beforeLoad })
  const second = platform.clock.now() + 3 * HOUR
  const { request } = platform.server.marketplace.createRequest({
    clientId: client,
    title: 'Query plan for a slow report',
    kind: 'scheduled',
    proposedTimes: [second - HOUR, second],
    expectedDurationMinutes: 45,
    direct: { expertId: ada.id, via: 'dashboard' },
  })
  const card = page.getByRole('article', { name: request.title })
  const book = card.getByRole('button', { name: `Book ${pageDayTime(second)}` })
  await book.focus()
  await page.keyboard.press('Enter')
  const call = await hold.held
  await card.getByRole('button', { name: 'Booking…' }).waitFor()
  expect(await focused(card.getByRole('button', { name: 'Booking…' }))).toBe(true)

  refuse(call, 'Standby is not connected to the platform, so nothing was sent.')
  await card
    .getByRole('alert')
    .getByText(/^Could not book: Standby is not connected/)
    .waitFor()
  expect(await focused(book)).toBe(true)

  // Enter again, where the focus is, books it.
  await page.keyboard.press('Enter')
  await card.waitFor({ state: 'detached' })
  expect(platformSessionOf(platform, request.id).bookedStart).toBe(second)
})

it('keeps the focus in the end panel when Enter in the discount field sends it, and after a refusal', async () => {
  const hold = holdFirst('sessions.end')
  const { platform, page, request, live } = await joinDirectInstant(
    await world(),
    'Grid layout collapses on Safari',
    { beforeLoad: hold.beforeLoad },
  )
  platform.server.marketplace.clientJoin(platformSessionOf(platform, request.id).id)
  await live.getByRole('button', { name: 'Start billing' }).click()
  await live.getByText('Billing', { exact: true }).waitFor()
  platform.clock.advance(12 * MINUTE)
  await live.getByRole('button', { name: 'End session…' }).click()
  const percent = live.getByRole('spinbutton', { name: 'Discount percent' })
  await percent.focus()
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.type('30')
  await live.getByText(/, 30% off\.$/).waitFor()
  await page.keyboard.press('Enter')

  const call = await hold.held
  const ending = live.getByRole('button', { name: 'Ending…' })
  await ending.waitFor()
  expect(await focused(ending)).toBe(true)

  refuse(call, 'The connection dropped while sending; the action may or may not have happened.')
  await live
    .getByRole('alert')
    .getByText(/^Could not end the session: the connection dropped/)
    .waitFor()
  const end = live.getByRole('button', { name: 'End session', exact: true })
  expect(await focused(end)).toBe(true)
  // What the expert chose is still there to send again.
  expect(await percent.inputValue()).toBe('30')

  await page.keyboard.press('Enter')
  await page.getByRole('heading', { name: 'History', level: 1 }).waitFor()
  expect(platformSessionOf(platform, request.id)).toMatchObject({
    state: 'ended',
    outcome: { kind: 'discounted', percent: 30 },
  })
})
