/**
 * Which reminders and alerts fired or were skipped, and which snoozes are done with: in the cache,
 * or held in memory while the cache cannot save them (held-marks.ts), so a reminder still shows,
 * once, on a full disk, and a snooze it replaced does not show as well.
 */
import type { Session } from '../../../shared/protocol'
import type { RemindersSent } from '../../../shared/ipc/contract'
import { REMINDER_MINUTES_BEFORE } from '../../../shared/rules/session-timing'
import { Listeners } from '../../../shared/listeners'
import { HeldMarks } from '../held-marks'
import type { CacheStore, ReminderKey, SnoozedReminder } from '../ports/cache-store'
import type { Logger } from '../ports/logger'
import { sameBookedTime } from './due-alerts'

/**
 * The mark of a booked start told to the expert, that nudges moved the session from or a move moved
 * it to (session-moves.ts): kept so a restart measures the nudges that follow from the latest, not
 * from the start as cached or one told before a move.
 */
export const TOLD_ALERT = 'told'

interface ReminderMark {
  readonly key: ReminderKey
  readonly outcome: 'fired' | 'skipped'
  readonly at: number
}

/** A session's start last told, and when. */
interface ToldStart {
  readonly sessionId: string
  readonly start: number
  readonly at: number
}

/** The marks of one scheduler: the cache's, and those held until the cache can take them. */
export class ReminderMarks {
  private readonly held: HeldMarks<ReminderMark>
  /** Sessions whose snooze is done with (shown, replaced or moot) but still in the cache. */
  private readonly droppedSnoozes: HeldMarks<string>
  /** The start last told of each session, one per session: a later one replaces it. */
  private readonly toldStarts: HeldMarks<ToldStart>
  /** Ended bookings whose marks the cache could not forget yet, logged once each. */
  private readonly forgetFailing = new Set<string>()

  /** A reminder or alert was marked, or marks were forgotten: what `sent` answers may differ. */
  readonly changed: Listeners<void>

  constructor(private readonly deps: { readonly cache: CacheStore; readonly log: Logger }) {
    this.changed = new Listeners((error) => deps.log.error('A listener to the reminders sent failed', error))
    this.held = new HeldMarks({
      save: ({ key, outcome, at }) => deps.cache.markReminder(key, outcome, at),
      idOf: ({ key }) => idOf(key),
      what: 'a reminder',
      log: deps.log,
    })
    this.droppedSnoozes = new HeldMarks({
      save: (sessionId) => deps.cache.dropSnooze(sessionId),
      idOf: (sessionId) => sessionId,
      what: 'that a snoozed reminder was done with',
      log: deps.log,
    })
    this.toldStarts = new HeldMarks({
      save: ({ sessionId, start, at }) => deps.cache.keepToldStart(sessionId, start, at),
      idOf: ({ sessionId }) => sessionId,
      what: 'the time a session was last told for',
      log: deps.log,
    })
  }

  /** The snoozes still to show: the cache's, without those done with but not yet removed from it. */
  snoozes(): ReadonlyArray<SnoozedReminder> {
    return this.deps.cache.snoozedReminders().filter((s) => !this.droppedSnoozes.holds(s.sessionId))
  }

  /** Remove a session's snooze; held when the cache cannot, so it shows no more either way. */
  dropSnooze(sessionId: string): void {
    this.droppedSnoozes.mark(sessionId)
  }

  /** A new snooze was saved for this session: a removal still held must not take it away. */
  snoozed(sessionId: string): void {
    this.droppedSnoozes.drop(sessionId)
  }

  /** Whether this reminder or alert already fired or was skipped. */
  handled(key: ReminderKey): boolean {
    return this.held.holds(idOf(key)) || this.deps.cache.reminderHandled(key)
  }

  /** Record that it fired or was skipped; held when the cache cannot save it. */
  mark(key: ReminderKey, outcome: 'fired' | 'skipped', at: number): void {
    this.held.mark({ key, outcome, at })
    this.changed.emit()
  }

  /**
   * The reminders before each session's booked start that fired or were skipped, by what was
   * marked rather than by the time: platform time can move back (the computer's clock set back
   * before a measurement, a platform's answer behind the guess), and a reminder fired stays fired.
   */
  sent(sessions: ReadonlyArray<Session>): RemindersSent {
    return sessions.flatMap(({ id: sessionId, bookedStart }) => {
      const minutesBefore = REMINDER_MINUTES_BEFORE.filter((minutes) =>
        this.handled({ sessionId, bookedStart, alert: String(minutes) }),
      )
      return minutesBefore.length === 0 ? [] : [{ sessionId, bookedStart, minutesBefore }]
    })
  }

