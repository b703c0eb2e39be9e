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
import {
  createHostFollowedStore,
  followHostValue,
  type HostFeed,
  type HostFollowedStore,
} from './host-followed-store'
import type { ValueStore } from './value-store'

const NONE: RemindersSent = []

/** A page's sent reminders, followed once some card has shown them. */
export type RemindersSentStore = HostFollowedStore<RemindersSent, Pick<StandbyApi, 'sessions'>>

/** Where the sent reminders are read and pushed. */
const feedOf = (api: Pick<StandbyApi, 'sessions'>): HostFeed<RemindersSent> => ({
  read: () => api.sessions.remindersSent(),
  onChange: (listener) => api.sessions.onRemindersSentChanged(listener),
})
const asSent = (list: RemindersSent): RemindersSent => list

/** From a pre-rendered frame's list (none known without one), nobody following yet. */
export function createRemindersSentStore(initial: RemindersSent = NONE): RemindersSentStore {
  return createHostFollowedStore(initial, NONE, feedOf, asSent)
}

/** Keep `store` at the host's list: read now and on every re-read, follow the pushes. */
export function followRemindersSent(
  api: Pick<StandbyApi, 'sessions'>,
  app: Pick<AppStore, 'onReread'>,
  store: ValueStore<RemindersSent>,
): () => void {
  return followHostValue(feedOf(api), app, store, asSent)
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
