/**
 * Where deep links arrive from the OS (open-url, a second copy's argv, the cold-start argv) and
 * wait until the app can show them. macOS sends open-url before the app is ready when a link
 * starts it, so a link that arrives early is kept, not lost, and opened once the window exists.
 * Whoever can put a link in front of the expert can also send a flood of them (a page opening
 * standby:// in a loop): past a burst, links are held back until they stop coming for a burst's
 * length, and only the last valid one opens then, so a flood neither flickers the window nor fills
 * the log, however long it goes on.
 */
import { steadyNow, systemClock, type Clock, type TimerHandle } from '../../../shared/clock'
import { readDeepLink, type DeepLink } from '../../../shared/deep-link'
import { describeAddress } from '../../../shared/describe-untrusted'
import type { Logger } from '../../../shared/logger'
import { LINK_WAIT_MS } from './deep-link-targets'

/** How many links are handled one by one before the rest of a burst is held back. */
export const DEEP_LINK_BURST = 10
/**
 * How long a burst lasts: links beyond DEEP_LINK_BURST within it wait until it ends, and a flood
 * of held-back links ends once none came for this long.
 */
export const DEEP_LINK_BURST_MS = 10_000

/** A link's age when it is not known: it has no wait left, and opens only if it can at once. */
export const NO_WAIT_LEFT = 'no wait left'

/** What the log says of a link that opens nothing. */
const REFUSED_LINK_ADVICE =
  'Standby opens only standby://invite/<id> and standby://session/<id> links; open the invite from the app instead.'
/** What the expert is told of a link that opens nothing (no markup-like text: Linux reads it so). */
const REFUSED_LINK_SENTENCE =
  'Standby opens only links to one invite or one session; open the invite from the app instead.'

/**
 * A link that has not opened yet and how long it has waited so far: a link carried into a new run
 * goes on ageing from when it was clicked, so no restart makes it young again.
 */
export interface WaitingLink {
  readonly link: DeepLink
  readonly waitedMs: number
}

/** Where links go once the app can show them. */
export interface DeepLinkTargets {
  /** Opens `link`, which has already waited `waitedMs` (carried from an earlier run, or kept here; none by default). */
  readonly open: (link: DeepLink, waitedMs?: number) => void
  /** A link opened nothing: a sentence for the expert, saying why and what to do. */
  readonly refused?: (sentence: string) => void
  /** The link they keep for a sign-in or a catch-up, not opened yet. */
  readonly waiting?: () => WaitingLink | undefined
}

/** The inbox of deep links. */
export interface DeepLinkInbox {
  /**
   * A link from the OS, as text it has not read: refused with a log line, opened, or kept until
   * `openWith`. `waitedMs`: how long it already waited in an earlier run (none for a click), or
   * NO_WAIT_LEFT for one whose age is not known, which opens only if it can once handed on.
   */
  receive(raw: unknown, from: string, waitedMs?: number | typeof NO_WAIT_LEFT): void
  /** From now on links go to `targets` (or open with a function); the one kept meanwhile goes at once. */
  openWith(targets: DeepLinkTargets | ((link: DeepLink) => void)): void
  /**
   * The latest valid link that has not opened yet: held back in a burst, kept until `openWith`, or
   * kept by the targets for a sign-in or a catch-up. A Standby started again after an error opens it.
   */
  waiting(): WaitingLink | undefined
  /**
   * Whether any link has come, valid or not: a Standby started by a click builds no window of its
   * own, also for a link it refuses (a notification tells that), or any page could bring up a
   * window that takes the keyboard from the app the expert types in.
   */
  received(): boolean
  /**
   * At the quit: no burst is timed any more, so nothing opens after it; a link held back or kept
   * stays for `waiting()`, which hands it to the Standby started after the quit.
   */
  stop(): void
}

/** What the inbox needs besides a log. */
export interface DeepLinkInboxOptions {
  /** Times the bursts; the system clock unless a test drives one. */
  readonly clock?: Clock
}

/** A link to open (`since`: when it came, on the steady clock, its earlier waits included), or a refusal to tell. */
type Outcome =
  { readonly link: DeepLink; readonly since: number; readonly spent?: true } | { readonly refused: string }

