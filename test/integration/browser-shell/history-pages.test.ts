// History carried by the browser shell's socket: a History of long rows comes in pages under the byte budget.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { HISTORY_PAGE_ROWS } from '../../../src/shared/ipc/list-limits'
import { historyThrough } from '../../support/history-pages'
import { longHistory, longPast } from '../../support/long-history'
import { openShellPage, startBareShell } from '../../support/shell-page'

let bare: Awaited<ReturnType<typeof startBareShell>>
beforeAll(async () => {
  bare = await startBareShell()
})
afterAll(() => bare.close())

it('carries a History of the longest descriptions in pages under the byte budget, every row once', async () => {
  bare.shell.runtime.cache.applyEvents(longHistory(HISTORY_PAGE_ROWS))
  const page = await openShellPage(bare.shell)
  const read = await historyThrough((channel, request) => page.call(channel, request))
  expect(read.pages).toBeGreaterThan(1)
  expect(read.ids).toEqual(Array.from({ length: HISTORY_PAGE_ROWS }, (_, n) => longPast(n).id))
  page.ws.close()
})
