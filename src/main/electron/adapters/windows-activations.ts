/**
 * Windows: presses on toasts from an earlier run, and on ones whose object is gone, arrive only
 * through `Notification.handleActivation`; those of a notification still held also reach its own
 * handlers (before or after this), which act on a click; a button is answered here, as Electron
 * may hand it to another toast of the id. Here each press is traced back to what it was about.
 */
import { Notification, type ActivationArguments } from 'electron'
import {
  namesAnotherRequest,
  REQUEST_UNKNOWN,
  type AppNotification,
  type NotificationActivation,
} from '../../core/ports/notifier'
import {
  actionAt,
  EARLIER_NOTICE,
  earlierReminder,
  inviteIn,
  notificationIdOf,
  reminderIn,
  type InviteIdRead,
} from './notification-options'
import type { PressHalves } from './press-halves'

/** What answering Windows' activations needs from the notifier. */
export interface WindowsActivationDeps {
  /** The shown notifications held for their events, with what each is about. */
  readonly held: ReadonlyMap<Notification, AppNotification>
  /** The held toasts whose time on screen ran out: they wait in the Action Center. */
  readonly inActionCenter: ReadonlySet<Notification>
  /** The held toasts Windows has not put up yet: no press can be on one of these. */
  readonly coming: ReadonlySet<Notification>
  /** For a held toast not up yet, what the toast it took the place of was about, where known. */
  readonly tookPlaceOf: ReadonlyMap<Notification, AppNotification>
  readonly halves: PressHalves
  /** Lets go of a held notification. */
  readonly release: (notification: Notification) => void
  /** Closes the held notifications `matches` accepts (one not up yet as it comes up), and lets them go. */
  readonly close: (matches: (data: AppNotification) => boolean) => void
  /** Tells the app of a press. */
  readonly report: (activation: NotificationActivation) => void
  /** The notification an earlier run showed for this invite, if it is still open; null once it closed. */
  readonly findInvite: (inviteId: string) => AppNotification | null
  /**
   * The notification of an invite the signed-in expert's cache holds in any state (closed since
   * too); null when it holds none, or no one is signed in.
   */
  readonly findPressedInvite?: (inviteId: string) => AppNotification | null
}

/** The presses Windows told before the app could act on them; answered once it can. */
export interface WindowsActivations {
  /** From now on every press is answered with `deps`, those kept first, in order. */
  answerWith(deps: WindowsActivationDeps): void
}

/**
 * Windows: takes handleActivation at once and keeps each press until `answerWith`. Electron keeps
 * only the last press told before a callback exists (windows_toast_activator.cc): registered only
 * once the app could act, a press during the start (the keychain can take its time) was lost to
 * the next one, as was the press that launched the app; and a toast's own 'action' is not heard.
 */
export function holdWindowsActivations(most: number, onError: (error: unknown) => void): WindowsActivations {
  const kept: ActivationArguments[] = []
  let answer: ((details: ActivationArguments) => void) | null = null
  // One press that cannot be answered (its cache read failed) must not take the kept ones after it.
  const answerOne = (details: ActivationArguments): void => {
    try {
      answer?.(details)
    } catch (error) {
      onError(error)
    }
  }
  Notification.handleActivation((details) => {
    if (answer !== null) return answerOne(details)
    // Bounded: a start that never ends must not keep every press.
    if (kept.push(details) > most) kept.shift()
  })
  return {
    answerWith(deps) {
      answer = windowsAnswer(deps)
      for (const details of kept.splice(0)) answerOne(details)
    },
  }
}

