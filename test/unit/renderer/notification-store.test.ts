import { describe, expect, it } from 'vitest'
import type { FocusTarget, HostNotice, NotificationHealth } from '../../../src/shared/ipc/contract'
import type { StandbyApi } from '../../../src/shared/ipc/standby-api'
import { createNotificationStore } from '../../../src/renderer/store/notification-store'
import type { NoticeStore } from '../../../src/renderer/store/notices'

const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value })
const SILENCED: NotificationHealth = { status: 'silenced', advice: 'Turn off Do Not Disturb.' }

/** An API whose pushes the test plays, and a notice store that records. */
function setup(
  health: NotificationHealth = { status: 'ok' },
  surface: 'window' | 'popover' = 'popover',
  waiting: FocusTarget | null = null,
) {
  const listeners: Record<string, (payload: never) => void> = {}
  const on = (name: string) => (listener: (payload: never) => void) => {
    listeners[name] = listener
    return () => undefined
  }
  let current = health
  // The host's kept request, taken once by a page of its surface.
  let kept = waiting
  const takes: string[] = []
  const api = {
    focus: {
      onRequested: on('focus'),
      take: ({ surface: asking }: { surface: string }) => {
        takes.push(asking)
        const taken = kept
        kept = null
        return ok(taken)
      },
    },
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
  const store = createNotificationStore(api, notices, surface)
  const push = {
    focus: (inviteId: string) => listeners['focus']!({ kind: 'invite', inviteId } as never),
    session: (sessionId: string) => listeners['focus']!({ kind: 'session', sessionId } as never),
    thread: (inviteId: string) => listeners['focus']!({ kind: 'invite', inviteId, thread: true } as never),
    shown: (notice: HostNotice) => listeners['shown']!(notice as never),
    health: (next: NotificationHealth) => listeners['health']!(next as never),
  }
  return { store, push, pushed, takes, setHealth: (next: NotificationHealth) => (current = next) }
}

/** Lets the promises the store started settle. */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve))

describe('the notification store', () => {
  it('hands each focus request for an invite to the page once, until the card has acted on it', () => {
    const { store, push } = setup()
    push.focus('inv_1')
    const first = store.getSnapshot().focus
    expect(first).toMatchObject({ target: { kind: 'invite', inviteId: 'inv_1' } })
    push.focus('inv_1')
    const second = store.getSnapshot().focus!
    expect(second.seq).not.toBe(first!.seq)
    // The card acted on the first request only: the second one stands.
    store.focused(first!.seq)
    expect(store.getSnapshot().focus).toBe(second)
    store.focused(second.seq)
    expect(store.getSnapshot().focus).toBeNull()
  })

  it('a page that starts listening after the press still shows what it asked for', async () => {
    const { store } = setup({ status: 'ok' }, 'popover', { kind: 'invite', inviteId: 'inv_7' })
    await flush()
    expect(store.getSnapshot().focus).toMatchObject({ target: { kind: 'invite', inviteId: 'inv_7' } })
  })

  it('tells the host a request for its surface was shown, so a later page does not show it again', async () => {
    const window = setup({ status: 'ok' }, 'window')
    await flush()
    window.push.focus('inv_1')
    window.push.session('ses_1')
    // Only the session is the window's to take: the invite stays for the popover the host opens.
    expect(window.takes).toEqual(['window', 'window'])
    expect(window.store.getSnapshot().focus).toMatchObject({
      target: { kind: 'session', sessionId: 'ses_1' },
    })
  })

  it('keeps nothing in the popover of a request the host shows in the window, so no card of it takes the focus later', async () => {
    const popover = setup({ status: 'ok' }, 'popover')
    await flush()
    popover.push.session('ses_1')
    popover.push.thread('inv_1')
    expect(popover.store.getSnapshot().focus).toBeNull()
    expect(popover.takes).toEqual(['popover'])
    popover.push.focus('inv_2')
    expect(popover.store.getSnapshot().focus).toMatchObject({ target: { kind: 'invite', inviteId: 'inv_2' } })
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

  it('keeps a health push that came while the first read was on its way, not the read’s older answer', async () => {
    const { store, push } = setup(SILENCED)
    push.health({ status: 'ok' })
    await flush()
    expect(store.getSnapshot().health).toEqual({ status: 'ok' })
  })

  it('keeps a press pushed while the kept request was on its way: the older request does not take the focus', async () => {
    const { store, push } = setup({ status: 'ok' }, 'popover', { kind: 'invite', inviteId: 'inv_7' })
    push.focus('inv_9')
    await flush()
    expect(store.getSnapshot().focus).toMatchObject({ target: { kind: 'invite', inviteId: 'inv_9' } })
  })

  it('shows what the host tells in the notices', () => {
    const { push, pushed } = setup()
    push.shown({ text: 'Another expert was faster: Hooks question.', tone: 'warning' })
    expect(pushed).toEqual([['Another expert was faster: Hooks question.', 'warning']])
  })
})
