/**
 * What the platform link hears from its connection, read for it: the welcome handed on, each live
 * event validated (readStreamEntry), and any other message passed over with a word in the log.
 */
import type { Listeners } from '../../../shared/listeners'
import {
  CLOSING_EVENT,
  ClosingNotice,
  LIVE_EVENT,
  TOO_MANY_MESSAGES,
  WELCOME_EVENT,
} from '../../../shared/protocol'
import { CUT_FOR_TOO_MANY_MESSAGES } from './attempt-failures'
import { FEWEST_MESSAGES_OF_A_FLOOD, floodClaimedAfter, type SentLately } from './flood-claim'
import type { TimeSampleSink } from '../platform-clock/time-sample-sink'
import type { StreamEntry } from '../ports/cache-store'
import type { LinkTransportHandlers } from '../ports/link-transport'
import { readyToReadEvents } from './event-reading-ready'
import { messageName, type PassedOver } from './passed-over'
import { readStreamEntry } from './replay-page'

/** What the link does with what its connection reports, once read. */
export interface LinkMessageHooks {
  /** The connection opened; the platform has yet to welcome it. */
  opened(): void
  /** An attempt to connect failed (LinkTransportHandlers.failed). */
  failed(message: string, data: unknown): void
  /** The open connection closed; `violation`, `announced` and `silent` as LinkTransportHandlers.closed says. */
  closed(reason: string, violation: boolean, announced: boolean, silent: boolean): void
  /** The platform's welcome arrived, unread. */
  welcomed(raw: unknown): void
  /** Anything at all arrived. */
  heard(): void
  /** More bytes of a message not yet whole arrived, `bytes` of them. */
  crossing(bytes: number): void
}

/**
 * The transport's handlers for a link: live events go to `events`, what is not the protocol's to
 * `passedOver`; `sent` counts what Standby sent on the connection, to judge a flood the platform claims.
 */
export function linkMessageHandlers(
  passedOver: PassedOver,
  events: Listeners<StreamEntry>,
  timeSamples: TimeSampleSink | undefined,
  sent: SentLately,
  hooks: LinkMessageHooks,
): LinkTransportHandlers {
  /** Why the platform said, on this connection, it is about to close it; a reason not known is none. */
  let closing: string | undefined
  return {
    opened: () => {
      readyToReadEvents()
      closing = undefined
      sent.opened()
      passedOver.newConnection()
      hooks.opened()
    },
    failed: (message, data) => hooks.failed(message, data),
    closed: (reason, violation, announced, silent) => {
      // Only a close the platform announced is the one it said it was about to make.
      const said = announced === true && closing === TOO_MANY_MESSAGES ? floodCut(sent.count()) : reason
      closing = undefined
      hooks.closed(said, violation === true, announced === true, silent === true)
    },
    received: (name, payload) => {
      if (name === WELCOME_EVENT) return hooks.welcomed(payload)
      if (name === CLOSING_EVENT) {
        const notice = ClosingNotice.safeParse(payload)
        if (notice.success) closing = notice.data.reason
        else passedOver.tell('a closing notice it could not read; Standby passed it over')
        return
      }
      if (name !== LIVE_EVENT)
        return passedOver.tell(`a message named ${messageName(name)}; Standby passed it over`)
      const entry = readStreamEntry(payload, passedOver.messages)
      if (entry === null) return
      if (entry.type !== 'unreadable') timeSamples?.liveEventAt?.(entry.at)
      events.emit(entry)
    },
    passedOver: (what) => passedOver.tell(what),
    heard: () => hooks.heard(),
    crossing: (bytes) => hooks.crossing(bytes),
  }
}

/** Why a connection the platform said it cut for too many messages was cut, when Standby sent `count` lately. */
function floodCut(count: number): string {
  return count >= FEWEST_MESSAGES_OF_A_FLOOD ? CUT_FOR_TOO_MANY_MESSAGES : floodClaimedAfter(count)
}
