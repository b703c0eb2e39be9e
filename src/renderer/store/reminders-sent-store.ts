/**
 * Which of the upcoming sessions' reminders already fired or were skipped, as the host marked
 * them: read once, kept current by the `sessions.remindersSentChanged` push, read again whenever
 * the page re-reads everything. A card lists a reminder as still to come only while its moment is
 * ahead and it is not among these, so one that fired stays fired when platform time moves back
 * (the computer's clock set back before the platform answered, a platform's answer behind the
 * guess). One store per page, followed from the first card that shows it until the expert is gone.
 */
import { useEffect, useSyncExternalStore } from 'react'
import type { RemindersSent } from '../../shared/ipc/contract'
import type { StandbyApi } from '../../shared/ipc/standby-api'
import type { AppStore } from './app-store'
import { useServices } from './context'
import type { ExpertScoped } from './expert-scope'
import { createValueStore, readableOf, type ReadableStore, type ValueStore } from './value-store'

const NONE: RemindersSent = []

/** A page's sent reminders, followed once some card has shown them. */
export interface RemindersSentStore extends ExpertScoped {
  readonly store: ReadableStore<RemindersSent>
  /** A card shows them: they are followed from now until the expert is gone. */
  show(api: Pick<StandbyApi, 'sessions'>, app: Pick<AppStore, 'onReread'>): void
}

/** From a pre-rendered frame's list (none known without one), nobody following yet. */
export function createRemindersSentStore(initial: RemindersSent = NONE): RemindersSentStore {
  const store = createValueStore(initial)
  let off: (() => void) | undefined
  return {
    store: readableOf(store),
    show(api, app) {
      off ??= followRemindersSent(api, app, store)
    },
    forget() {
      off?.()
      off = undefined
      store.set(NONE)
    },
  }
}

/**
 * Keep `store` at the host's list: read now and on every re-read, follow the pushes. An answer that
 * comes after a push (or after a later read's answer) is older than what the store shows: dropped.
 */
export function followRemindersSent(
  api: Pick<StandbyApi, 'sessions'>,
  app: Pick<AppStore, 'onReread'>,
  store: ValueStore<RemindersSent>,
): () => void {
  let current = true
  let changes = 0
  const read = (): void => {
    const asked = ++changes
    void api.sessions.remindersSent().then((result) => {
      if (current && result.ok && asked === changes) store.set(result.value)
    })
  }
  read()
  const offs = [
    api.sessions.onRemindersSentChanged((list) => {
      changes++
      store.set(list)
    }),
    app.onReread(read),
  ]
  return () => {
    current = false
    for (const off of offs) off()
  }
}

/** The minutes before `bookedStart` of the session's reminders marked sent for that start. */
export function sentMinutes(
  list: RemindersSent,
  sessionId: string,
  bookedStart: number,
): ReadonlyArray<number> {
  return list.find((s) => s.sessionId === sessionId && s.bookedStart === bookedStart)?.minutesBefore ?? []
}

/** The session's reminders already sent for the start it is booked at, by their minutes before it. */
export function useRemindersSent(sessionId: string, bookedStart: number): ReadonlyArray<number> {
  const { api, app, remindersSent } = useServices()
  const { store } = remindersSent
  useEffect(() => remindersSent.show(api, app), [api, app, remindersSent])
  const list = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getServerSnapshot)
  return sentMinutes(list, sessionId, bookedStart)
}
