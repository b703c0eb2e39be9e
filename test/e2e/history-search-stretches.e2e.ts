/**
 * A search for a symbol over a History longer than the host reads per answer: the window asks on
 * past the stretches without a match and finds the one row at the far end, then says when nothing matches.
 */
import { it } from 'vitest'
import { MAIN_WINDOW_SIZE } from '../../src/shared/window-sizes'
import { HISTORY_SEARCH_ROWS } from '../../src/shared/ipc/list-limits'
import { longPast } from '../support/long-history'
import { useOfflineWindow } from './support/offline-window'
import { showsOnly } from './support/waits'

const openWindow = useOfflineWindow()

it('finds an emoji in the oldest of more sessions than one answer reads', async () => {
  const count = HISTORY_SEARCH_ROWS * 2 + 10
  const sessions = Array.from({ length: count }, (_, n) => {
    const session = longPast(n, 40)
    if (n < count - 1) return session
    return { ...session, request: { ...session.request, title: '🐙 Oldest of all' } }
  })
  const page = await openWindow({ sessions }, MAIN_WINDOW_SIZE)
  await page.getByRole('button', { name: /^History/ }).click()
  const list = page.getByRole('list', { name: 'Past sessions' })
  await list.getByRole('listitem').first().waitFor()
  const search = page.getByRole('searchbox', { name: 'Search' })
  await search.fill('🐙')
  await showsOnly(list, ['Oldest of all'])
  await page.getByText('1 matching session', { exact: true }).waitFor()
  await search.fill('🎉')
  await page.getByText('No past sessions match').waitFor()
})
