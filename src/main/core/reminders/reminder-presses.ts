/**
 * What a press on a reminder's notification does: Start runs the window's Start (the start window
 * is asked again at the press: the notification may have waited), Snooze puts the reminder off,
 * its body and Open show the session in the window, and a press on a reminder of a session whose
 * id is now another request's acts on nothing. The steps every press shares (who may act, one
 * press at a time, the follow-up) are NotificationActions' own, handed in as `PressSteps`
 * (press-steps.ts).
 */
import { errorMessage } from '../../../shared/error-message'
import type { NotificationCommands } from '../notification-actions'
import type { Logger } from '../ports/logger'
import type { PressSteps } from '../press-steps'
import type { NotificationAction, Notifier } from '../ports/notifier'
import { storageRemedy } from '../storage-remedy'
import { reminderActions, type ReminderNotification } from './reminder-actions'
import type { ReminderScheduler } from './reminder-scheduler'
import { SESSION_GONE } from './reminder-press'
import type { SnoozesAwaitingTime } from './snoozes-awaiting-time'

/** What a press on a reminder tells and asks the reminder scheduler. */
export type ReminderControls = Pick<
  ReminderScheduler,
  | 'pressed'
  | 'startAllowed'
  | 'whyNoStart'
  | 'snooze'
  | 'whyNoSnooze'
  | 'shownForAnotherRequest'
  | 'timeSettling'
> & { readonly snoozesAwaitingTime: Pick<SnoozesAwaitingTime, 'keep' | 'answered'> }

/** The title of what a press on a reminder of a session no longer in the list is told. */
export const REMINDER_OUT_OF_DATE = 'Reminder out of date'

/** The title of what a press waiting for the platform's time is told at once. */
export const WAITING_FOR_TIME = 'Checking the time with the platform'

/** What a press waiting for the platform's time does once it knows it, and what quitting meanwhile does. */
const WAITING_WHY = {
  start:
    'Standby starts the session once the platform tells it the time, or says why it could not (it waits at most a few seconds).',
  snooze:
    'Standby snoozes this reminder once the platform tells it the time (it waits at most a few seconds). If you quit Standby before then, it snoozes the reminder when it next starts, unless the session was cancelled or moved meanwhile.',
} as const

/** How the id of the notice of a press waiting for the platform's time begins; the session's id follows. */
const WAITING_NOTICE_PREFIX = 'time-wait:'

/** What reminder presses need. */
export interface ReminderPressDeps {
  readonly commands: Pick<NotificationCommands, 'start'>
  readonly reminders: ReminderControls
  readonly notifier: Notifier
  readonly log: Logger
}

/** Answers presses on reminders. */
export class ReminderPresses {
  /** The ids of the notices of presses waiting for the platform's time now on screen. */
  private readonly waitTold = new Set<string>()

  constructor(
    private readonly deps: ReminderPressDeps,
    private readonly steps: PressSteps,
  ) {}

  /** A press on a reminder: Start and Snooze where it offers them, else the session in the window. */
  async press(action: NotificationAction, reminder: ReminderNotification): Promise<void> {
    if (
      this.steps.readCache(
        () => this.deps.reminders.shownForAnotherRequest(reminder.sessionId, reminder.requestId),
        false,
      )
    )
      return this.shownForGone(action, reminder)
    // Pressed, it left the screen: its session changing now has nothing there to withdraw.
    this.deps.reminders.pressed(reminder.sessionId)
    const offered = reminderActions({ ...reminder, startAllowed: true })
    const target = { sessionId: reminder.sessionId }
    // Judged by a measured time: by a guess days off the session looks past, or a snooze is saved days off.
    if (action === 'snooze' && offered.includes('snooze')) {
      const waiting = this.afterTimeSettles(reminder, action, null)
      if (waiting === null) return this.steps.mayAct(target, action) ? this.snooze(reminder) : undefined
      const { sessionId, bookedStart, requestId } = reminder
      const kept = this.deps.reminders.snoozesAwaitingTime
      // Kept while it waits: the expert was told it is snoozed, even if Standby quits first.
      this.steps.readCache(() => kept.keep(sessionId, bookedStart, requestId), undefined)
      await waiting
      // Standby quit meanwhile: the press stays kept, answered by the next start's first known time.
      if (this.steps.quitting()) return
      try {
        return this.steps.mayAct(target, action) ? this.snooze(reminder) : undefined
      } finally {
        this.steps.readCache(() => kept.answered(sessionId), undefined)
      }
    }
    if (action === 'start' && offered.includes('start'))
      return this.steps.once(`session ${reminder.sessionId}`, async () => {
        const waiting = this.afterTimeSettles(reminder, action, this.steps.attemptUnderWay())
        if (waiting !== null) await waiting
        if (this.steps.mayAct(target, action)) await this.start(reminder)
      })
    this.steps.focus({ kind: 'session', sessionId: reminder.sessionId })
  }

