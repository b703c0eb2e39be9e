/**
 * The reminders on screen, and taking each down once what it announced no longer holds. A
 * reminder 30 or 10 minutes before, "starting now" or "the client has not joined" speaks of a
 * session booked at one time that still waits; once the session is cancelled, moved, started,
 * ended, gone from the cache (a snapshot without it, a sign-out) or past its auto-cancel, its
 * notification is withdrawn with 'reminder_closed', as a closed invite's is with 'invite_closed'.
 * Only what was shown is withdrawn, and each once; a reminder an earlier run showed is found again
 * from the cache's marks, so the retraction survives a restart too.
 */
import type { Session } from '../../../shared/protocol'
import { nameInSentence } from '../../../shared/sentence-parts'
import { autoCancelAt } from '../../../shared/rules/session-timing'
import type { CacheStore, ReminderKey } from '../ports/cache-store'
import type { Logger } from '../ports/logger'
import { BOOKED_START_UNKNOWN, REQUEST_UNKNOWN, type AppNotification, type Notifier } from '../ports/notifier'
import type { DayTimeFormat } from '../sync/invite-notification'
import {
  ALERT,
  awaitsExpert,
  movedSince,
  stillJoinable,
  type ReminderMoment,
  type TimedSession,
} from './due-alerts'
import { TOLD_ALERT, type ReminderMarks } from './reminder-marks'

/** The reminders that speak of a wait still to come, and so can stop being true. */
export type RetractableMoment = 'before' | 'starting_now' | 'client_absent'

/** Whether a reminder of this moment can be withdrawn; an alert about a change is never. */
export function isRetractable(moment: ReminderMoment): moment is RetractableMoment {
  return moment === 'before' || moment === 'starting_now' || moment === 'client_absent'
}

/**
 * Whether a withdrawal takes this notification off the screen: a reminder of its session, of a
 * moment that can stop being true, shown for the same booked start and request or one from an
 * earlier run (or version) that does not name them.
 */
export function withdraws(
  closed: Extract<AppNotification, { kind: 'reminder_closed' }>,
  shown: AppNotification,
): boolean {
  return (
    shown.kind === 'reminder' &&
    shown.sessionId === closed.sessionId &&
    isRetractable(shown.moment) &&
    (shown.bookedStart === closed.bookedStart || shown.bookedStart === BOOKED_START_UNKNOWN) &&
    (shown.requestId === closed.requestId || shown.requestId === REQUEST_UNKNOWN)
  )
}

/** The mark of a reminder shown for a booked time, kept so a restart can still withdraw it. */
export const SHOWN_ALERT = 'shown'

/** The mark of a reminder withdrawn for good for a booked time, so no later run withdraws it again. */
export const CLOSED_ALERT = 'closed'

/**
 * The mark of a booking that ended at a booked time (the session cancelled, ended or gone, not just
 * past its auto-cancel by a clock that may be wrong): booked there again, it is a new booking.
 */
export const BOOKING_ENDED_ALERT = 'booking_ended'

/**
 * Whether what a reminder of `moment` shown for the booked start `shownFor` announced still holds
 * at `now`: a session at that time waiting for the expert to start it ("before", "starting now"),
 * or for the client to join (the client-absent alert).
 */
export function reminderHolds(
  moment: RetractableMoment,
  session: TimedSession | null,
  shownFor: number,
  now: number,
): boolean {
  if (session === null || movedSince(session, shownFor)) return false
  if (moment === 'client_absent') return stillJoinable(session, now) && session.clientJoinedAt === null
  return awaitsExpert(session, now)
}

/** Why a shown reminder of `moment` was withdrawn, for the log and the recorded notification. */
export function withdrawnBecause(
  moment: RetractableMoment,
  session: Session | null,
  shownFor: number,
  dayTime: DayTimeFormat,
): string {
  if (session === null) return 'The session is no longer in your list.'
  if (session.state === 'cancelled') return 'The session was cancelled.'
  if (session.state === 'ended') return 'The session has ended.'
  if (movedSince(session, shownFor)) return `The session was moved to ${dayTime(session.bookedStart)}.`
  if (moment === 'client_absent')
    return session.clientJoinedAt !== null
      ? `${nameInSentence(session.client.name)} has joined.`
      : 'The auto-cancel time has passed.'
  if (session.state === 'live' || session.expertJoinedAt !== null) return 'The session has started.'
  return 'Its start window has closed.'
}

