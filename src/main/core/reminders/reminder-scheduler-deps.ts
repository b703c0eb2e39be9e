/** What the reminder scheduler needs from its host. */
import type { Clock } from '../../../shared/clock'
import type { CacheStore } from '../ports/cache-store'
import type { Logger } from '../ports/logger'
import type { Notifier } from '../ports/notifier'
import type { Power } from '../ports/power'
import type { DayTimeFormat } from '../sync/invite-notification'
import type { TimeFormat } from './reminder-texts'

/** The ports the scheduler reads and tells, and the formats its texts write times in. */
export interface ReminderSchedulerDeps {
  clock: Clock
  cache: CacheStore
  notifier: Notifier
  power: Power
  log: Logger
  /** Read at each reminder, so turning reminders off takes effect at once. */
  enabled: () => boolean
  /**
   * Whether an expert is signed in (left out: always). While no one is, nothing is decided:
   * what falls due meanwhile is theirs, shown late once they are back rather than lost.
   */
  signedIn?: () => boolean
  /**
   * How much longer (ms) the clock's time is a guess its first measurement (or a wake's answer)
   * may yet overturn (PlatformClock.firstMeasureWait); nothing is shown, skipped or withdrawn by
   * the time meanwhile.
   */
  firstMeasureWait?: () => number
  /**
   * Whether the platform measured the time and a second answer bore it out (PlatformClock.measuredSurely;
   * left out: always). A plan by a guess once the wait is over finds again what an earlier run showed,
   * and the first plan by a measured time finds it again, as a guess days off finds none of it.
   */
  timeMeasured?: () => boolean
  formatTime?: TimeFormat
  /** Writes a weekday and time, for alerts about a session's day ("Tue 14:00"). */
  formatDayTime?: DayTimeFormat
}