/** Windows: report presses on toasts from an earlier run, and on ones whose object is gone. */
function windowsAnswer(deps: WindowsActivationDeps): (details: ActivationArguments) => void {
  const { held, inActionCenter, coming, halves, release, report } = deps
  /** The held notifications a press can still reach through their own handlers. */
  const onScreen = (): AppNotification[] =>
    [...held].flatMap(([shown, data]) => (inActionCenter.has(shown) || coming.has(shown) ? [] : [data]))
  return (details) => {
    const invite = inviteIn(details.arguments)
    const reminder = invite === null ? reminderIn(details.arguments) : null
    const sessionId = reminder?.sessionId ?? null
    const id = invite?.id ?? reminder?.id ?? null
    // A button is heard here before any object hears it, so an earlier half is another press's
    // (a body click, which reaches only its own toast's object).
    if (id !== null && details.type !== 'action' && halves.isSecond(id, 'own')) return
    if (id !== null && details.type === 'action') {
      // Electron hands a button on to some toast it has under the id (in no set order), maybe an
      // earlier one of it, pressed or closed: the button is answered here alone.
      const ofId = [...held].filter(
        ([shown, data]) => !inActionCenter.has(shown) && notificationIdOf(data) === id,
      )
      // The press names the id alone: it may be on one the app closed as a newer one of the id
      // took its place (up since, or still coming). The newer is about the same thing, so it
      // leaves with the pressed one: let go, it would stay up unheld.
      const live = ofId.find(([shown]) => !coming.has(shown)) ?? ofId[0]
      if (live !== undefined) {
        const [shown, data] = live
        // Not up yet, it was not pressed: the press is the button of the one it took the place of.
        // Not known (not this run's), an invite's buttons are every invite's; a reminder's opens it.
        const pressed = coming.has(shown) ? deps.tookPlaceOf.get(shown) : data
        const buttonsOf = pressed ?? (data.kind === 'invite' ? data : undefined)
        deps.close((other) => notificationIdOf(other) === id)
        const action = buttonsOf === undefined ? undefined : actionAt(buttonsOf, details.actionIndex ?? -1)
        report({ action: action ?? 'open', notification: pressed ?? data })
        return
      }
    }
    if (id !== null && onScreen().some((n) => notificationIdOf(n) === id)) {
      halves.first(id, 'activation')
      return
    }
    // One of this run's waiting in the Action Center is gone once pressed; a reminder's buttons
    // are known (an invite's are read afresh below, as it may have closed).
    const waiting = [...held].find(
      ([shown, data]) => inActionCenter.has(shown) && notificationIdOf(data) === id,
    )
    if (waiting !== undefined) release(waiting[0])
    if (sessionId !== null && waiting !== undefined) {
      const [, reminder] = waiting
      const action = details.type === 'action' ? actionAt(reminder, details.actionIndex ?? -1) : 'open'
      report({ action: action ?? 'open', notification: reminder })
      return
    }
    if (reminder !== null) {
      // An earlier run's reminder: which buttons it had is gone with that run, so any press opens
      // its session, where Start and the rest are (unless its id is now another request's).
      report({ action: 'open', notification: earlierReminder(reminder) })
      return
    }
    const notification = invite === null ? null : asShown(deps.findInvite(invite.inviteId), invite)
    const button = details.type === 'action' ? actionAt(UNKNOWN_INVITE, details.actionIndex ?? -1) : undefined
    if (
      notification === null &&
      invite !== null &&
      button !== undefined &&
      !invite.inviteId.startsWith('~')
    ) {
      // Join or Decline on a toast whose invite closed meanwhile, or that is not the signed-in
      // expert's: the core sends it (the platform's refusal says why) or says why it acts for no
      // one, as for a toast of this run, rather than a window opening with no word of the press.
      const known = asShown(deps.findPressedInvite?.(invite.inviteId) ?? null, invite)
      report({ action: button, notification: known ?? unknownInvite(invite) })
      return
    }
    if (notification === null) {
      // Its body clicked, or a toast that names no invite of any run (a digest's id, not one of
      // ours): the window says what is open.
      report({ action: 'open', notification: EARLIER_NOTICE })
      return
    }
    const action = details.type === 'action' ? actionAt(notification, details.actionIndex ?? -1) : 'open'
    report({ action: action ?? 'open', notification })
  }
}

/**
 * The cached invite's notification as the pressed toast showed it, for the request the toast
 * names (an earlier version's names none): the core answers a press by that request. A toast of a
 * request the invite's id no longer has is known by its ids alone, so the other's words are never
 * put to it.
 */
function asShown(cached: AppNotification | null, toast: InviteIdRead): AppNotification | null {
  if (cached?.kind !== 'invite') return cached
  const gone = namesAnotherRequest(toast.requestId, cached.requestId)
  return gone ? unknownInvite(toast) : { ...cached, requestId: toast.requestId }
}

/** An invite known by the ids its toast carries alone (UNKNOWN_INVITE). */
function unknownInvite({ inviteId, requestId }: InviteIdRead): AppNotification {
  return { ...UNKNOWN_INVITE, inviteId, requestId }
}

/**
 * An invite known by its id alone: a press on its toast sends nothing unless the signed-in
 * expert's cache holds it, so its words are never shown. Instant, so its first button is Join.
 */
const UNKNOWN_INVITE = {
  kind: 'invite',
  inviteId: '',
  requestId: REQUEST_UNKNOWN,
  title: 'An invite',
  body: '',
  instant: true,
} as const satisfies AppNotification
