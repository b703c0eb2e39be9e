/** Which 30- and 10-minute reminders already fired or were skipped, so a restart repeats none. */
import type Database from 'better-sqlite3'

/** What became of one reminder. */
export type ReminderOutcome = 'fired' | 'skipped'

/** Reads and writes reminder state. Writes run inside the caller's transaction, if any. */
export class ReminderRepository {
  private readonly selectHandled: Database.Statement<[string, number], { found: number }>
  private readonly insertReminder: Database.Statement<[string, number, ReminderOutcome, number]>
  private readonly deleteOrphans: Database.Statement<[]>
  private readonly deleteAllReminders: Database.Statement<[]>

  constructor(db: Database.Database) {
    this.selectHandled = db.prepare(
      'SELECT 1 AS found FROM reminders WHERE session_id = ? AND minutes_before = ?',
    )
    // The first outcome stands: a reminder that fired is not turned into a skipped one later.
    this.insertReminder = db.prepare(
      `INSERT INTO reminders (session_id, minutes_before, outcome, at) VALUES (?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
    )
    this.deleteOrphans = db.prepare('DELETE FROM reminders WHERE session_id NOT IN (SELECT id FROM sessions)')
    this.deleteAllReminders = db.prepare('DELETE FROM reminders')
  }

  /** Whether this reminder already fired or was skipped. */
  handled(sessionId: string, minutesBefore: number): boolean {
    return this.selectHandled.get(sessionId, minutesBefore) !== undefined
  }

  /** Record a reminder's outcome; a second record for the same reminder changes nothing. */
  mark(sessionId: string, minutesBefore: number, outcome: ReminderOutcome, at: number): void {
    this.insertReminder.run(sessionId, minutesBefore, outcome, at)
  }

  /** Remove the state of sessions the cache no longer holds. */
  pruneOrphans(): void {
    this.deleteOrphans.run()
  }

  /** Remove every reminder. */
  deleteAll(): void {
    this.deleteAllReminders.run()
  }
}
