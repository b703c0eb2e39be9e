/**
 * What every exchange over the link's connection goes through, commands and replays alike: the
 * connection, the clock that times the answer, the log, and the platform-clock estimate that each
 * answer carrying the platform's time feeds.
 */
import type { Clock } from '../../../shared/clock'
import type { LocalReading } from '../../../shared/clock-offset'
import type { TimeSampleSink } from '../platform-clock/time-sample-sink'
import type { LinkConnection } from '../ports/link-transport'
import type { Logger } from '../ports/logger'
import { namingOversizeCompany } from './oversize-company'

/** The connection an exchange is sent over, and where its timing goes. */
export interface LinkWire {
  readonly connection: LinkConnection
  /** Times the answer in elapsed time. */
  readonly clock: Clock
  readonly log: Logger
  /** The local clocks now, for the platform-clock estimate (undefined when nothing estimates it). */
  readonly reading: () => LocalReading | undefined
  /**
   * Hands the exchange's local readings and the platform's time to the clock estimate; `answer`,
   * the answer as it came, tells a time that was sent but unreadable from one not sent.
   */
  readonly timed: (sent: LocalReading | undefined, serverTime: number | undefined, answer: unknown) => void
  /**
   * The platform answered what was sent at `sentAt` (the link clock's steady time): both ways of
   * the connection carried it then, as a probe's answer proves (connection-check.ts).
   */
  readonly answered: (sentAt: number) => void
}

/**
 * The wire of one link: its connection (its questions failed by a message too large naming the others
 * awaited beside them), and clock, with `timeSamples` told each answer's time and `answered` each answer.
 */
export function linkWire(
  connection: LinkConnection,
  clock: Clock,
  log: Logger,
  timeSamples: TimeSampleSink | undefined,
  answered: (sentAt: number) => void,
): LinkWire {
  return {
    connection: namingOversizeCompany(connection),
    clock,
    log,
    answered,
    reading: () => timeSamples?.reading(),
    timed: (sent, serverTime, answer) => {
      if (sent === undefined) return
      if (serverTime !== undefined) timeSamples?.record({ sent, received: timeSamples.reading(), serverTime })
      else {
        const said = sentTime(answer)
        if (said !== undefined) timeSamples?.unreadable(said)
      }
    },
  }
}

/** The `serverTime` an answer carried as it came, or undefined when it had none (a platform may leave it out). */
function sentTime(answer: unknown): unknown {
  return typeof answer === 'object' && answer !== null
    ? (answer as { serverTime?: unknown }).serverTime
    : undefined
}
