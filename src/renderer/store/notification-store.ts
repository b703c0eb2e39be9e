/**
 * What the window knows about the app's notifications: whether they reach the expert (the
 * Settings line and the banner), and which invite a press on a notification asked to see, so its
 * card can focus its main button. A sentence the host tells (a Join from a notification that came
 * too late) goes to the notices.
 */
import type { NotificationHealth } from '../../shared/ipc/contract'
import type { IpcResult } from '../../shared/ipc/result'
import type { StandbyApi } from '../../shared/ipc/standby-api'
import type { NoticeStore } from './notices'
import { createValueStore, readableOf, type ReadableStore } from './value-store'

/** An invite to bring into view with its main button focused; `seq` tells two requests apart. */
export interface InviteFocus {
  readonly inviteId: string
  readonly seq: number
}

/** The notifications' state as the window shows it. */
export interface NotificationState {
  readonly health: NotificationHealth
  readonly focus: InviteFocus | null
}

/** The store, plus reading the health again (after a reconnection) and the Settings test. */
export interface NotificationStore extends ReadableStore<NotificationState> {
  refresh(): Promise<void>
  /** Show a test notification; answers with the health the host saw after it, or why the call failed. */
  sendTest(): Promise<IpcResult<NotificationHealth>>
  /** The focus was acted on: a later render does not focus again. */
  focused(seq: number): void
}

/** Subscribe to the host's pushes at once (before any render), then read the health. */
export function createNotificationStore(api: StandbyApi, notices: NoticeStore): NotificationStore {
  const store = createValueStore<NotificationState>({ health: { status: 'ok' }, focus: null })
  const patch = (changes: Partial<NotificationState>): void =>
    store.set({ ...store.getSnapshot(), ...changes })
  let seq = 0
  api.notifications.onHealthChanged((health) => patch({ health }))
  api.invites.onFocus(({ inviteId }) => patch({ focus: { inviteId, seq: ++seq } }))
  api.notices.onShown((notice) => notices.push(notice.text, notice.tone))

  async function refresh(): Promise<void> {
    const health = await api.notifications.getHealth()
    if (health.ok) patch({ health: health.value })
  }
  void refresh()
  return {
    ...readableOf(store),
    refresh,
    async sendTest() {
      const answer = await api.notifications.sendTest()
      if (answer.ok) patch({ health: answer.value })
      return answer
    },
    focused(done) {
      const { focus } = store.getSnapshot()
      if (focus?.seq === done) patch({ focus: null })
    },
  }
}
