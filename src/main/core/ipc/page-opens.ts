/**
 * How often a page may have the app open something outside it: a web page in the system browser
 * (a link, `window.open`, a session's room), a calendar file in the calendar app, the log folder,
 * and a test notification with its sound.
 * Each lands on the expert's desktop as a new tab or window, and a page that asks in a loop (a
 * bug, or a compromised renderer) would bury the desktop under them, so past a burst of opens
 * further ones are refused, with a sentence the page shows, until the burst is over. Opens the
 * app decides on itself (the room of a session joined from a notification) are not counted.
 */
import { steadyNow, type Clock } from '../../../shared/clock'
import type { Logger } from '../ports/logger'

/** How many opens a burst allows, and how long it lasts. */
export interface PageOpenLimits {
  readonly most: number
  readonly windowMs: number
}

/** More than a person clicks through (every attachment of a request, one by one). */
export const PAGE_OPEN_LIMITS: PageOpenLimits = { most: 10, windowMs: 10_000 }

/**
 * Sign-ins a page may try per minute: more than a person retypes a password. Each reaches the
 * address the page names and writes a log line, so a page trying in a loop is refused past them.
 */
export const SIGN_IN_LIMITS: PageOpenLimits = { most: 10, windowMs: 60_000 }

/**
 * Messages a page may send to clients per minute: more than a person types, even answering
 * several clients at once. Each goes to a client, so a page sending in a loop (a bug, or a
 * compromised renderer) would flood the client's thread; past them a message is refused, and the
 * draft stays in its box to be sent again. Identical messages are never merged: an expert may
 * send "ok" twice on purpose.
 */
export const MESSAGE_LIMITS: PageOpenLimits = { most: 30, windowMs: 60_000 }

/**
 * Times a page may bring the window to the front within a few seconds: a press of "Open Standby"
 * and a few more. Past them the window stays where it is, raised just now already, so that a
 * page asking in a loop cannot take the keyboard from whatever the expert turned to.
 */
export const WINDOW_RAISE_LIMITS: PageOpenLimits = { most: 3, windowMs: 10_000 }

/**
 * Commands of one kind (Join, Decline, Cancel, Save note, availability…) a page may send per
 * minute: each is a press of a button, so a minute of them is more than anyone presses, and the
 * window's and the notifications' buttons stay far from it. Past them a command is refused before
 * it leaves, so a page pressing in a loop (a bug, or a compromised renderer) reaches neither the
 * platform nor the clients its commands touch; each kind is counted on its own, so such a loop
 * never stops the expert answering an invite.
 */
export const COMMAND_LIMITS: PageOpenLimits = { most: 60, windowMs: 60_000 }

/** How a burst names what it counts, in the log and to the page. */
export interface BurstWords {
  /** What is counted, in the log line, e.g. "opens". */
  readonly counted: string
  /** The sentence refusing `action` past the burst. */
  refusal(action: string, limits: PageOpenLimits): string
}

/** The words of the opens' burst. */
const OPEN_WORDS: BurstWords = {
  counted: 'opens',
  refusal: (action, limits) =>
    `Standby did not ${action}: it has just opened or shown ${limits.most} things within a few seconds. Wait a few seconds, then try again.`,
}

/** The words of the sign-ins' burst. */
export const SIGN_IN_WORDS: BurstWords = {
  counted: 'sign-ins',
  refusal: (action, limits) =>
    `Standby did not ${action}: it has tried ${limits.most} sign-ins within the last minute. Wait a minute, check the address, email and password, then try again.`,
}

/** The words of the messages' burst. */
export const MESSAGE_WORDS: BurstWords = {
  counted: 'messages',
  refusal: (action, limits) =>
    `Standby did not ${action}: ${limits.most} messages were sent within the last minute, more than anyone types. Your message is still in the box: wait a minute, then send it again.`,
}

/**
 * Messages a page may ask to send per minute, whether they leave or not: a message that never
 * left (offline) or that the platform refused is given back to MESSAGE_LIMITS, so the expert may
 * send it again, but a page sending in a loop that keeps failing is still held here.
 */
export const MESSAGE_ATTEMPT_LIMITS: PageOpenLimits = { most: 2 * MESSAGE_LIMITS.most, windowMs: 60_000 }

/** The words of the message attempts' burst. */
export const MESSAGE_ATTEMPT_WORDS: BurstWords = {
  counted: 'message sends',
  refusal: (action, limits) =>
    `Standby did not ${action}: it was asked to send ${limits.most} messages within the last minute, and many of them could not be sent. Your message is still in the box: wait a minute, then send it again.`,
}

/** The words of a kind of command's burst. */
export const COMMAND_WORDS: BurstWords = {
  counted: 'commands of one kind',
  refusal: (action, limits) =>
    `Standby did not ${action}: it was asked ${limits.most} times within the last minute, more than anyone presses a button, so nothing was sent. Wait a minute, then try again.`,
}

/** The words of the window's raises. */
export const WINDOW_RAISE_WORDS: BurstWords = {
  counted: 'raises of the window',
  refusal: () => 'The Standby window was brought to the front a moment ago.',
}

/** The opens pages ask for, counted over a sliding window. */
export interface PageOpens {
  /** Counts one `action` ("open the link") and returns null, or the sentence refusing it past the burst. */
  take(action: string): string | null
  /** Uncounts one action taken, which turned out to do nothing (a message that never left). */
  giveBack(): void
}

/** Allows `limits.most` opens per `limits.windowMs` of `clock`; the first refusal of a burst is logged. */
export function pageOpens(
  clock: Clock,
  log: Pick<Logger, 'warn'>,
  limits: PageOpenLimits = PAGE_OPEN_LIMITS,
  words: BurstWords = OPEN_WORDS,
): PageOpens {
  // The times of the opens within the window, oldest first: never more than `limits.most`.
  const recent: number[] = []
  let refusedSince = 0
  return {
    take(action) {
      const now = steadyNow(clock)
      while (recent.length > 0 && now - recent[0]! >= limits.windowMs) recent.shift()
      if (recent.length < limits.most) {
        recent.push(now)
        if (refusedSince > 0)
          log.warn(`${refusedSince} ${words.counted} a page asked for were refused in a burst.`)
        refusedSince = 0
        return null
      }
      if (refusedSince++ === 0) {
        log.warn(
          `Refused to ${action}: a page asked for more than ${limits.most} ${words.counted} in ${limits.windowMs / 1000} s.`,
        )
      }
      return words.refusal(action, limits)
    },
    giveBack() {
      // The newest time rather than the one taken: the count is what bounds, and it is one less.
      recent.pop()
    },
  }
}
