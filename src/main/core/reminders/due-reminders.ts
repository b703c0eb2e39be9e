/**
 * What to do about one booked session's reminders at a moment, as a pure function: fire the one
 * that is due, skip those a later one makes pointless, and say "starting now" once when the
 * session can be started and every reminder came too late. `now` is the platform's time.
 */
import { reminderPlan, startWindowAt } from '../../../shared/rules/session-timing'

/** A reminder this late is stale: the machine was asleep or Standby was not running. */
export const LATE_GRACE_MS = 60_000

/** The decision for one session at one moment. */
export interface DueReminders {
  /** Reminders (by minutes before) to record as skipped: a later one is due. */
  readonly skip: ReadonlyArray<number>
  /** The reminder to show now, and how many whole minutes are really left; null for none. */
  readonly fire: { readonly minutesBefore: number; readonly minutesLeft: number } | null
  /** Show the one "starting now" notice instead of a stale reminder. */
  readonly startingNow: boolean
  /** When the next reminder falls due; null when none is left. */
  readonly nextAt: number | null
}

/**
 * Decide at `now` for a session booked at `bookedStart`; `handled(m)` says whether the reminder
 * `m` minutes before was already fired or skipped. A stale reminder is skipped only when a later
 * one is due (another reminder, or "starting now" once Start is open); otherwise it is shown late
 * with the time that is really left, so an expert who wakes the machine is still told.
 */
export function dueReminders(
  bookedStart: number,
  now: number,
  handled: (minutesBefore: number) => boolean,
): DueReminders {
  const open = reminderPlan(bookedStart).filter((r) => !handled(r.minutesBefore))
  const due = open.filter((r) => r.at <= now)
  const nextAt = open.find((r) => r.at > now)?.at ?? null
  const latest = due.at(-1)
  if (latest === undefined) return { skip: [], fire: null, startingNow: false, nextAt }
  const earlier = due.slice(0, -1).map((r) => r.minutesBefore)
  const minutesLeft = Math.ceil((bookedStart - now) / 60_000)
  if (now - latest.at <= LATE_GRACE_MS)
    return {
      skip: earlier,
      fire: { minutesBefore: latest.minutesBefore, minutesLeft },
      startingNow: false,
      nextAt,
    }
  if (startWindowAt(bookedStart, now) === 'open')
    return { skip: [...earlier, latest.minutesBefore], fire: null, startingNow: true, nextAt }
  return {
    skip: earlier,
    fire: { minutesBefore: latest.minutesBefore, minutesLeft },
    startingNow: false,
    nextAt,
  }
}
