import { describe, expect, it } from 'vitest'
import type { ShowItem } from '../../../src/shared/ipc/contract'
import type { StandbyApi } from '../../../src/shared/ipc/standby-api'
import { createShownItemStore } from '../../../src/renderer/store/shown-item'
import { planShowItem } from '../../../src/renderer/logic/show-item'
import type { Session } from '../../../src/shared/protocol/entities'

const session = (id: string, state: Session['state']) => ({ id, state }) as Session

describe('showing what a deep link names', () => {
  const upcoming = [session('ses_booked', 'booked'), session('ses_live', 'live')]

  it('opens Invites on an open invite and focuses its card', () => {
    expect(planShowItem({ kind: 'invite', id: 'inv_1', open: true }, upcoming)).toEqual({
      view: 'invites',
      focus: '[data-invite-id="inv_1"]',
      notice: null,
    })
  })

  it('says an invite that closed, or was never there, is no longer open', () => {
    expect(planShowItem({ kind: 'invite', id: 'inv_1', open: false }, upcoming)).toEqual({
      view: 'invites',
      focus: null,
      notice: 'That invite is no longer open',
    })
  })

  it('opens a booked session in Upcoming and a live one in the live section', () => {
    expect(planShowItem({ kind: 'session', id: 'ses_booked', open: true }, upcoming)).toMatchObject({
      view: 'upcoming',
      focus: '[data-session-id="ses_booked"]',
    })
    expect(planShowItem({ kind: 'session', id: 'ses_live', open: true }, upcoming)).toMatchObject({
      view: 'live',
    })
  })

  it('says a session that ended, or that the window does not list, is no longer booked', () => {
    for (const item of [
      { kind: 'session', id: 'ses_ended', open: false },
      { kind: 'session', id: 'ses_unlisted', open: true },
    ] as const) {
      expect(planShowItem(item, upcoming)).toMatchObject({
        view: 'upcoming',
        notice: 'That session is no longer booked',
      })
    }
  })

  it('quotes an id with quotes in it so the selector stays one selector', () => {
    expect(planShowItem({ kind: 'invite', id: 'a"]b', open: true }, upcoming).focus).toBe(
      '[data-invite-id="a\\"]b"]',
    )
  })
})

describe('the shown-item store', () => {
  /** A page's API whose pushes the test delivers and whose kept item it sets. */
  const page = (kept: ShowItem | null) => {
    let push: (item: ShowItem) => void = () => undefined
    const host = { kept, takes: 0 }
    const takeShowItem = async () => {
      host.takes++
      const value = host.kept
      host.kept = null
      return { ok: true as const, value }
    }
    const api = {
      app: { onShowItem: (listener: typeof push) => ((push = listener), () => undefined), takeShowItem },
    }
    return { api: api as unknown as StandbyApi, host, push: (item: ShowItem) => push(item) }
  }
  const item = (request: number, id = 'inv_1'): ShowItem => ({ kind: 'invite', id, open: true, request })

  it('shows what the host kept for a page that was still loading when the link came', async () => {
    const { api } = page(item(1))
    const store = createShownItemStore(api, { takesKept: true })
    await expect.poll(() => store.getSnapshot()).toEqual(item(1))
  })

  it('shows each ask once, pushed or taken, and takes the host’s copy of a pushed one', async () => {
    const { api, host, push } = page(null)
    const store = createShownItemStore(api, { takesKept: true })
    const seen: Array<ShowItem | null> = []
    store.subscribe(() => seen.push(store.getSnapshot()))
    host.kept = item(1)
    push(item(1))
    await expect.poll(() => host.kept).toBeNull()
    push(item(2, 'inv_2'))
    push(item(2, 'inv_2'))
    expect(seen).toEqual([item(1), item(2, 'inv_2')])
  })

  it('in the popover, never takes an ask meant for the full window', async () => {
    const { api, host } = page(item(1))
    const store = createShownItemStore(api, { takesKept: false })
    await Promise.resolve()
    expect(host).toEqual({ kept: item(1), takes: 0 })
    expect(store.getSnapshot()).toBeNull()
  })
})
