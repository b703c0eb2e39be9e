/**
 * Whether notifications reach the expert, as Settings' health line and the banner tell it: set
 * by the notifier as the OS refuses, stops making or makes toasts again (notifier.ts).
 */
import { Listeners, type Unsubscribe } from '../../../shared/listeners'
import type { Logger } from '../../core/ports/logger'
import type { NotifierHealth } from '../../core/ports/notifier'

/** What the health tells the expert to do; null when all is well. */
function adviceOf(health: NotifierHealth): string | null {
  return health.status === 'ok' ? null : health.advice
}

/** The notifier's health, each change told once and logged with its advice. */
export class HealthLine {
  private readonly changes: Listeners<NotifierHealth>

  constructor(
    private current: NotifierHealth,
    private readonly log: Logger,
  ) {
    this.changes = new Listeners<NotifierHealth>((error) => log.error('A listener failed', error))
  }

  /** The health now. */
  get now(): NotifierHealth {
    return this.current
  }

  /** Tell `next`, unless it says what is said already. */
  set(next: NotifierHealth): void {
    // The advice too: toasts that stop coming after one failed need other words than the failure's.
    if (next.status === this.current.status && adviceOf(next) === adviceOf(this.current)) return
    this.current = next
    if (next.status !== 'ok') this.log.warn(next.advice)
    this.changes.emit(next)
  }

  /** Hear every change. */
  onChange(listener: (health: NotifierHealth) => void): Unsubscribe {
    return this.changes.add(listener)
  }
}