  /**
   * Resolves once there is a time to judge the press by (and `attempt`, a connection attempt, is
   * over); null when nothing is awaited. While the time is awaited the expert is told at once what
   * the press waits for, rather than hearing nothing until the platform answers or the wait ends:
   * one notice per session however often it is pressed, taken down as the press's answer follows.
   */
  private afterTimeSettles(
    reminder: ReminderNotification,
    action: 'start' | 'snooze',
    attempt: Promise<void> | null,
  ): Promise<void> | null {
    const settling = this.deps.reminders.timeSettling()
    // Nothing to wait for: the press acts in the same turn, as on a connected app with its time known.
    if (settling === null) return attempt
    const noticeId = `${WAITING_NOTICE_PREFIX}${reminder.sessionId}`
    const told = !this.waitTold.has(noticeId)
    if (told) {
      this.waitTold.add(noticeId)
      this.steps.tell(WAITING_FOR_TIME, `${reminder.title}. ${WAITING_WHY[action]}`, 'info', noticeId)
    }
    return (async () => {
      try {
        if (attempt !== null) await attempt
        await settling
      } finally {
        if (told) {
          this.waitTold.delete(noticeId)
          const body = 'The wait for the platform’s time is over; the press is answered.'
          this.deps.notifier.show({ kind: 'notice_withdrawn', noticeId, title: WAITING_FOR_TIME, body })
        }
      }
    })()
  }

  /**
   * A press on a reminder of a session whose id is now another request's (a platform restored from a
   * backup): what it spoke of is gone, so nothing is sent and the other session is not opened in its
   * place; the window opens on the lists as they are, the expert is told why, and the notification,
   * where the OS still shows it (an earlier run's), is taken down.
   */
  private shownForGone(action: NotificationAction, reminder: ReminderNotification): void {
    const { sessionId, bookedStart, requestId, title } = reminder
    this.deps.log.info(
      `A ${action} pressed on a reminder of session ${sessionId} for request ${requestId}, now another request's: nothing done`,
    )
    this.steps.focus({ kind: 'window' })
    const why = `${SESSION_GONE} The window shows your sessions as they are now.`
    this.deps.notifier.show({ kind: 'reminder_closed', sessionId, bookedStart, requestId, title, body: why })
    this.steps.followUp(REMINDER_OUT_OF_DATE, reminder, why)
  }

  private async start(reminder: ReminderNotification): Promise<void> {
    const { reminders, commands, log } = this.deps
    const { sessionId, bookedStart, requestId } = reminder
    // Asked now, not when it was shown: the notification may have waited while the session changed.
    // By the time and request it named: a session moved since is refused, naming its new time, as
    // Snooze is, and one whose id is now another request's, as gone.
    if (!reminders.startAllowed(sessionId, bookedStart, requestId)) {
      const why = reminders.whyNoStart(sessionId, bookedStart, requestId) ?? 'Start is not open for it now.'
      log.info(`Start from a reminder refused for session ${reminder.sessionId}: ${why}`)
      return this.steps.followUp('Could not start', reminder, why)
    }
    const by = this.steps.signedInAs()
    const outcome = await commands.start({ sessionId: reminder.sessionId })
    if (this.steps.goneSince(by, 'Start', outcome)) return
    // Started: the window shows the live session, as after the window's own Start.
    if (outcome.ok) return this.steps.focus({ kind: 'session', sessionId: reminder.sessionId })
    log.warn(`Start from a reminder failed: ${outcome.error.message}`)
    this.steps.followUp('Could not start', reminder, outcome.error.message)
  }

  private snooze(reminder: ReminderNotification): void {
    const { reminders, log } = this.deps
    let snoozed: boolean
    try {
      snoozed = reminders.snooze(reminder.sessionId, reminder.bookedStart, reminder.requestId)
    } catch (error) {
      log.error('Could not save a snooze', error)
      const what = `Standby could not save the snooze (${errorMessage(error)}), so this reminder does not come back.`
      return this.steps.followUp('Could not snooze', reminder, `${what} ${storageRemedy(error)}.`)
    }
    if (snoozed) return
    // Refused when the session no longer waits for the expert, or its auto-cancel is too close.
    const why =
      reminders.whyNoSnooze(reminder.sessionId, reminder.bookedStart, reminder.requestId) ??
      'The session no longer waits for you to start it.'
    this.steps.followUp('Could not snooze', reminder, `${why} The window shows it as it is now.`)
  }
}
