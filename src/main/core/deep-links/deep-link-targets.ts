/**
 * What a deep link does once the app is up: the same focus request a press on its notification
 * makes (the popover on an invite, its main button focused; the window on a session), and the page
 * says so if it is no longer open. A link that opens nothing is told by a notification and a
 * notice in the window: the expert clicked something and waits to see what it did, and a
 * notification shows even when no window is open to hear the notice.
 *
 * A link that comes before the cache knows the expert (signed out, or signed in and still
 * catching up) is kept, the last one only, and opens once the cache does: signed out, the sign-in
 * form comes forward and a notification says the link opens after signing in.
 *
 * A link to an invite or session the cache does not hold opens nothing once the cache is caught
 * up with the platform, and the expert is told it is none of theirs: a link for another account,
 * a made-up id, or one too old to be kept. Opening the window on it would only say that it is "no
 * longer open", which it never was. Before the catch-up (a start, a reconnection) such a link
 * waits for it, as the invite it was sent for may be on its way.
 */
import { steadyNow, type Clock } from '../../../shared/clock'
import type { DeepLink } from '../../../shared/deep-link'
import type { AppNotice, FocusRequest } from '../notification-actions'
import type { Logger } from '../ports/logger'
import type { Notifier } from '../ports/notifier'
import type { Power } from '../ports/power'
import type { DeepLinkTargets } from './deep-link-inbox'
import { closedInviteText, type ClosedInvite } from './closed-invite'

/** The title of what the expert is told when a link opens nothing. */
export const LINK_NOT_OPENED = 'Could not open the link'

/** The title of what the expert is told of a link that waits for a sign-in. */
export const LINK_AFTER_SIGN_IN = 'Sign in to open the link'

/** The title of what the expert is told of a link that waits for the connection. */
export const LINK_AFTER_CATCH_UP = 'The link opens once Standby is online'

/** The title of what the expert is told of a link to an invite that is no longer open. */
export const LINK_INVITE_CLOSED = 'That invite is no longer open'

/** How long a link waits for a sign-in or the first catch-up; an older one would surprise. */
export const LINK_WAIT_MS = 10 * 60_000

/** What opening links needs from the host and the core. */
export interface DeepLinkTargetDeps {
  /** False while the app is quitting: nothing opens then. */
  readonly live: () => boolean
  /** Whether the cache knows the signed-in expert, so what a link names can be shown. */
  readonly signedIn: () => boolean
  /** Whether the cache holds what the link names, in any state (an invite since taken, a session since ended). */
  readonly holds: (link: DeepLink) => boolean
  /**
   * How the invite the link names closed, if the cache holds it no longer open (accepted, run out,
   * taken elsewhere, withdrawn); null when open or not an invite. Nothing is left to act on, so no
   * popover comes up over the expert's apps.
   */
  readonly closedInvite?: (link: DeepLink) => ClosedInvite | null
  /** Whether the cache is caught up with the platform now, so what it does not hold is not the expert's. */
  readonly caughtUp: () => boolean
  /**
   * Whether the platform cannot be reached now (offline, or waiting to reconnect), so a link that
   * waits for the catch-up may wait long: the expert is told it waits, not left guessing.
   */
  readonly unreachable?: () => boolean
  /** Whether nobody is signed in (the sign-in form shows), as opposed to a sign-in still catching up. */
  readonly signedOut: () => boolean
  /** Times a waiting link (steadyNow): by the time that passed, whatever the computer's clock is set to. */
  readonly clock: Clock
  /** The machine's sleeps, counted as time a link waited: the monotonic clock may stand still in them. */
  readonly power?: Pick<Power, 'onSuspend' | 'onResume'>
  /** Asks the host to show an invite or a session, as a notification's press does. */
  readonly focus: (request: FocusRequest) => void
  /** A notice in the window. */
  readonly notice: (notice: AppNotice) => void
  readonly notifier: Pick<Notifier, 'show'>
  /** Brings the window forward (the sign-in form, while signed out). */
  readonly showWindow: () => void
  readonly log: Logger
}

/** The targets, and a way to open the link kept for a sign-in or a catch-up. */
export interface DeepLinkOpener extends DeepLinkTargets {
  /** The sign-in or the cache changed: the link kept for them opens now if it can. */
  retry(): void
}

/** What is left of a link's wait once it has waited `waitedMs`, in whole minutes as the expert reads them. */
function minutesLeft(waitedMs: number): string {
  const minutes = Math.max(1, Math.ceil((LINK_WAIT_MS - waitedMs) / 60_000))
  return minutes === 1 ? '1 minute' : `${minutes} minutes`
}

