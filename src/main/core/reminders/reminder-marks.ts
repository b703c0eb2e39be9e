/**
 * Which reminders and alerts fired or were skipped. The cache keeps them, so a restart repeats
 * none; a mark the cache cannot save (a full disk, a read-only profile) is held here until it can,
 * so the reminder still shows, once, instead of waiting for the disk while its session comes
 * closer. Each later plan saves what is held.
 */
import type { CacheStore, ReminderKey } from '../ports/cache-store'
import type { Logger } from '../ports/logger'

interface HeldMark {
  readonly key: ReminderKey
  readonly outcome: 'fired' | 'skipped'
  readonly at: number
}

/** The marks of one scheduler: the cache's, and those held until the cache can take them. */
export class ReminderMarks {
  private readonly held = new Map<string, HeldMark>()

  constructor(private readonly deps: { readonly cache: CacheStore; readonly log: Logger }) {}

  /** Whether this reminder or alert already fired or was skipped. */
  handled(key: ReminderKey): boolean {
    return this.held.has(idOf(key)) || this.deps.cache.reminderHandled(key)
  }

  /** Record that it fired or was skipped; held here when the cache cannot save it. */
  mark(key: ReminderKey, outcome: 'fired' | 'skipped', at: number): void {
    if (this.held.has(idOf(key))) return
    try {
      this.deps.cache.markReminder(key, outcome, at)
    } catch (error) {
      if (this.held.size === 0)
        this.deps.log.error(
          'Could not record a reminder in the cache; Standby keeps it in memory and records it once it can',
          error,
        )
      this.held.set(idOf(key), { key, outcome, at })
    }
  }

  /** Save the marks held so far, in order, until the cache refuses one. */
  saveHeld(): void {
    for (const [id, { key, outcome, at }] of this.held) {
      try {
        this.deps.cache.markReminder(key, outcome, at)
      } catch {
        return
      }
      this.held.delete(id)
      if (this.held.size === 0)
        this.deps.log.info('The reminders held in memory are recorded in the cache again')
    }
  }
}

function idOf(key: ReminderKey): string {
  return JSON.stringify([key.sessionId, key.bookedStart, key.alert])
}