interface OnScreen {
  readonly bookedStart: number
  /** The request it spoke of: the session's id given to another request is another session. */
  readonly requestId: string
  readonly moment: RetractableMoment
  /** When the clock alone ends it: the auto-cancel of the start booked now, nudged or not (SAME_TIME_MS). */
  endsAt: number
}

/** The latest reminder of each session as far as the app knows it is on screen. */
export class ShownReminders {
  /** One per session: a newer notification of a session takes the older's place on every OS. */
  private readonly onScreen = new Map<string, OnScreen>()
  /**
   * Until `restore` has run by a measured time: sessions whose notification left the screen this run
   * (pressed, and the OS took it away; withdrawn; replaced by an alert), so none an earlier run
   * showed is left of them to find.
   */
  private goneBeforeRestore: Set<string> | null = new Set()

  constructor(
    private readonly deps: {
      readonly cache: CacheStore
      readonly marks: ReminderMarks
      readonly notifier: Notifier
      readonly log: Logger
      readonly dayTime: DayTimeFormat
      /** The platform's time, for the marks of the withdrawals (which may be decided without it). */
      readonly clock: { now(): number }
    },
  ) {}

  /**
   * A reminder of the session is about to be shown: marked first, as the reminder itself is, so a
   * crash the instant after it shows still leaves the next run able to take it down (at worst it
   * then withdraws one that never showed, which takes nothing off the screen).
   */
  showing(session: Session, moment: ReminderMoment, now: number): void {
    if (isRetractable(moment)) this.deps.marks.mark(shownKey(session), 'fired', now)
  }

  /** A notification about the session was shown: a reminder is kept track of; an alert took its place. */
  shown(session: Session, moment: ReminderMoment): void {
    if (!isRetractable(moment)) {
      this.onScreen.delete(session.id)
      this.goneBeforeRestore?.add(session.id)
      return
    }
    this.onScreen.set(session.id, onScreen(session, moment))
  }

  /** The expert pressed the session's reminder: the OS took it away, nothing is left to withdraw. */
  pressed(sessionId: string): void {
    this.onScreen.delete(sessionId)
    this.goneBeforeRestore?.add(sessionId)
  }

  /**
   * Once a run plans by a time: of these sessions, those an earlier run showed a reminder for that
   * still holds, which may still be on screen (macOS keeps them in Notification Center), are kept
   * track of, but for those whose notification left the screen meanwhile. Done again by the first
   * time the platform `measured`: by a guess days off, every one looks past or years away.
   */
  restore(sessions: ReadonlyArray<Session>, now: number, measured = true): void {
    const gone = this.goneBeforeRestore ?? new Set<string>()
    if (measured) this.goneBeforeRestore = null
    for (const session of sessions) {
      if (this.onScreen.has(session.id) || gone.has(session.id)) continue
      if (!this.deps.marks.handled(shownKey(session))) continue
      const moment: RetractableMoment | null = awaitsExpert(session, now)
        ? 'before'
        : reminderHolds('client_absent', session, session.bookedStart, now)
          ? 'client_absent'
          : null
      if (moment !== null) this.onScreen.set(session.id, onScreen(session, moment))
    }
    this.restoreEnded(new Set(sessions.map((s) => s.id)), gone, measured)
  }

  /**
   * Of the reminders an earlier run showed for the time a session is booked at and no run took
   * down for good, those of sessions no longer upcoming (cancelled, ended or past their auto-cancel
   * while Standby was closed) are kept track of, for `withdrawStale` to take down. By a guess only
   * those no clock decides: by a guess days ahead every session still waiting looks past its auto-cancel.
   */
  private restoreEnded(upcoming: ReadonlySet<string>, gone: ReadonlySet<string>, measured: boolean): void {
    for (const { sessionId, bookedStart } of this.deps.cache.openMarks(SHOWN_ALERT, CLOSED_ALERT)) {
      if (upcoming.has(sessionId) || this.onScreen.has(sessionId) || gone.has(sessionId)) continue
      const session = this.deps.cache.session(sessionId)
      if (session === null || movedSince(session, bookedStart) || this.toldSince(sessionId, bookedStart))
        continue
      const started = session.state !== 'booked' || session.expertJoinedAt !== null
      const moment = started ? 'client_absent' : 'before'
      if (measured || !reminderHolds(moment, session, bookedStart, Number.NEGATIVE_INFINITY))
        this.onScreen.set(sessionId, { ...onScreen(session, moment), bookedStart })
    }
  }

