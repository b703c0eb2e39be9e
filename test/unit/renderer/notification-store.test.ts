import { describe, expect, it } from 'vitest'
import type { HostNotice, NotificationHealth } from '../../../src/shared/ipc/contract'
import type { StandbyApi } from '../../../src/shared/ipc/standby-api'
import { createNotificationStore } from '../../../src/renderer/store/notification-store'
import type { NoticeStore } from '../../../src/renderer/store/notices'

const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value })
const SILENCED: NotificationHealth = { status: 'silenced', advice: 'Turn off Do Not Disturb.' }

/** An API whose pushes the test plays, and a notice store that records. */
function setup(health: NotificationHealth = { status: 'ok' }) {
  const listeners: Record<string, (payload: never) => void> = {}
  const on = (name: string) => (listener: (payload: never) => void) => {
    listeners[name] = listener
    return () => undefined
  }
  let current = health
  const api = {
    invites: { onFocus: on('focus') },
    notices: { onShown: on('shown') },
    notifications: {
      onHealthChanged: on('health'),
      getHealth: () => ok(current),
      sendTest: () => ok(current),
    },
  } as unknown as StandbyApi
  const pushed: Array<[string, string | undefined]> = []
  const notices = {
    push: (text: string, tone?: string) => pushed.push([text, tone]),
  } as unknown as NoticeStore
  const store = createNotificationStore(api, notices)
  const push = {
    focus: (inviteId: string) => listeners['focus']!({ inviteId } as never),
    shown: (notice: HostNotice) => listeners['shown']!(notice as never),
    health: (next: NotificationHealth) => listeners['health']!(next as never),
  }
  return { store, push, pushed, setHealth: (next: NotificationHealth) => (current = next) }
}

describe('the notification store', () => {
  it('hands each focus request for an invite to the page once, until the card has acted on it', () => {
    const { store, push } = setup()
    push.focus('inv_1')
    const first = store.getSnapshot().focus
    expect(first).toMatchObject({ inviteId: 'inv_1' })
    push.focus('inv_1')
    const second = store.getSnapshot().focus!
    expect(second.seq).not.toBe(first!.seq)
    // The card acted on the first request only: the second one stands.
    store.focused(first!.seq)
    expect(store.getSnapshot().focus).toBe(second)
    store.focused(second.seq)
    expect(store.getSnapshot().focus).toBeNull()
  })

  it('reads the health at start, follows its pushes, and reads it again on refresh', async () => {
    const { store, push, setHealth } = setup(SILENCED)
    await store.refresh()
    expect(store.getSnapshot().health).toEqual(SILENCED)
    push.health({ status: 'ok' })
    expect(store.getSnapshot().health).toEqual({ status: 'ok' })
    setHealth({ status: 'failing', advice: 'Allow Standby.' })
    await store.refresh()
    expect(store.getSnapshot().health.status).toBe('failing')
  })

  it('shows what the host tells in the notices', () => {
    const { push, pushed } = setup()
    push.shown({ text: 'Another expert was faster: Hooks question.', tone: 'warning' })
    expect(pushed).toEqual([['Another expert was faster: Hooks question.', 'warning']])
  })
})
