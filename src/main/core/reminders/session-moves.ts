/**
 * A booked session the platform moved to another time without the expert asking (no proposal of
 * theirs that the client accepted): the expert planned around the old time, so one alert says
 * from when to when it moved, once per platform update. A move the client's acceptance explains
 * is told by that alert (session-changes.ts) instead. The booked starts compared with are those
 * the last plan saw; the scheduler plans from the cache at every start, so a move the catch-up
 * after a start brings is told too.
 */
import type { Session } from '../../../shared/protocol'
import type { BookedSessionStart } from '../ports/cache-store'
import { nameInSentence, titleInSentence } from '../../../shared/sentence-parts'
import type { DayTimeFormat } from '../sync/invite-notification'
import { alertPlan, sameBookedTime, stillJoinable, type ReminderMoment } from './due-alerts'
import type { ReminderMarks } from './reminder-marks'
import { BOOKING_ENDED_ALERT, SHOWN_ALERT } from './shown-reminders'
import { dueTail, type DueTail, type ReminderText, type TimeFormat } from './reminder-texts'
import { forgetEndedBooking, type TakeDue } from './session-plan'

/** How the alert name of a move begins; the platform's update time follows, so each move is told once. */
export const MOVED_PREFIX = 'moved:'

/** What telling a move needs from the scheduler. */
export interface SessionMoveDeps {
  readonly marks: ReminderMarks
  readonly show: (session: Session, now: number, moment: ReminderMoment, text: ReminderText) => void
  readonly dayTime: DayTimeFormat
  readonly time: TimeFormat
  /** Takes the reminder the new time makes due at once into the alert of the move. */
  readonly takeDue: TakeDue
  /** Whether the time is measured (ReminderScheduler.timeKnown): a guess cannot say a session is past. */
  readonly timeKnown: () => boolean
  /** One cached session, whole. */
  readonly session: (id: string) => Session | null
}

/** The booked start of each scheduled session the last plan saw, to tell a move against. */
export class SessionMoves {
  private known = new Map<string, Booked>()
  /** Whether every held session was read by a guess since the last plan by a measured time. */
  private readByGuess = false

  constructor(private readonly deps: SessionMoveDeps) {}

  /**
   * The booked sessions a plan saw at `now`: their starts are what a later change is compared with.
   * One seen first starts from what an earlier run left of it (`kept`).
   */
  planned(sessions: ReadonlyArray<Session>, now: number): void {
    const booked = sessions.filter((s) => s.kind === 'scheduled' && s.state === 'booked')
    this.known = new Map(booked.map((s) => [s.id, bookedOf(s, this.known.get(s.id) ?? this.kept(s, now))]))
    this.readByGuess = false
  }

  /**
   * A plan by a guess (the time not yet measured): every booked start is `read` once a wait, each
   * change then bringing its own (`seen`), so a catch-up of many pages does not read all at each.
   * Read from the cache's columns: only a session with reminder marks, which an earlier run may
   * have left a start told or a nudge to carry in, is read whole, as `planned` reads it.
   */
  plannedByGuess(read: () => ReadonlyArray<BookedSessionStart>, now: number): void {
    if (this.readByGuess) return
    this.readByGuess = true
    const held = this.deps.marks.sessionsHeld()
    const known = new Map<string, Booked>()
    for (const row of read()) {
      const { id, bookedStart, requestId } = row
      const was = this.known.get(id)
      if (was !== undefined || !(row.remindersMarked || held.has(id))) {
        known.set(
          id,
          bookedAs(bookedStart, requestId, was ?? { bookedStart, toldStart: bookedStart, requestId }),
        )
        continue
      }
      const session = this.deps.session(id)
      if (session !== null) known.set(id, bookedOf(session, this.kept(session, now)))
    }
    this.known = known
  }

  /** A snapshot replaced the sessions, some gone with no change told: the next plan by a guess reads all. */
  readAgain(): void {
    this.readByGuess = false
  }

  /**
   * Sessions a change brought, after `tell`, while the time is a guess: as a plan would, one newly
   * booked is taken and one no longer booked let go, so later moves are told without a read of all.
   */
  seen(sessions: ReadonlyArray<Session>, now: number): void {
    // By a measured time every plan reads the sessions again: nothing to keep up.
    if (!this.readByGuess) return
    for (const s of sessions)
      if (s.kind !== 'scheduled' || s.state !== 'booked') this.known.delete(s.id)
      else if (!this.known.has(s.id)) this.known.set(s.id, bookedOf(s, this.kept(s, now)))
  }

