/**
 * A scheduled request with three proposed times: the expert books the second; it shows in
 * Upcoming at that time in local time; Start stays disabled until the window opens 10 minutes
 * before (time moved by the shared ManualClock), then is enabled and starts the session. Add to
 * calendar downloads the session as an .ics file with its room.
 */
import { readFile } from 'node:fs/promises'
import { expect, it } from 'vitest'
import { utcDateTime } from '../../src/shared/calendar/ics'
import { START_WINDOW_BEFORE_MS } from '../../src/shared/rules/session-timing'
import { pageDayTime, pageTime } from './support/harness'
import { useE2e } from './support/fixture'
import { focusLandsOn } from './support/waits'
import { checkScreen } from './support/screens'

const world = useE2e()
const HOUR = 3_600_000
const MINUTE = 60_000

it('books the second proposed time, lists it in local time, and enables Start when the window opens', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['sql'])
  const client = platform.addClient('Priya Natarajan')
  const page = await open(await shell(ada))
  const start = platform.clock.now()
  const times = [start + 2 * HOUR, start + 3 * HOUR, start + 4 * HOUR]
  const { request } = platform.server.marketplace.createRequest({
    clientId: client,
    title: 'Query plan for a slow report',
    description: 'A monthly report takes 40 s; I would like to understand the plan.',
    kind: 'scheduled',
    proposedTimes: times,
    expectedDurationMinutes: 45,
    direct: { expertId: ada.id, via: 'dashboard' },
  })

  const card = page.getByRole('article', { name: request.title })
  await card.waitFor()
  expect(await card.textContent()).toContain('Scheduled')
  expect(await card.textContent()).toContain('Direct request from a client’s dashboard')
  for (const time of times) await card.getByText(pageDayTime(time)).waitFor()
  await checkScreen(page, 'invite-scheduled')

  const second = times[1]!
  // By keyboard: focus the button and press Enter.
  await card.getByRole('button', { name: `Book ${pageDayTime(second)}` }).focus()
  await page.keyboard.press('Enter')
  await card.waitFor({ state: 'detached' })
  // The card and its button are gone: focus moves to the section's heading, not to the page.
  await focusLandsOn(page.getByRole('heading', { name: 'Invites', level: 1 }))

  await page.getByRole('button', { name: /^Upcoming/ }).click()
  const row = page.getByRole('article', { name: request.title })
  await row.waitFor()
  const time = row.locator('time.session-time')
  expect(await time.getAttribute('datetime')).toBe(new Date(second).toISOString())
  expect(await time.textContent()).toBe(pageTime(second))

  const startButton = row.getByRole('button', { name: `Start “${request.title}”` })
  const opensAt = second - START_WINDOW_BEFORE_MS
  expect(await startButton.isDisabled()).toBe(true)
  expect(await row.textContent()).toContain(`Opens at ${pageTime(opensAt)}`)
  await checkScreen(page, 'upcoming')

  // Add to calendar: the browser shell has no calendar app, so the page downloads the .ics file.
  const downloaded = page.waitForEvent('download')
  await row.getByRole('button', { name: `Add to calendar “${request.title}”` }).click()
  const download = await downloaded
  expect(download.suggestedFilename()).toMatch(/^standby-session-.+\.ics$/)
  const ics = await readFile(await download.path(), 'utf8')
  expect(ics).toContain(`DTSTART:${utcDateTime(second)}\r\n`)
  expect(ics).toContain('TRIGGER:-PT10M\r\n')
  expect(ics).toMatch(/\r\nURL:http:\/\/127\.0\.0\.1:\d+\/rooms\//)
  await row.getByRole('status').getByText(`Downloaded ${download.suggestedFilename()}`).waitFor()

  // One minute before the window: the page has seen the new time (its countdown says so), and
  // Start is still disabled.
  platform.clock.advanceTo(opensAt - MINUTE)
  await row.getByText('Starts in 11:00').waitFor()
  expect(await startButton.isDisabled()).toBe(true)

  // The page reads the platform's time on its own once-a-second tick: its countdown says when it
  // has, and a poll bounded by wall time would race that tick.
  platform.clock.advanceTo(opensAt)
  await row.getByText('Starts in 10:00').waitFor()
  expect(await startButton.isEnabled()).toBe(true)
  await startButton.click()
  await page.getByRole('heading', { name: 'Live session' }).waitFor()
  await page
    .getByRole('article', { name: request.title })
    .getByText('Waiting for Priya Natarajan to join…')
    .waitFor()
})
