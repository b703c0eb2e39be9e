/**
 * History's search in Chromium for what the word index cannot hold: an emoji finds only the rows
 * with it (never every row), a full-width spelling finds the plain one, a word of Japanese is
 * found inside its run of text, and a search of only an invisible character narrows nothing.
 */
import { expect, it } from 'vitest'
import { useE2e } from './support/fixture'
import { endedSessions } from './support/scenario'
import { showsOnly } from './support/waits'

const world = useE2e()

it('finds emoji, full-width and Japanese words in History, and says when nothing matches', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['web'])
  const adaShell = await shell(ada)
  const titles = ['🔥 Login broken', 'ＡＢＣ invoice export', '東京のサーバーが落ちた']
  await endedSessions(
    platform,
    adaShell,
    ada.id,
    titles.map((title) => ({ title, client: 'Sam Okafor' })),
  )

  const page = await open(adaShell)
  await page.getByRole('button', { name: 'History' }).click()
  const list = page.getByRole('list', { name: 'Past sessions' })
  await showsOnly(list, titles)
  const search = page.getByRole('searchbox', { name: 'Search' })

  await search.fill('🔥')
  await showsOnly(list, ['Login broken'])
  await page.getByText('1 matching session', { exact: true }).waitFor()
  await search.fill('abc')
  await showsOnly(list, ['invoice export'])
  await search.fill('サーバー')
  await showsOnly(list, ['東京のサーバー'])
  await search.fill('🎉')
  await page.getByText('No past sessions match').waitFor()
  // A zero-width space is nothing typed: every row, called past sessions, with nothing to clear.
  await search.fill('\u200b')
  await showsOnly(list, titles)
  await page.getByText('3 past sessions').waitFor()
  expect(await page.getByRole('button', { name: 'Clear filters' }).count()).toBe(0)
})
