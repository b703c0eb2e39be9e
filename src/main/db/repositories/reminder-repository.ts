/**
 * Which reminders and session alerts already fired or were skipped, by session, booked time and
 * alert, so a restart repeats none and a rebooked session reminds again for its new time.
 */
import type Database from 'better-sqlite3'
import { TOLD_ALERT } from '../../core/reminders/reminder-marks'
import { BOOKED_START_UNKNOWN } from '../../core/ports/notifier'
import { preparedOnUse, transactionOnUse } from './prepared-on-use'
import { storedClockReading, storedTime } from './stored-time'

/** What became of one reminder. */
export type ReminderOutcome = 'fired' | 'skipped'

/** One alert recorded for a session, without the session. */
export interface ReminderMarkRow {
  readonly bookedStart: number
  readonly alert: string
}

/** A snoozed reminder as stored. */
export interface SnoozeRow {
  readonly sessionId: string
  readonly bookedStart: number
  readonly at: number
}

/** A Snooze press waiting for the platform's time, as stored. */
export interface AwaitingSnoozeRow {
  readonly sessionId: string
  readonly bookedStart: number
  readonly requestId: string
  readonly at: number
}

/** Reads and writes reminder state. Writes run inside the caller's transaction, if any. */
export class ReminderRepository {
  private readonly selectHandled: Database.Statement<[string, number, string], { found: number }>
  private readonly selectMarks: Database.Statement<[string], ReminderMarkRow>
  private readonly selectOpen: Database.Statement<[string, string], Omit<SnoozeRow, 'at'>>
  private readonly insertReminder: Database.Statement<[string, number, string, ReminderOutcome, number]>
  private readonly keepToldInTransaction: (sessionId: string, bookedStart: number, at: number) => void
  private readonly deleteBooking: Database.Statement<[string, number, string]>
  private readonly deleteOrphans: Database.Statement<[]>
  private readonly deleteAllReminders: Database.Statement<[]>
  private readonly selectSnoozes: Database.Statement<[], SnoozeRow>
  private readonly upsertSnooze: Database.Statement<[string, number, number]>
  private readonly deleteSnooze: Database.Statement<[string]>
  private readonly deleteOrphanSnoozes: Database.Statement<[]>
  private readonly deleteAllSnoozes: Database.Statement<[]>
  private readonly selectAwaiting: Database.Statement<[], AwaitingSnoozeRow>
  private readonly upsertAwaiting: Database.Statement<[string, number, string, number]>
  private readonly deleteAwaiting: Database.Statement<[string]>
  private readonly deleteOrphanAwaiting: Database.Statement<[]>
  private readonly deleteAllAwaiting: Database.Statement<[]>