  /**
   * Whether an alert of another kind (a cancel, a move, the client's answer) was told after the
   * latest reminder shown for `bookedStart`: it took the reminder's place, and a withdrawal would
   * take it down. The latest is found by its own mark: the 'shown' one keeps its first showing, so a
   * reminder shown after the client's answer to an earlier one would look replaced by it, and stay.
   */
  private toldSince(sessionId: string, bookedStart: number): boolean {
    const marks = this.deps.marks.marksOf(sessionId)
    const shown = marks.findIndex((m) => m.bookedStart === bookedStart && SHOWN_MOMENTS.test(m.alert))
    return marks.slice(0, Math.max(0, shown)).some((m) => !REMINDER_ALERTS.test(m.alert))
  }

  /**
   * Withdraw, once, each reminder on screen whose announcement no longer holds at `now`. `read`: the
   * sessions a plan has just read from the cache, taken as they are rather than read again one by one:
   * with thousands on screen at one time, each plan read every one of them again, and the plans of
   * a busy minute fell seconds behind their reminders.
   */
  withdrawStale(now: number, read: ReadonlyArray<Session> = []): void {
    const readById = new Map(read.map((session) => [session.id, session]))
    for (const [sessionId, shown] of [...this.onScreen]) {
      // Its id given to another request (a platform restored from a backup), the session it spoke of is gone.
      const cached = readById.get(sessionId) ?? this.deps.cache.session(sessionId)
      const session = cached?.request.id === shown.requestId ? cached : null
      if (session !== null && reminderHolds(shown.moment, session, shown.bookedStart, now)) {
        shown.endsAt = autoCancelAt(session.bookedStart)
        continue
      }
      // Forgotten before telling: a failure in between leaves one on screen, never withdraws twice.
      this.onScreen.delete(sessionId)
      this.goneBeforeRestore?.add(sessionId)
      // For good once nothing more can be shown for its time: no later run need take it down again.
      if (session === null || !stillJoinable(session, now)) {
        const closedKey = { sessionId, bookedStart: shown.bookedStart, alert: CLOSED_ALERT }
        this.deps.marks.mark(closedKey, 'fired', this.deps.clock.now())
        if (session === null || session.state === 'cancelled' || session.state === 'ended')
          this.deps.marks.mark({ ...closedKey, alert: BOOKING_ENDED_ALERT }, 'fired', this.deps.clock.now())
      }
      try {
        this.deps.notifier.show({
          kind: 'reminder_closed',
          sessionId,
          bookedStart: shown.bookedStart,
          requestId: shown.requestId,
          title: session?.request.title ?? sessionId,
          body: withdrawnBecause(shown.moment, session, shown.bookedStart, this.deps.dayTime),
        })
      } catch (error) {
        // One the notifier could not take down must not keep the others, or the plan, from going on.
        this.deps.log.error(
          `Could not take down the reminder of session ${sessionId}; it may stay on screen`,
          error,
        )
      }
    }
  }

  /** When the clock alone next ends a reminder on screen (its session's auto-cancel); null when none will. */
  nextEnd(now: number): number | null {
    let next: number | null = null
    for (const { endsAt: end } of this.onScreen.values()) {
      if (end > now && (next === null || end < next)) next = end
    }
    return next
  }
}

/** Matches a reminder's own mark (named by its minutes before the start) or one of `alerts`. */
function minutesOr(...alerts: string[]): RegExp {
  return new RegExp(`^(\\d+|${alerts.join('|')})$`)
}

/** The marks of a session's reminders themselves, and of what they leave behind (reminder-marks.ts). */
const REMINDER_ALERTS = minutesOr(
  ALERT.startingNow,
  ALERT.clientAbsent,
  SHOWN_ALERT,
  CLOSED_ALERT,
  BOOKING_ENDED_ALERT,
  TOLD_ALERT,
)

/** The marks a reminder shown for a booked time leaves: its own and 'shown'. */
const SHOWN_MOMENTS = minutesOr(ALERT.startingNow, ALERT.clientAbsent, SHOWN_ALERT)

function onScreen(session: Session, moment: RetractableMoment): OnScreen {
  const { bookedStart } = session
  return { bookedStart, requestId: session.request.id, moment, endsAt: autoCancelAt(bookedStart) }
}

function shownKey(session: Session): ReminderKey {
  return { sessionId: session.id, bookedStart: session.bookedStart, alert: SHOWN_ALERT }
}
