/**
 * History's search, filters and private notes in Chromium: a search shows only the matching rows,
 * the kind filter narrows to nothing and offers to clear, and a note added from a row is found
 * by the search. A note saved offline is refused with a sentence and its text kept until it saves.
 * Each screen is axe-checked.
 */
import { expect, it } from 'vitest'
import { useE2e } from './support/fixture'
import { driveUntil } from './support/harness'
import { bookThroughApp, endedSessions } from './support/scenario'
import { checkScreen } from './support/screens'
import { focusLandsOn, showsOnly } from './support/waits'

const world = useE2e()
const HOUR = 3_600_000

it('searches History, filters it by kind, and finds a private note added from a row', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['web'])
  const adaShell = await shell(ada)
  const titles = ['Webpack build hangs at 92%', 'Postgres deadlock on upsert', 'Docker volume permissions']
  const clients = ['Sam Okafor', 'Priya Natarajan', 'Jonas Lind']
  await endedSessions(
    platform,
    adaShell,
    ada.id,
    titles.map((title, i) => ({ title, client: clients[i]! })),
  )

  const page = await open(adaShell)
  await page.getByRole('button', { name: 'History' }).click()
  const list = page.getByRole('list', { name: 'Past sessions' })
  await showsOnly(list, titles)

  // Each check below asks for other rows than the last answer's: the rows a search leaves on
  // screen until the next answer cannot pass for that answer.
  const search = page.getByRole('searchbox', { name: 'Search' })
  await search.fill('postgres')
  await showsOnly(list, ['Postgres deadlock on upsert'])
  // A client's name finds their session.
  await search.fill('jonas')
  await showsOnly(list, ['Docker volume permissions'])
  await checkScreen(page, 'history-search')

  await search.fill('')
  await showsOnly(list, titles)
  const kind = page.getByRole('combobox', { name: 'Kind' })
  const noneMatch = page.getByText('No past sessions match')
  await kind.selectOption('scheduled')
  await noneMatch.waitFor()
  await checkScreen(page, 'history-filtered-empty')
  // From none shown, the three rows can only be the instant filter's answer.
  await kind.selectOption('instant')
  await showsOnly(list, titles)
  await kind.selectOption('scheduled')
  await noneMatch.waitFor()
  await page.getByRole('status').getByRole('button', { name: 'Clear filters' }).click()
  await showsOnly(list, titles)

  await list.getByRole('button', { name: 'Add note on “Docker volume permissions”' }).click()
  const note = page.getByRole('textbox', { name: 'Private note on “Docker volume permissions”' })
  await focusLandsOn(note)
  await note.fill('Send the invoice by hand')
  await checkScreen(page, 'history-note')
  await page.getByRole('button', { name: 'Save note' }).click()
  await note.waitFor({ state: 'detached' })
  await list.getByRole('button', { name: 'Note on “Docker volume permissions”' }).waitFor()

  await search.fill('invoice')
  await showsOnly(list, ['Docker volume permissions'])
  const stored = platform.server.marketplace.db
    .prepare<[], { private_note: string }>(`SELECT private_note FROM sessions WHERE private_note != ''`)
    .all()
  expect(stored).toEqual([{ private_note: 'Send the invoice by hand' }])
})

it('refuses to save a note offline, saying why beside Save, keeps the text through closing, and saves it once online', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['linux'])
  const adaShell = await shell(ada)
  await adaShell.waitForConnection((state) => state.status === 'online')
  const title = 'Docker build cache keeps missing'
  const session = await bookThroughApp(platform, adaShell, {
    clientId: platform.addClient('Jonas Lind'),
    expertId: ada.id,
    title,
    bookedAt: platform.clock.now() + 2 * HOUR,
    via: 'profile',
  })
  const page = await open(adaShell)
  await page.getByRole('button', { name: /^Upcoming/ }).click()
  const card = page.getByRole('article', { name: title })
  await card.waitFor()

  await platform.stopServer()
  await driveUntil(platform, adaShell, 'offline')
  await card.getByRole('button', { name: `Add private note on “${title}”` }).click()
  const note = card.getByRole('textbox', { name: `Private note on “${title}”` })
  await note.fill('Ask for the Dockerfile first')
  // Save refuses while the platform is away, focusable still, and says why beside it.
  const save = card.getByRole('button', { name: 'Save note' })
  await card.getByText(/^Offline · this needs the platform\. .*try again once it is online/).waitFor()
  expect(await save.getAttribute('aria-disabled')).toBe('true')
  await save.focus()
  await page.keyboard.press('Enter')
  expect(await save.getAttribute('aria-busy')).toBe('false')
  expect(await note.inputValue()).toBe('Ask for the Dockerfile first')
  await checkScreen(page, 'note-offline')

  await note.press('Escape')
  await note.waitFor({ state: 'detached' })
  await card.getByRole('button', { name: `Add private note on “${title}”` }).click()
  expect(await note.inputValue()).toBe('Ask for the Dockerfile first')

  await platform.startServer()
  await driveUntil(platform, adaShell, 'online')
  await card.getByText(/^Offline · this needs the platform/).waitFor({ state: 'detached' })
  await save.click()
  await card.getByText('Ask for the Dockerfile first').waitFor()
  await card.getByRole('button', { name: `Edit note on “${title}”` }).waitFor()
  expect(platform.server.marketplace.store.session(session.id).privateNote).toBe(
    'Ask for the Dockerfile first',
  )
})
