/**
 * Which reminders and alerts fired or were skipped: in the cache, or held in memory while the
 * cache cannot save them (held-marks.ts), so a reminder still shows, once, on a full disk.
 */
import { HeldMarks } from '../held-marks'
import type { CacheStore, ReminderKey } from '../ports/cache-store'
import type { Logger } from '../ports/logger'

interface ReminderMark {
  readonly key: ReminderKey
  readonly outcome: 'fired' | 'skipped'
  readonly at: number
}

/** The marks of one scheduler: the cache's, and those held until the cache can take them. */
export class ReminderMarks {
  private readonly held: HeldMarks<ReminderMark>

  constructor(private readonly deps: { readonly cache: CacheStore; readonly log: Logger }) {
    this.held = new HeldMarks({
      save: ({ key, outcome, at }) => deps.cache.markReminder(key, outcome, at),
      idOf: ({ key }) => idOf(key),
      what: 'a reminder',
      log: deps.log,
    })
  }

  /** Whether this reminder or alert already fired or was skipped. */
  handled(key: ReminderKey): boolean {
    return this.held.holds(idOf(key)) || this.deps.cache.reminderHandled(key)
  }

  /** Record that it fired or was skipped; held when the cache cannot save it. */
  mark(key: ReminderKey, outcome: 'fired' | 'skipped', at: number): void {
    this.held.mark({ key, outcome, at })
  }

  /** Save the marks held so far. */
  saveHeld(): void {
    this.held.saveHeld()
  }
}

function idOf(key: ReminderKey): string {
  return JSON.stringify([key.sessionId, key.bookedStart, key.alert])
}