/** An inbox that keeps the last link until it has somewhere to open it, and bounds bursts. */
export function createDeepLinkInbox(log: Logger, options: DeepLinkInboxOptions = {}): DeepLinkInbox {
  const clock = options.clock ?? systemClock
  let targets: DeepLinkTargets | undefined
  // Only the last valid one: the expert clicked it last, and opening a stale one first would only
  // flicker. A refusal is told only when no valid link came to open instead.
  let kept: Extract<Outcome, { link: DeepLink }> | undefined
  let keptRefusal: string | undefined
  let burst: { readonly handled: number; readonly timer: TimerHandle } | undefined
  let heldBack = 0
  let heldLink: Extract<Outcome, { link: DeepLink }> | undefined
  let lastHeldAt = 0
  let stopped = false
  let anyReceived = false

  const deliver = (outcome: Outcome): void => {
    if (targets === undefined) {
      if ('link' in outcome) kept = outcome
      else keptRefusal = outcome.refused
    } else if ('link' in outcome)
      targets.open(outcome.link, outcome.spent ? LINK_WAIT_MS : steadyNow(clock) - outcome.since)
    else targets.refused?.(outcome.refused)
  }
  const burstOver = (): void => {
    const quietFor = steadyNow(clock) - lastHeldAt
    if (heldBack > 0 && burst !== undefined && quietFor < DEEP_LINK_BURST_MS) {
      // The flood goes on: a new burst now would let its next links through, one window flicker
      // each, for as long as it lasts. Everything stays held until it has been quiet a burst long.
      burst = { ...burst, timer: clock.setTimeout(burstOver, DEEP_LINK_BURST_MS - quietFor) }
      return
    }
    burst = undefined
    if (heldBack === 0) return
    log.warn(
      `Ignored ${heldBack} standby:// links that came faster than anyone clicks` +
        (heldLink ? '; opening the last valid one.' : '; none of them was valid.'),
    )
    const held = heldLink
    heldBack = 0
    heldLink = undefined
    if (held) deliver(held)
  }
  /** Whether this link is handled now rather than held back until the burst is over. */
  const admit = (): boolean => {
    // After the quit no burst is timed: the link is handled as it comes (the targets refuse it then).
    if (stopped) return true
    if (burst === undefined) {
      burst = { handled: 1, timer: clock.setTimeout(burstOver, DEEP_LINK_BURST_MS) }
      return true
    }
    if (burst.handled >= DEEP_LINK_BURST) return false
    burst = { ...burst, handled: burst.handled + 1 }
    return true
  }

  return {
    receive(raw, from, waited = 0) {
      anyReceived = true
      // A wait used up as it comes: carried into a later run, the link is past it there.
      const [waitedMs, spent] =
        waited === NO_WAIT_LEFT ? [LINK_WAIT_MS, { spent: true as const }] : [waited, {}]
      const reading = readDeepLink(raw)
      const since = steadyNow(clock) - waitedMs
      if (!admit()) {
        if (heldBack === 0)
          log.warn(
            'Standby is getting standby:// links faster than anyone clicks; it ignores them until they stop, ' +
              'then opens the last valid one.',
          )
        heldBack += 1
        lastHeldAt = steadyNow(clock)
        if (reading.ok) heldLink = { link: reading.link, since, ...spent }
        return
      }
      if (!reading.ok) {
        log.warn(
          `Ignored a link from ${from}, ${describeAddress(raw)}: ${reading.reason}. ${REFUSED_LINK_ADVICE}`,
        )
        deliver({
          refused: `This standby:// link opens nothing: ${reading.reason}. ${REFUSED_LINK_SENTENCE}`,
        })
        return
      }
      deliver({ link: reading.link, since, ...spent })
    },
    openWith(next) {
      targets = typeof next === 'function' ? { open: (link) => next(link) } : next
      const [link, refusal] = [kept, keptRefusal]
      kept = keptRefusal = undefined
      if (link) deliver(link)
      else if (refusal !== undefined) deliver({ refused: refusal })
    },
    waiting() {
      const mine = heldLink ?? kept
      if (mine === undefined) return targets?.waiting?.()
      return { link: mine.link, waitedMs: steadyNow(clock) - mine.since }
    },
    received: () => anyReceived,
    stop() {
      stopped = true
      burst?.timer.cancel()
      burst = undefined
    },
  }
}
