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
  it('keeps each request to show an item, the same one twice included, from before the first render', () => {
    let push: (item: ShowItem) => void = () => undefined
    const api = { app: { onShowItem: (listener: typeof push) => ((push = listener), () => undefined) } }
    const store = createShownItemStore(api as unknown as StandbyApi)
    expect(store.getSnapshot()).toBeNull()
    push({ kind: 'invite', id: 'inv_1', open: true })
    const first = store.getSnapshot()
    push({ kind: 'invite', id: 'inv_1', open: true })
    expect(store.getSnapshot()).toMatchObject({ kind: 'invite', id: 'inv_1' })
    expect(store.getSnapshot()).not.toBe(first)
  })
})
