/**
 * What the window knows about the app's notifications: whether they reach the expert (the
 * Settings line and the banner), and which invite or session a press on a notification asked to
 * see, so its card can take the focus. A sentence the host tells (a Join from a notification that
 * came too late) goes to the notices.
 *
 * A page the host created for the press can start listening after the push went out: it asks the
 * host once for a request meant for its surface that no page took yet.
 */
import type { Surface } from '../../shared/first-frame'
import { surfaceFor } from '../../shared/focus-surface'
import type { FocusTarget, NotificationHealth } from '../../shared/ipc/contract'
import type { IpcResult } from '../../shared/ipc/result'
import type { StandbyApi } from '../../shared/ipc/standby-api'
import type { NoticeStore } from './notices'
import { createValueStore, readableOf, type ReadableStore } from './value-store'

/** An invite (main button focused) or a session to bring into view; `seq` tells two requests apart. */
export interface PageFocus {
  readonly target: FocusTarget
  readonly seq: number
}

/** The notifications' state as the window shows it. */
export interface NotificationState {
  readonly health: NotificationHealth
  readonly focus: PageFocus | null
}

/** The store, plus reading the health again (after a reconnection) and the Settings test. */
export interface NotificationStore extends ReadableStore<NotificationState> {
  refresh(): Promise<void>
  /** Show a test notification; answers with the health the host saw after it, or why the call failed. */
  sendTest(): Promise<IpcResult<NotificationHealth>>
  /** The focus was acted on: a later render does not focus again. */
  focused(seq: number): void
  /** Its expert is gone: a request they made (pressed, or kept for this page) is not acted on. */
  forget(): void
}

/** Subscribe to the host's pushes at once (before any render), then read the health. */
export function createNotificationStore(
  api: StandbyApi,
  notices: NoticeStore,
  surface: Surface = 'window',
): NotificationStore {
  const store = createValueStore<NotificationState>({ health: { status: 'ok' }, focus: null })
  const patch = (changes: Partial<NotificationState>): void =>
    store.set({ ...store.getSnapshot(), ...changes })
  let seq = 0
  // Bumped by every health push and every health read asked: an answer is shown only if nothing
  // newer came while it was on its way (a push, or a later read).
  let healthChanges = 0
  api.notifications.onHealthChanged((health) => {
    healthChanges++
    patch({ health })
  })
  const askHealth = async (
    ask: () => Promise<IpcResult<NotificationHealth>>,
  ): Promise<IpcResult<NotificationHealth>> => {
    const asked = ++healthChanges
    const answer = await ask()
    if (answer.ok && asked === healthChanges) patch({ health: answer.value })
    return answer
  }
  const focusOn = (target: FocusTarget): void => patch({ focus: { target, seq: ++seq } })
  api.focus.onRequested((target) => {
    const ours = surfaceFor(target) === surface
    // The host shows the window for a session or a thread and puts the popover away: a popover
    // acting on it would move its own focus unseen, or keep it until that card appears (a session
    // coming within its hours) and take the focus from whatever the expert is doing then. The
    // window acts on every request, since the browser shell has no popover to open.
    if (!ours && surface === 'popover') return
    focusOn(target)
    // Shown here: the host need not keep it for a page of this surface that loads later.
    if (ours) void api.focus.take({ surface })
  })
  api.notices.onShown((notice) => notices.push(notice.text, notice.tone))
  // A press pushed while the kept one was on its way is the newer: the kept one does not take over.
  const seqAtStart = seq
  void api.focus.take({ surface }).then((taken) => {
    if (taken.ok && taken.value !== null && seq === seqAtStart) focusOn(taken.value)
  })

  async function refresh(): Promise<void> {
    await askHealth(() => api.notifications.getHealth())
  }
  void refresh()
  return {
    ...readableOf(store),
    refresh,
    sendTest: () => askHealth(() => api.notifications.sendTest()),
    focused(done) {
      const { focus } = store.getSnapshot()
      if (focus?.seq === done) patch({ focus: null })
    },
    forget() {
      // Moved on, so the kept request still on its way (seqAtStart) is not taken either.
      seq++
      patch({ focus: null })
    },
  }
}
