/**
 * The alerts a session's change calls for, as events or a snapshot bring it: "cancelled" (by the
 * platform or the client), the client's answer to a proposal of another time, and "the client
 * joined". Each is told once per booked time, an answer once per proposal; what was told is kept in
 * the cache with the reminders.
 */
import type { Session } from '../../../shared/protocol'
import type { CacheStore } from '../ports/cache-store'
import type { CacheUpdate } from '../sync/cache-push'
import type { DayTimeFormat } from '../sync/invite-notification'
import { cancelledBy } from '../../../shared/rules/cancellation-terms'
import { clientCancelledText, rescheduleAnswerText } from './party-change-texts'
import type { ReminderMarks } from './reminder-marks'
import { ALERT, changeAlert, rescheduleAnswerAlert, type ReminderMoment } from './due-alerts'
import {
  cancelledText,
  clientJoinedText,
  dueTail,
  type ReminderText,
  type TimeFormat,
} from './reminder-texts'
import type { TakeDue } from './session-plan'

/** What telling a session's change needs from the scheduler. */
export interface SessionChangeDeps {
  readonly cache: CacheStore
  readonly marks: ReminderMarks
  readonly show: (session: Session, now: number, moment: ReminderMoment, text: ReminderText) => void
  readonly time: TimeFormat
  readonly dayTime: DayTimeFormat
  /** Takes the reminder a time the client accepted makes due at once into their answer. */
  readonly takeDue: TakeDue
}

/** The sessions an update of the cache changed: those its events updated, or those a snapshot changed. */
export function changedSessionIds(update: CacheUpdate): ReadonlySet<string> {
  return update.kind === 'events'
    ? new Set(update.events.flatMap((e) => (e.type === 'session.updated' ? [e.payload.session.id] : [])))
    : new Set(update.kind === 'replaced' ? update.changedSessions : [])
}

/** Tell each of these sessions' new state once, when it calls for telling. */
export function tellSessionChanges(deps: SessionChangeDeps, ids: ReadonlySet<string>, now: number): void {
  for (const id of ids) {
    const session = deps.cache.session(id)
    const alert = session === null ? null : changeAlert(session)
    if (session === null || alert === null) continue
    const key = { sessionId: id, bookedStart: recordedStart(session, alert), alert }
    if (deps.marks.handled(key)) continue
    deps.marks.mark(key, 'fired', now)
    const { cancellation, reschedule } = session
    if (alert === ALERT.cancelled && cancellation !== null)
      deps.show(
        session,
        now,
        'cancelled',
        cancelledBy(cancellation) === 'client'
          ? clientCancelledText(session, cancellation, deps.dayTime)
          : cancelledText(session, cancellation, deps.time),
      )
    else if (reschedule !== null && alert === rescheduleAnswerAlert(reschedule.proposedAt)) {
      // Accepted, the new time may make a reminder due at once: the answer says it, in one notification.
      const due = reschedule.state === 'accepted' ? deps.takeDue(session, now) : null
      const tail = due === null ? null : dueTail(session, now, due, deps.time)
      deps.show(
        session,
        now,
        due ?? 'rescheduled',
        rescheduleAnswerText(session, reschedule, deps.dayTime, tail),
      )
    } else if (alert === ALERT.clientJoined)
      deps.show(session, now, 'client_joined', clientJoinedText(session))
  }
}

/**
 * The booked start a change alert is recorded under: the session's, but for the client's answer,
 * the start it answered about (the one accepted, or the one kept), so a later move of the session,
 * or a nudge of a few seconds, does not tell the answer again.
 */
function recordedStart(session: Session, alert: string): number {
  const r = session.reschedule
  if (r === null || alert !== rescheduleAnswerAlert(r.proposedAt)) return session.bookedStart
  return r.state === 'accepted' ? r.proposedStart : r.previousStart
}
