/**
 * Carrying out, for each booked session at one plan, what due-alerts.ts decides is due: earlier
 * reminders are marked skipped, the latest is shown (unless it is late and still settling,
 * late-settle.ts), "the client has not joined yet" is told, and a snoozed reminder comes back when
 * its time does. Each is marked before it is shown, so a crash never shows one twice.
 */
import type { Session } from '../../../shared/protocol'
import type { ReminderKey, SnoozedReminder } from '../ports/cache-store'
import {
  ALERT,
  awaitsExpert,
  dueAlerts,
  movedSince,
  stillJoinable,
  type PlannedAlert,
  type ReminderMoment,
} from './due-alerts'
import type { LateSettle } from './late-settle'
import { snoozeDueAt } from './snooze-answer'
import type { ReminderMarks } from './reminder-marks'
import { BOOKING_ENDED_ALERT } from './shown-reminders'
import {
  beforeText,
  clientAbsentText,
  startingNowText,
  type LateCause,
  type ReminderText,
  type TimeFormat,
} from './reminder-texts'

/** What planning a session needs from the scheduler. */
export interface SessionPlanDeps {
  readonly marks: ReminderMarks
  readonly late: LateSettle
  /** Read at each reminder, so turning reminders off takes effect at once. */
  readonly enabled: () => boolean
  readonly show: (session: Session, now: number, moment: ReminderMoment, text: ReminderText) => void
  readonly time: TimeFormat
  /** Why a reminder due at `dueAt` is found only at `now`. */
  readonly lateCause: (dueAt: number, now: number) => LateCause
}

/** When a session's next alert falls due, and whether a late reminder of it is settling rather than shown. */
export interface SessionPlan {
  readonly nextAt: number | null
  readonly settling: boolean
}

/** Fire what is due for one session; a reminder shown replaces its snooze (dropped from `snoozes`). */
export function planSession(
  deps: SessionPlanDeps,
  session: Session,
  now: number,
  snoozes: Map<string, SnoozedReminder>,
): SessionPlan {
  const { marks, late } = deps
  const key = (alert: string): ReminderKey => ({
    sessionId: session.id,
    bookedStart: session.bookedStart,
    alert,
  })
  // Not yet forgotten (a full disk), the new booking decides nothing: what it marked would go too.
  if (!forgetEndedBooking(marks, session)) return { nextAt: null, settling: false }
  const due = dueAlerts(session, now, (alert) => marks.handled(key(alert)))
  const held = due.reminder?.late ? late.heldUntil(JSON.stringify(key(due.reminder.alert)), now) : null
  if (held !== null) return { nextAt: Math.min(held, due.nextAt ?? held), settling: true }
  for (const alert of due.skip) marks.mark(key(alert), 'skipped', now)
  // Marked before showing: a crash in between loses one reminder, never shows one twice.
  if (due.reminder !== null) marks.mark(key(due.reminder.alert), 'fired', now)
  if (due.clientAbsent) marks.mark(key(ALERT.clientAbsent), 'fired', now)
  let toldAbsence = false
  if (due.reminder !== null) {
    // A newer reminder replaces a snoozed one: the expert hears once, with the time left now.
    if (snoozes.delete(session.id)) marks.dropSnooze(session.id)
    if (deps.enabled()) {
      showReminder(deps, session, now, due.reminder)
      toldAbsence = due.reminder.alert === ALERT.startingNow
    }
  }
  // With the expert not in the session either, this is part of the reminders they turned off.
  const wanted = session.expertJoinedAt !== null || deps.enabled()
  if (due.clientAbsent && !toldAbsence && wanted)
    deps.show(session, now, 'client_absent', clientAbsentText(session, deps.time))
  return { nextAt: due.nextAt, settling: false }
}

/**
 * The session, booked, is booked again at a start where an earlier booking ended (told cancelled,
 * its reminder taken down because it was cancelled, ended or gone, or moved away from there): the
 * marks of that booking are forgotten, or a session booked again at that time would never be reminded.
 * False while the cache cannot forget them.
 */
export function forgetEndedBooking(marks: ReminderMarks, session: Session): boolean {
  if (session.state !== 'booked') return true
  const { id: sessionId, bookedStart } = session
  const ended = (alert: string): boolean => marks.handled({ sessionId, bookedStart, alert })
  if (ended(ALERT.cancelled) || ended(BOOKING_ENDED_ALERT)) return marks.forgetBooking(sessionId, bookedStart)
  return true
}

