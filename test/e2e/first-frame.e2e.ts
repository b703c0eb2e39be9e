/**
 * The window's first frame comes from the host: the HTML already shows the cached invite, and
 * React takes it over (hydrates) without redrawing, so every control works. A browser in another
 * time zone than the host gets a redraw in its own zone instead, never the host's times.
 */
import type { Page } from 'playwright'
import { expect, it } from 'vitest'
import { LOCALE, pageDayTime } from './support/harness'
import { useE2e, type E2eWorld } from './support/fixture'
import { cachedInvite } from './support/scenario'
import { frameAlive } from './support/waits'

const world = useE2e()
const HOUR = 3_600_000
/** The zone this machine (and so the host's pre-render) writes times in. */
const HOST_ZONE = new Intl.DateTimeFormat().resolvedOptions().timeZone
/** A zone that is not the host's, on any machine. */
const OTHER_ZONE = HOST_ZONE === 'Asia/Tokyo' ? 'America/Sao_Paulo' : 'Asia/Tokyo'

/**
 * Before `tab` loads the page: the page's `standby:interactive` mark (the UI bench's figure) fires
 * an event on the document as it is made, so a test sees the page as it was at that moment.
 */
async function announceInteractive(tab: Page): Promise<void> {
  await tab.addInitScript(() => {
    const mark = performance.mark.bind(performance)
    performance.mark = (name, options) => {
      if (name === 'standby:interactive') document.dispatchEvent(new Event('standby-interactive'))
      return mark(name, options)
    }
  })
}

it('paints the cached invite from the host’s HTML and hydrates it; another time zone gets its own times', async () => {
  const here = await world()
  // Markup in a client's text must stay text, in the markup and in the data block.
  const { app, request, proposed } = await cachedInviteAt(here, 'Index advice </script><b>not bold</b>')
  const { open } = here

  // The page as the host sends it already holds the invite, with times in the host's zone.
  const html = await fetch(app.shell.url, { headers: { 'accept-language': LOCALE } }).then((r) => r.text())
  const root = html.slice(html.indexOf('<div id="root" inert>'), html.indexOf('</body>'))
  expect(root).toContain('Index advice &lt;/script&gt;&lt;b&gt;not bold&lt;/b&gt;')
  expect(root).toContain(pageDayTime(proposed, HOST_ZONE))
  expect(html).not.toContain('</script><b>')

  // Same zone as the host: React takes the frame over as it is.
  const page = await open(app, { timeZone: HOST_ZONE })
  await page.locator('html[data-first-frame="hydrated"]').waitFor({ state: 'attached' })
  const card = page.getByRole('article', { name: request.title })
  await card.getByText(pageDayTime(proposed, HOST_ZONE)).waitFor()
  // The controls work: the frame is live, not a picture of one.
  await card.getByRole('button', { name: 'Message client' }).click()
  await card.getByRole('button', { name: 'Hide messages' }).waitFor()
  await page.getByRole('button', { name: /^Upcoming/ }).click()
  await page.getByRole('heading', { name: 'Upcoming', level: 1 }).waitFor()
  // Alive: no longer inert. React never had to redraw the frame (it marks <html> when it does).
  expect(await page.locator('#root').getAttribute('inert')).toBeNull()
  // The shell's secret came in the address; the page keeps it in the session, not in the address.
  expect(page.url()).toBe(`${app.shell.origin}/`)
  expect(await page.locator('html').getAttribute('data-first-frame')).toBe('hydrated')

  // Another zone: the data is reused but the page draws its own times.
  const elsewhere = await open(app, { timeZone: OTHER_ZONE })
  await elsewhere.locator('html[data-first-frame="redrawn"]').waitFor({ state: 'attached' })
  await elsewhere
    .getByRole('article', { name: request.title })
    .getByText(pageDayTime(proposed, OTHER_ZONE))
    .waitFor()
})