  constructor(db: Database.Database) {
    this.selectHandled = preparedOnUse(
      db,
      'SELECT 1 AS found FROM reminders WHERE session_id = ? AND booked_start = ? AND alert = ?',
    )
    // The primary key's prefix finds the session's rows; a session has a handful.
    this.selectMarks = preparedOnUse(
      db,
      `SELECT booked_start AS bookedStart, alert FROM reminders
       WHERE session_id = ? AND ${storedTime('booked_start')} ORDER BY at DESC`,
    )
    // Read at a start of the reminders only; a week's marks are kept (retention-policy.ts).
    this.selectOpen = preparedOnUse(
      db,
      `SELECT session_id AS sessionId, booked_start AS bookedStart FROM reminders AS open
       WHERE alert = ? AND ${storedTime('booked_start')} AND NOT EXISTS (SELECT 1 FROM reminders AS closed WHERE
         closed.session_id = open.session_id AND closed.booked_start = open.booked_start AND closed.alert = ?)`,
    )
    // The first outcome stands: a reminder that fired is not turned into a skipped one later.
    this.insertReminder = preparedOnUse(
      db,
      `INSERT INTO reminders (session_id, booked_start, alert, outcome, at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
    )
    // One start told per session, the latest: a start told before and again after moves would keep
    // its first time beside the others, and be taken for older than a start told in between.
    const deleteToldElse = preparedOnUse<[string, string, number]>(
      db,
      'DELETE FROM reminders WHERE session_id = ? AND alert = ? AND booked_start <> ?',
    )
    const upsertTold = preparedOnUse<[string, number, string, number]>(
      db,
      `INSERT INTO reminders (session_id, booked_start, alert, outcome, at) VALUES (?, ?, ?, 'fired', ?)
       ON CONFLICT DO UPDATE SET at = excluded.at`,
    )
    this.keepToldInTransaction = transactionOnUse(
      db,
      (sessionId: string, bookedStart: number, at: number) => {
        deleteToldElse.run(sessionId, TOLD_ALERT, bookedStart)
        upsertTold.run(sessionId, bookedStart, TOLD_ALERT, at)
      },
    )
    this.deleteBooking = preparedOnUse(
      db,
      'DELETE FROM reminders WHERE session_id = ? AND booked_start = ? AND alert <> ?',
    )
    this.deleteOrphans = preparedOnUse(
      db,
      'DELETE FROM reminders WHERE session_id NOT IN (SELECT id FROM sessions)',
    )
    this.deleteAllReminders = preparedOnUse(db, 'DELETE FROM reminders')
    this.selectSnoozes = preparedOnUse(
      db,
      `SELECT session_id AS sessionId, booked_start AS bookedStart, at FROM reminder_snoozes
       WHERE ${storedTime('booked_start')} AND ${storedClockReading('at')} ORDER BY at`,
    )
    this.upsertSnooze = preparedOnUse(
      db,
      `INSERT INTO reminder_snoozes (session_id, booked_start, at) VALUES (?, ?, ?)
       ON CONFLICT (session_id) DO UPDATE SET booked_start = excluded.booked_start, at = excluded.at`,
    )
    this.deleteSnooze = preparedOnUse(db, 'DELETE FROM reminder_snoozes WHERE session_id = ?')
    this.deleteOrphanSnoozes = preparedOnUse(
      db,
      'DELETE FROM reminder_snoozes WHERE session_id NOT IN (SELECT id FROM sessions)',
    )
    this.deleteAllSnoozes = preparedOnUse(db, 'DELETE FROM reminder_snoozes')
    this.selectAwaiting = preparedOnUse(
      db,
      `SELECT session_id AS sessionId, booked_start AS bookedStart, request_id AS requestId, at
       FROM snoozes_awaiting_time
       WHERE ${storedTime('booked_start')} OR booked_start IS ${BOOKED_START_UNKNOWN} ORDER BY at`,
    )
    this.upsertAwaiting = preparedOnUse(
      db,
      `INSERT INTO snoozes_awaiting_time (session_id, booked_start, request_id, at) VALUES (?, ?, ?, ?)
       ON CONFLICT (session_id) DO UPDATE SET
         booked_start = excluded.booked_start, request_id = excluded.request_id, at = excluded.at`,
    )
    this.deleteAwaiting = preparedOnUse(db, 'DELETE FROM snoozes_awaiting_time WHERE session_id = ?')
    this.deleteOrphanAwaiting = preparedOnUse(
      db,
      'DELETE FROM snoozes_awaiting_time WHERE session_id NOT IN (SELECT id FROM sessions)',
    )
    this.deleteAllAwaiting = preparedOnUse(db, 'DELETE FROM snoozes_awaiting_time')
  }

  /** Every Snooze press waiting for the platform's time, the earliest pressed first. */
  snoozesAwaitingTime(): AwaitingSnoozeRow[] {
    return this.selectAwaiting.all()
  }

  /** Keep a Snooze press waiting for the platform's time, replacing an earlier one of the session. */
  keepSnoozeAwaitingTime(row: AwaitingSnoozeRow): void {
    this.upsertAwaiting.run(row.sessionId, row.bookedStart, row.requestId, row.at)
  }

  /** Forget a session's Snooze press waiting for the time: it was answered. */
  dropSnoozeAwaitingTime(sessionId: string): void {
    this.deleteAwaiting.run(sessionId)
  }

  /** Every snoozed reminder, soonest first. */
  snoozes(): SnoozeRow[] {
    return this.selectSnoozes.all()
  }

  /** Snooze a session's reminder until `at`, replacing an earlier snooze of the same session. */
  snooze(sessionId: string, bookedStart: number, at: number): void {
    this.upsertSnooze.run(sessionId, bookedStart, at)
  }

  /** Forget a session's snooze. */
  dropSnooze(sessionId: string): void {
    this.deleteSnooze.run(sessionId)
  }

  /** Whether this alert for the session at this booked time already fired or was skipped. */
  handled(sessionId: string, bookedStart: number, alert: string): boolean {
    return this.selectHandled.get(sessionId, bookedStart, alert) !== undefined
  }

  /** The alerts recorded for the session, at every booked start, the latest recorded first. */
  marksOf(sessionId: string): ReminderMarkRow[] {
    return this.selectMarks.all(sessionId)
  }

  /** Each session's marks of `alert` with no mark of `closedBy` at the same booked start. */
  openMarks(alert: string, closedBy: string): Array<Omit<SnoozeRow, 'at'>> {
    return this.selectOpen.all(alert, closedBy)
  }

  /** Record an alert's outcome; a second record for the same one changes nothing. */
  mark(sessionId: string, bookedStart: number, alert: string, outcome: ReminderOutcome, at: number): void {
    this.insertReminder.run(sessionId, bookedStart, alert, outcome, at)
  }

  /** Forget the session's marks at `bookedStart`, all but those of `keep`: a booking there ended. */
  forgetBooking(sessionId: string, bookedStart: number, keep: string): void {
    this.deleteBooking.run(sessionId, bookedStart, keep)
  }

  /** Keep `bookedStart` as the session's start last told, replacing the one kept before. */
  keepTold(sessionId: string, bookedStart: number, at: number): void {
    this.keepToldInTransaction(sessionId, bookedStart, at)
  }

  /** Remove the state of sessions the cache no longer holds. */
  pruneOrphans(): void {
    this.deleteOrphans.run()
    this.deleteOrphanSnoozes.run()
    this.deleteOrphanAwaiting.run()
  }

  /** Remove every reminder. */
  deleteAll(): void {
    this.deleteAllReminders.run()
    this.deleteAllSnoozes.run()
    this.deleteAllAwaiting.run()
  }
}
