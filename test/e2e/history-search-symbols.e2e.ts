/**
 * History's search in Chromium for what the word index cannot hold: an emoji finds only the rows
 * with it (never every row), a full-width spelling finds the plain one, a word of Japanese is
 * found inside its run of text, and a search of only an invisible character narrows nothing.
 */
import { expect, it } from 'vitest'
import { useE2e } from './support/fixture'
import { accept, cachedInvite } from './support/scenario'

const world = useE2e()

it('finds emoji, full-width and Japanese words in History, and says when nothing matches', async () => {
  const { platform, expert, shell, open } = await world()
  const ada = expert('Ada Byron', ['web'])
  const adaShell = await shell(ada)
  const titles = ['🔥 Login broken', 'ＡＢＣ invoice export', '東京のサーバーが落ちた']
  for (const title of titles) {
    const { request } = platform.server.marketplace.createRequest({
      clientId: platform.addClient('Sam Okafor'),
      title,
      kind: 'instant',
      direct: { expertId: ada.id, via: 'dashboard' },
    })
    const session = await accept(adaShell, await cachedInvite(adaShell, request.id))
    const ended = await adaShell.shell.runtime.core.command('session.end', {
      sessionId: session.id,
      outcome: { kind: 'free' },
    })
    if (!ended.ok) throw new Error(ended.error.message)
  }

  const page = await open(adaShell)
  await page.getByRole('button', { name: 'History' }).click()
  const list = page.getByRole('list', { name: 'Past sessions' })
  const rows = list.getByRole('listitem')
  await expect.poll(() => rows.count()).toBe(3)
  const search = page.getByRole('searchbox', { name: 'Search' })

  await search.fill('🔥')
  await expect.poll(() => rows.allInnerTexts()).toEqual([expect.stringContaining('Login broken')])
  await page.getByText('1 matching session', { exact: true }).waitFor()
  await search.fill('abc')
  await expect.poll(() => rows.allInnerTexts()).toEqual([expect.stringContaining('invoice export')])
  await search.fill('サーバー')
  await expect.poll(() => rows.allInnerTexts()).toEqual([expect.stringContaining('東京のサーバー')])
  await search.fill('🎉')
  await page.getByText('No past sessions match').waitFor()
  // A zero-width space is nothing typed: every row, called past sessions, with nothing to clear.
  await search.fill('\u200b')
  await expect.poll(() => rows.count()).toBe(3)
  await page.getByText('3 past sessions').waitFor()
  expect(await page.getByRole('button', { name: 'Clear filters' }).count()).toBe(0)
})