/**
 * Fire what is due for each session still joinable and bring back each snooze whose time came; a
 * snooze with nothing left to show is dropped. When the next of them falls due; infinity when none.
 */
export function planSessions(deps: SessionPlanDeps, upcoming: ReadonlyArray<Session>, now: number): number {
  // Kept in the cache, so a restart neither loses a snooze nor shows it twice.
  const snoozes = snoozesById(deps.marks)
  const pending = new Set<string>()
  let next = Number.POSITIVE_INFINITY
  for (const session of upcoming) {
    if (!stillJoinable(session, now)) continue
    const planned = planSession(deps, session, now, snoozes)
    if (planned.nextAt !== null) next = Math.min(next, planned.nextAt)
    // A late reminder still settling replaces the snooze once it shows: the snooze waits, kept.
    if (planned.settling) {
      if (snoozes.has(session.id)) pending.add(session.id)
      continue
    }
    const snoozeAt = planSnooze(deps, session, now, snoozes.get(session.id))
    if (snoozeAt !== null) {
      pending.add(session.id)
      next = Math.min(next, snoozeAt)
    }
  }
  deps.late.sweep()
  // A snooze of a session started, cancelled, rebooked or gone has nothing left to show.
  for (const id of snoozes.keys()) if (!pending.has(id)) deps.marks.dropSnooze(id)
  return next
}

/** The snoozes still to show, by session. */
function snoozesById(marks: ReminderMarks): Map<string, SnoozedReminder> {
  return new Map(marks.snoozes().map((s) => [s.sessionId, s]))
}

/**
 * For a session whose time just changed: take what is due for the new time now (marked as told, as
 * planSession would) without showing it, so the alert of the change says it in the same breath;
 * the moment of the reminder taken, or null when none is due (or reminders are off).
 */
export function takeDueReminder(
  deps: SessionPlanDeps,
  session: Session,
  now: number,
  snoozes: Map<string, SnoozedReminder>,
): ReminderMoment | null {
  let taken: ReminderMoment | null = null
  planSession({ ...deps, show: (_session, _now, moment) => (taken ??= moment) }, session, now, snoozes)
  return taken
}

/** Takes the reminder a change of time makes due at once (see takeDueReminder); null while none is. */
export type TakeDue = (session: Session, now: number) => ReminderMoment | null

/**
 * takeDueReminder with the snoozes the cache keeps; nothing while the platform's time is a guess
 * (`measured` false), which decides no reminder: the plan after the measurement does.
 */
export function dueTaker(deps: SessionPlanDeps, measured: () => boolean): TakeDue {
  return (session, now) => {
    if (!measured()) return null
    return takeDueReminder(deps, session, now, snoozesById(deps.marks))
  }
}

/** Show a snoozed reminder again when its time comes; returns when it is due, or null when gone. */
export function planSnooze(
  deps: SessionPlanDeps,
  session: Session,
  now: number,
  snooze: SnoozedReminder | undefined,
): number | null {
  if (snooze === undefined || movedSince(session, snooze.bookedStart) || !awaitsExpert(session, now))
    return null
  const dueAt = snoozeDueAt(session, snooze.at)
  if (dueAt > now) return dueAt
  const held = deps.late.snoozeHeldUntil(session.id, dueAt, now)
  if (held !== null) return held
  // Dropped before showing: a crash in between loses the snoozed reminder, never shows it twice.
  deps.marks.dropSnooze(session.id)
  if (deps.enabled()) showReminder(deps, session, now, null)
  return null
}

/** A reminder before the start or the one "starting now", as the time left decides. */
function showReminder(
  deps: SessionPlanDeps,
  session: Session,
  now: number,
  planned: (PlannedAlert & { late: boolean }) | null,
): void {
  if (now >= session.bookedStart) {
    deps.show(session, now, 'starting_now', startingNowText(session, deps.time))
    return
  }
  const late =
    planned !== null && planned.late && planned.minutesBefore !== null
      ? { minutesBefore: planned.minutesBefore, dueAt: planned.at, cause: deps.lateCause(planned.at, now) }
      : null
  deps.show(session, now, 'before', beforeText(session, now, deps.time, late))
}