/** The one notice about links on screen: what became of the latest one. */
export const LINK_NOTICE_ID = 'deep-link'

/**
 * A reading of the time that passed, sleeps included: the monotonic clock, plus what the wall clock
 * ran ahead of it between a suspend and the next resume (a night with the lid closed, which left
 * alone would have a link promised for ten minutes open out of the blue in the morning). A wall
 * clock set while awake, or an unlock reported as a resume, adds nothing.
 */
function sleepCounting(clock: Clock, power: DeepLinkTargetDeps['power']): () => number {
  let slept = 0
  let suspendedAt: { readonly wall: number; readonly mono: number } | null = null
  const reading = (): { readonly wall: number; readonly mono: number } => ({
    wall: clock.now(),
    mono: steadyNow(clock),
  })
  power?.onSuspend(() => {
    suspendedAt = reading()
  })
  power?.onResume(() => {
    if (suspendedAt === null) return
    const now = reading()
    slept += Math.max(0, now.wall - suspendedAt.wall - (now.mono - suspendedAt.mono))
    suspendedAt = null
  })
  return () => steadyNow(clock) + slept
}

/**
 * A link kept for a sign-in or a catch-up; `told` what the expert heard it waits for, as a link
 * promised to open is told when it is dropped instead.
 */
interface Waiting {
  readonly link: DeepLink
  readonly at: number
  readonly told?: 'sign-in' | 'connection'
}