  /** Tell each of these sessions that moved since the last plan, unless the client's answer explains it. */
  tell(sessions: ReadonlyArray<Session>, now: number): void {
    for (const session of sessions) {
      const known = this.known.get(session.id)
      if (known === undefined || known.bookedStart === session.bookedStart) continue
      this.known.set(session.id, bookedOf(session, known))
      // Its id given to another request (a platform restored from a backup), it is another session.
      if (known.requestId !== session.request.id) continue
      if (sameBookedTime(known.toldStart, session.bookedStart)) {
        this.deps.marks.carry(session.id, known.bookedStart, session.bookedStart, carried(session), now)
        // Kept, so after a restart the nudges that follow still add up from it.
        this.deps.marks.told(session.id, known.toldStart, now)
        continue
      }
      // A move: the start booked now is the one the expert knows from here on (told below, or by
      // the client's answer). Kept as well, or after a restart a mark of a start this move left
      // would still be taken for the one told.
      this.deps.marks.told(session.id, session.bookedStart, now)
      // The booking at the start left ended: moved back there later, the session reminds again.
      const left = { sessionId: session.id, bookedStart: known.bookedStart, alert: BOOKING_ENDED_ALERT }
      this.deps.marks.mark(left, 'fired', now)
      forgetEndedBooking(this.deps.marks, session)
      // Nudges that add up to a minute or more are a move from the time the expert was told.
      const before = known.toldStart
      // By a guess days ahead every session looks past: its move, known no more after this, is told.
      const past = this.deps.timeKnown() && !stillJoinable(session, now)
      if (session.state !== 'booked' || past || acceptedMove(session, known.bookedStart)) continue
      const key = { sessionId: session.id, bookedStart: session.bookedStart, alert: movedAlert(session) }
      if (this.deps.marks.handled(key)) continue
      this.deps.marks.mark(key, 'fired', now)
      // Moved earlier (or near), a reminder of the new time may be due at once: one notification
      // says both, with its buttons, rather than "moved" and then at once "in 15 minutes".
      const due = this.deps.takeDue(session, now)
      const { dayTime, time } = this.deps
      if (due === null) this.deps.show(session, now, 'moved', movedText(session, before, dayTime))
      else
        this.deps.show(
          session,
          now,
          due,
          movedText(session, before, dayTime, dueTail(session, now, due, time)),
        )
    }
  }

  /**
   * What an earlier run left of a session this run sees first: the start last told, when nudges
   * moved it since, and what fired for a start less than a minute off, which a run that stopped
   * between saving the nudge and carrying its marks left behind (taken for the start booked now).
   */
  private kept(session: Session, now: number): Booked {
    const { id, bookedStart } = session
    const { marks } = this.deps
    const carriedFrom = marks.carryFromNear(id, bookedStart, carried(session), now)
    const told = marks.toldNear(id, bookedStart) ?? carriedFrom ?? bookedStart
    return { bookedStart, toldStart: told, requestId: session.request.id }
  }

  /** The cache was emptied: nothing known is the new expert's. */
  forget(): void {
    this.known = new Map()
    this.readByGuess = false
  }
}

/** A booked session's start as a plan saw it, the start its reminders and moves told, and its request. */
interface Booked {
  readonly bookedStart: number
  /** The start last told, kept through nudges (SAME_TIME_MS) and restarts: they add up to a move from it. */
  readonly toldStart: number
  readonly requestId: string
}

/** The session as booked now; `was`, what was known of it, gives the start told while only nudged. */
function bookedOf(session: Session, was: Booked | undefined): Booked {
  return bookedAs(session.bookedStart, session.request.id, was)
}

/** A session booked at `bookedStart` for `requestId`, as `bookedOf`. */
function bookedAs(bookedStart: number, requestId: string, was: Booked | undefined): Booked {
  const nudged =
    was !== undefined && was.requestId === requestId && sameBookedTime(was.toldStart, bookedStart)
  return { bookedStart, toldStart: nudged ? was.toldStart : bookedStart, requestId }
}

/** The alerts a nudge carries to the new start: those of its plan, and the mark of one shown. */
function carried(session: Session): ReadonlyArray<string> {
  return [...alertPlan(session).map((a) => a.alert), SHOWN_ALERT]
}

/** The move is the expert's own proposal that the client accepted (told as their answer). */
function acceptedMove(session: Session, before: number): boolean {
  const r = session.reschedule
  return (
    r !== null &&
    r.state === 'accepted' &&
    r.proposedStart === session.bookedStart &&
    r.previousStart === before
  )
}

function movedAlert(session: Session): string {
  return `${MOVED_PREFIX}${session.updatedAt}`
}

/**
 * "Moved: Query plan, now Tue 15:00", from when to when, and what the expert can do; with the
 * reminder the new time makes due at once, how long is left ("…, in 15 minutes") and what to do.
 */
export function movedText(
  session: Session,
  before: number,
  dayTime: DayTimeFormat,
  due: DueTail | null = null,
): ReminderText {
  const name = nameInSentence(session.client.name)
  const next = due === null ? 'Reminders follow the new time.' : due.hint
  return {
    title: `Moved: ${titleInSentence(session.request.title)}, now ${dayTime(session.bookedStart)}${due === null ? '' : `, ${due.lead}`}`,
    body: `Your session with ${name} was moved from ${dayTime(before)} to ${dayTime(session.bookedStart)}. ${next} If it does not suit you, message ${name} or propose another time.`,
  }
}