it('hydrates a frame whose year is the platform’s, not the computer’s: a day this year shows none', async () => {
  const here = await world()
  const { platform, open } = here
  // The platform's time years from the computer's: the year the page writes days without is the platform's.
  platform.clock.step(Date.UTC(2031, 5, 2, 9, 0) - platform.clock.now())
  const { app, request, proposed } = await cachedInviteAt(here, 'Index advice')

  const page = await open(app, { timeZone: HOST_ZONE })
  const card = page.getByRole('article', { name: request.title })
  await card.getByText(pageDayTime(proposed, HOST_ZONE, platform.clock.now())).waitFor()
  expect(pageDayTime(proposed, HOST_ZONE, platform.clock.now())).not.toContain('2031')
  // The text above is the host's frame, on screen before any script runs: what React made of it is
  // known once the frame is alive.
  await frameAlive(page)
  expect(await page.locator('html').getAttribute('data-first-frame')).toBe('hydrated')
})

it('says it responds to input only once the hydrated frame takes clicks', async () => {
  // What the frame was like at the moment the page marked itself interactive (the UI bench's figure).
  const page = await openWatchingInteractive(() =>
    document.addEventListener('standby-interactive', () => {
      document.documentElement.dataset['inertWhenInteractive'] = String(
        document.getElementById('root')?.hasAttribute('inert'),
      )
    }),
  )
  await page.locator('html[data-inert-when-interactive]').waitFor({ state: 'attached' })
  expect(await page.locator('html').getAttribute('data-first-frame')).toBe('hydrated')
  expect(await page.locator('html').getAttribute('data-inert-when-interactive')).toBe('false')
})

it('opens the section a click asks for at the moment the window takes input, before React has the sidebar', async () => {
  // The click comes right after the commit that marks the window interactive, in the same task:
  // the sidebar is still the host's markup then, which React takes over after the commit.
  const page = await openWatchingInteractive(() =>
    document.addEventListener('standby-interactive', () =>
      queueMicrotask(() => {
        const upcoming = document.querySelector<HTMLButtonElement>('.nav-upcoming')
        const hydrated = upcoming !== null && Object.keys(upcoming).some((key) => key.startsWith('__react'))
        document.documentElement.dataset['sidebarHydratedWhenClicked'] = String(hydrated)
        upcoming?.click()
      }),
    ),
  )
  await page.getByRole('heading', { name: 'Upcoming', level: 1 }).waitFor()
  expect(await page.locator('html').getAttribute('data-sidebar-hydrated-when-clicked')).toBe('false')
  expect(await page.locator('html').getAttribute('data-first-frame')).toBe('hydrated')
})

/** A signed-in shell whose cache holds an invite titled `title`, proposing a time five hours on. */
async function cachedInviteAt({ platform, expert, shell }: E2eWorld, title: string) {
  const ada = expert('Ada Byron', ['sql'])
  const client = platform.addClient('Priya Natarajan')
  const app = await shell(ada)
  await app.waitForConnection((state) => state.status === 'online')
  const proposed = platform.clock.now() + 5 * HOUR
  const { request } = platform.server.marketplace.createRequest({
    clientId: client,
    title,
    description: 'Which index makes the nightly export fast?',
    kind: 'scheduled',
    proposedTimes: [proposed],
    expectedDurationMinutes: 30,
    direct: { expertId: ada.id, via: 'profile' },
  })
  await cachedInvite(app, request.id)
  return { app, request, proposed }
}

/** A signed-in window in the host's zone, with `watch` run in it before its own scripts (it sees the mark's event). */
async function openWatchingInteractive(watch: () => void): Promise<Page> {
  const { expert, shell, open } = await world()
  const app = await shell(expert('Ada Byron', ['sql']))
  await app.waitForConnection((state) => state.status === 'online')
  return open(app, {
    timeZone: HOST_ZONE,
    beforeLoad: async (tab) => {
      await announceInteractive(tab)
      await tab.addInitScript(watch)
    },
  })
}
