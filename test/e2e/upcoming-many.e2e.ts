/**
 * An expert with more sessions booked than the window lists: Upcoming shows the soonest and says
 * later ones are booked too, instead of ending as if those were all.
 */
import { expect, it } from 'vitest'
import { UPCOMING_SESSIONS_LISTED } from '../../src/shared/ipc/list-limits'
import { bookScheduled } from '../support/booking'
import { useE2e } from './support/fixture'
import { frameAlive } from './support/waits'

const world = useE2e()
const MINUTE = 60_000

it('says later sessions are booked when the expert has more than Upcoming lists', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['sql'])
  const clientId = platform.addClient('Sam Okafor')
  for (let n = 0; n <= UPCOMING_SESSIONS_LISTED; n++) {
    const start = platform.clock.now() + (60 + 30 * n) * MINUTE
    bookScheduled(platform, { expertId: ada.id, clientId, title: `Report query ${n + 1}`, start })
  }
  const running = await shell(ada)

  const page = await open(running)
  await frameAlive(page)
  await page.getByRole('button', { name: /^Upcoming/ }).click()
  const note = page.getByText(
    `Only your next ${UPCOMING_SESSIONS_LISTED} sessions are shown here. You have more booked after these.`,
  )
  await note.waitFor()
  // The list holds the soonest it lists, drawn a window at a time (upcoming-window.e2e.ts scrolls it).
  const first = page.getByRole('list', { name: 'Booked sessions' }).getByRole('listitem').first()
  expect(await first.getAttribute('aria-setsize')).toBe(String(UPCOMING_SESSIONS_LISTED))
  expect(
    await page.getByRole('article', { name: `Report query ${UPCOMING_SESSIONS_LISTED + 1}` }).count(),
  ).toBe(0)
  await page.getByRole('button', { name: `Upcoming more than ${UPCOMING_SESSIONS_LISTED}` }).waitFor()
})