  /**
   * The session was booked again at `bookedStart` after a booking there ended: what was marked for
   * that booking (held or cached) is forgotten, so the new one reminds and alerts again, each once.
   * The start last told stays: it is the session's, not a booking's. False when the cache could not
   * forget them (a full disk): the new booking then waits, or what it marked would be forgotten too.
   */
  forgetBooking(sessionId: string, bookedStart: number): boolean {
    const id = JSON.stringify([sessionId, bookedStart])
    try {
      this.deps.cache.forgetBooking(sessionId, bookedStart, TOLD_ALERT)
    } catch (error) {
      // Nothing is dropped meanwhile: the cache's marks and the held ones stay as one answer.
      if (!this.forgetFailing.has(id))
        this.deps.log.error(
          `Could not clear the marks of session ${sessionId}'s ended booking; its reminders wait until the cache can`,
          error,
        )
      this.forgetFailing.add(id)
      return false
    }
    this.forgetFailing.delete(id)
    for (const { key } of this.held.all())
      if (key.sessionId === sessionId && key.bookedStart === bookedStart && key.alert !== TOLD_ALERT)
        this.held.drop(idOf(key))
    this.changed.emit()
    return true
  }

  /**
   * The session's booked start moved by a few seconds (the same appointment, due-alerts.ts
   * SAME_TIME_MS): these alerts handled for the old start count for the new one, so none repeats.
   */
  carry(sessionId: string, from: number, to: number, alerts: ReadonlyArray<string>, now: number): void {
    for (const alert of alerts)
      if (this.handled({ sessionId, bookedStart: from, alert }))
        this.mark({ sessionId, bookedStart: to, alert }, 'fired', now)
  }

  /**
   * The session is seen for the first time by this run: when the cache holds no alert for its start
   * but holds some for a start less than a minute off (a nudge saved by a run that stopped before
   * carrying them), those count for the start booked now, as `carry` would have made them.
   * Returns the start they were carried from; null when none was.
   */
  carryFromNear(sessionId: string, to: number, alerts: ReadonlyArray<string>, now: number): number | null {
    const starts = this.marksOf(sessionId).flatMap((m) => (m.alert === TOLD_ALERT ? [] : [m.bookedStart]))
    if (starts.includes(to)) return null
    const near = starts.filter((start) => sameBookedTime(start, to))
    const from = near.sort((a, b) => Math.abs(a - to) - Math.abs(b - to))[0]
    if (from === undefined) return null
    this.carry(sessionId, from, to, alerts, now)
    return from
  }

  /** Keep `start` as the session's start last told: a nudge moved the session off it, or a move to it. */
  told(sessionId: string, start: number, now: number): void {
    // The latest wins, also over one still held for a cache that could not take it.
    this.toldStarts.drop(sessionId)
    this.toldStarts.mark({ sessionId, start, at: now })
  }

  /**
   * The start last told to the expert that nudges moved the session from, as kept by `told`: the
   * latest kept less than a minute from `start`, the one booked now; null when none is (the start
   * booked now is then the one told).
   */
  toldNear(sessionId: string, start: number): number | null {
    const told = this.marksOf(sessionId).find(
      (m) => m.alert === TOLD_ALERT && sameBookedTime(m.bookedStart, start),
    )
    return told?.bookedStart ?? null
  }

  /**
   * The session's marks, the latest first: those held for the cache before its own. A start told
   * that is held replaces the one the cache keeps, as saving it would, so a full disk changes no answer.
   */
  marksOf(sessionId: string): ReadonlyArray<Omit<ReminderKey, 'sessionId'>> {
    const told = this.toldStarts.heldAs(sessionId)
    const held = this.held
      .all()
      .filter(({ key }) => key.sessionId === sessionId)
      .reverse()
      .map(({ key }) => ({ bookedStart: key.bookedStart, alert: key.alert }))
    const cached = this.deps.cache
      .reminderMarks(sessionId)
      .filter((m) => told === undefined || m.alert !== TOLD_ALERT)
    return [
      ...(told === undefined ? [] : [{ bookedStart: told.start, alert: TOLD_ALERT }]),
      ...held,
      ...cached,
    ]
  }

  /** The sessions with marks held in memory for the cache (which it does not list yet). */
  sessionsHeld(): ReadonlySet<string> {
    const told = this.toldStarts.all().map((t) => t.sessionId)
    return new Set([...told, ...this.held.all().map(({ key }) => key.sessionId)])
  }

  /** The cache was emptied: the marks held for it are of an expert no longer here. */
  forget(): void {
    this.held.forget()
    this.droppedSnoozes.forget()
    this.toldStarts.forget()
    this.changed.emit()
  }

  /** Save the marks held so far. */
  saveHeld(): void {
    this.held.saveHeld()
    this.droppedSnoozes.saveHeld()
    this.toldStarts.saveHeld()
  }
}

function idOf(key: ReminderKey): string {
  return JSON.stringify([key.sessionId, key.bookedStart, key.alert])
}
