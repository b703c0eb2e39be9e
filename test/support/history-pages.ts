/** Read a whole History as the window does, page after page, through a carrier's `call`. */
import { expect } from 'vitest'
import { invokeContract, type HistoryPage } from '../../src/shared/ipc/contract'
import { HISTORY_PAGE_BYTES, HISTORY_PAGE_ROWS } from '../../src/shared/ipc/list-limits'
import { historyCursorOf } from '../../src/shared/rules/history-order'

/** One carried call: resolves with the `{ ok, value }` or `{ ok, error }` answer as the page gets it. */
export type CarriedCall = (channel: 'sessions.history', request: unknown) => Promise<unknown>

/**
 * Every page of History as `call` carries it: each answer checked against the contract and under
 * the byte budget (with room for its envelope); resolves with the ids in order and the page count.
 */
export async function historyThrough(call: CarriedCall): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = []
  let pages = 0
  let after: HistoryPage['sessions'][number] | undefined
  for (;;) {
    const answer = (await call('sessions.history', {
      limit: HISTORY_PAGE_ROWS,
      ...(after !== undefined && { after: historyCursorOf(after) }),
    })) as { ok: boolean; value?: unknown }
    expect(answer.ok).toBe(true)
    expect(Buffer.byteLength(JSON.stringify(answer.value))).toBeLessThanOrEqual(HISTORY_PAGE_BYTES + 1_000)
    const page = invokeContract['sessions.history'].response.parse(answer.value)
    pages += 1
    ids.push(...page.sessions.map((session) => session.id))
    after = page.sessions.at(-1)
    if (!page.more || after === undefined) return { ids, pages }
  }
}