/** The targets the deep link inbox hands links and refusals to. */
export function deepLinkTargets(deps: DeepLinkTargetDeps): DeepLinkOpener {
  // Set only once what the link does meanwhile is done (see retry).
  let waiting: Waiting | undefined
  const passed = sleepCounting(deps.clock, deps.power)
  const tell = (body: string, title = LINK_NOT_OPENED, tone: AppNotice['tone'] = 'warning'): void => {
    if (!deps.live()) return
    // Each takes the last one's place: links come as fast as a page can open them.
    deps.notifier.show({ kind: 'notice', title, body, noticeId: LINK_NOTICE_ID })
    deps.notice({ text: `${title}: ${body}`, tone })
  }
  // Marked as a link's: a page picks when it opens, so nothing that commits takes the focus.
  const focus = (link: DeepLink): void =>
    deps.focus(
      link.kind === 'invite'
        ? { kind: 'invite', inviteId: link.id, attention: false, link: true }
        : { kind: 'session', sessionId: link.id, link: true },
    )
  /** Whether the cache holds it; a cache that cannot be read leaves it to the page, as before. */
  const held = (link: DeepLink): boolean => {
    try {
      return deps.holds(link)
    } catch (error) {
      deps.log.warn(
        `The cache could not say whether it holds ${link.kind} ${link.id}; the link opens it`,
        error,
      )
      return true
    }
  }
  /**
   * An invite no longer open is told, not shown: the popover a link brings up shows without the
   * focus, hears no click elsewhere, and would stay on top of the expert's apps with nothing to do.
   * A cache that cannot be read leaves it to the page, as `held` does.
   */
  const closed = (link: DeepLink): ClosedInvite | null => {
    try {
      return deps.closedInvite?.(link) ?? null
    } catch (error) {
      deps.log.warn(
        `The cache could not say whether invite ${link.id} is still open; the link opens it`,
        error,
      )
      return null
    }
  }
  /** Shows what `link` names, or says how the invite it names closed. */
  const show = (link: DeepLink): void => {
    const how = closed(link)
    if (how === null) return focus(link)
    deps.log.info(`A link to invite ${link.id} came once it was no longer open (${how}); it opened nothing.`)
    tell(closedInviteText(link.id, how), LINK_INVITE_CLOSED, 'info')
  }
  /**
   * Whether the cache knows the signed-in expert; a cache that cannot be read (a damaged file)
   * goes by the sign-in alone, as `held` leaves the link to the page: a link comes from the
   * system's events, where a throw would be the app's uncaught error and open nothing.
   */
  const signedIn = (link: DeepLink): boolean => {
    try {
      return deps.signedIn()
    } catch (error) {
      deps.log.warn(
        `The cache could not say who is signed in for the link to ${link.kind} ${link.id}; it goes by the sign-in`,
        error,
      )
      return !deps.signedOut()
    }
  }
  /** Tells that `link` waits for the connection, when the platform cannot be reached now; whether it told. */
  const toldItWaits = (link: DeepLink, at: number): boolean => {
    if (deps.unreachable?.() !== true) return false
    tell(
      `Standby cannot reach the platform now, so it cannot tell yet whether ${link.kind} ${link.id} is yours: it opens once Standby is back online, if within ${minutesLeft(passed() - at)}.`,
      LINK_AFTER_CATCH_UP,
      'info',
    )
    return true
  }
  /** Signed in and known to the cache: open it, say it is none of the expert's, or wait for the catch-up. */
  const settle = (link: DeepLink, at: number, before?: Waiting['told']): void => {
    // The same link waiting again (`before`: what it was told) is not told again that it waits.
    waiting = undefined
    if (held(link)) return show(link)
    if (!deps.caughtUp()) {
      const told = before === 'connection' || toldItWaits(link, at) ? 'connection' : before
      waiting = { link, at, ...(told === undefined ? {} : { told }) }
      deps.log.info(`A link to ${link.kind} ${link.id} waits for the catch-up with the platform.`)
      return
    }
    deps.log.info(`A link to ${link.kind} ${link.id} names nothing this expert has; it opened nothing.`)
    tell(
      `Standby has no ${link.kind} ${link.id} for you: the link may be for another account, or for one too old to be kept. Open it from the app instead.`,
    )
  }
  return {
    open(link: DeepLink, waitedMs = 0) {
      // No notification can show any more: the log at least says where the click went.
      if (!deps.live()) {
        deps.log.info(
          `A link to ${link.kind} ${link.id} came as Standby was quitting; it opened nothing (clicked again once Standby has quit, it starts Standby on it).`,
        )
        return
      }
      // Carried from a run that ended while it waited: it keeps its age, so a restart (or several)
      // cannot keep a link alive past its wait. One with none of it left (or whose age is not known)
      // opens only if it can at once: it is never kept for a sign-in or a catch-up.
      const overdue = waitedMs > LINK_WAIT_MS
      if (overdue || (waitedMs === LINK_WAIT_MS && !(signedIn(link) && (held(link) || deps.caughtUp())))) {
        deps.log.info(
          `A link to ${link.kind} ${link.id} carried from the last run ${overdue ? `had waited over ${LINK_WAIT_MS / 60_000} minutes` : 'had no time left to wait for a sign-in or the connection'} and was dropped; it opened nothing.`,
        )
        return
      }
      const at = passed() - waitedMs
      if (signedIn(link)) return settle(link, at, waiting?.link === link ? waiting.told : undefined)
      if (!deps.signedOut()) {
        waiting = { link, at }
        deps.log.info(`A link to ${link.kind} ${link.id} waits for the first catch-up after signing in.`)
        return
      }
      deps.log.info(`A link to ${link.kind} ${link.id} came while signed out; it opens after the sign-in.`)
      // Kept once the sign-in form shows and the expert is told (see retry).
      waiting = undefined
      deps.showWindow()
      tell(
        `The link to ${link.kind} ${link.id} came while you were signed out: sign in within ${minutesLeft(waitedMs)}, and Standby opens it.`,
        LINK_AFTER_SIGN_IN,
        'info',
      )
      waiting = { link, at, told: 'sign-in' }
    },
    refused: (sentence) => tell(sentence),
    // One that waited too long is dropped at the next retry: it is not carried on either.
    waiting() {
      const waitedMs = waiting === undefined ? 0 : passed() - waiting.at
      return waiting !== undefined && waitedMs <= LINK_WAIT_MS ? { link: waiting.link, waitedMs } : undefined
    },
    retry() {
      if (waiting === undefined || !deps.live() || !signedIn(waiting.link)) return
      const { link, at, told } = waiting
      // Not waiting while it is handled, only once that is done: a throw on the way (the app's
      // unexpected error) leaves no link for the relaunch to carry back into the same throw.
      waiting = undefined
      if (passed() - at > LINK_WAIT_MS) {
        deps.log.info(`A link to ${link.kind} ${link.id} waited too long to open and was dropped.`)
        // Told it would open: it is told that it will not.
        const minutes = LINK_WAIT_MS / 60_000
        if (told === 'connection')
          tell(
            `The link to ${link.kind} ${link.id} waited over ${minutes} minutes for the connection and was dropped: open it from the app.`,
          )
        else if (told === 'sign-in')
          tell(
            `The link to ${link.kind} ${link.id} waited over ${minutes} minutes to open and was dropped: open it from the app.`,
          )
        return
      }
      // Still not held and not caught up: it goes on waiting, said once in the log, and told once
      // the platform turns out unreachable (a start offline begins as merely connecting).
      if (!held(link) && !deps.caughtUp()) {
        const toldNow = told !== 'connection' && toldItWaits(link, at) ? 'connection' : told
        waiting = { link, at, ...(toldNow === undefined ? {} : { told: toldNow }) }
        return
      }
      settle(link, at, told)
    },
  }
}
