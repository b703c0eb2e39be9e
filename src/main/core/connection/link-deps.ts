/** What a platform link stands at, and what it is built from. */
import type { Clock } from '../../../shared/clock'
import type { Welcome } from '../../../shared/protocol'
import type { TimeSampleSink } from '../platform-clock/time-sample-sink'
import type { LinkTransport } from '../ports/link-transport'
import type { Logger } from '../ports/logger'
import type { Power } from '../ports/power'
import type { Refusal } from './link-handshake'
import type { KeptRetryKeys } from './retry-keys'
import type { LinkTimings } from './link-timings'
import type { NamesFound } from './names-found'

/** Where the link stands. */
export type LinkState =
  | { readonly kind: 'idle' }
  /**
   * `reason`: why the attempt before this one failed, kept so the expert still reads why while
   * the next one is under way; `reachedPlatform` as in `waiting`.
   */
  | {
      readonly kind: 'connecting'
      readonly attempt: number
      readonly reason?: string
      readonly reachedPlatform?: boolean
    }
  /** `checking`: a probe is out to find whether this connection still carries anything. */
  | { readonly kind: 'connected'; readonly welcome: Welcome; readonly checking?: boolean }
  /**
   * `reachedPlatform`: the last attempt got in and the platform broke the connection after its
   * welcome, so the platform is up and the link is not offline, however long the streak.
   */
  | {
      readonly kind: 'waiting'
      readonly attempt: number
      readonly nextAttemptAt: number
      readonly reason: string
      readonly reachedPlatform?: boolean
    }
  | ({ readonly kind: 'refused' } & Refusal)

/** The dependencies of a link. */
export interface LinkDeps {
  /** Makes the connection: socket.io's in the hosts, an in-memory one in unit tests. */
  readonly transport: LinkTransport
  readonly clock: Clock
  readonly power: Power
  readonly log: Logger
  /** In [0, 1); injectable so tests get predictable backoff. */
  readonly random?: () => number
  readonly timings?: Partial<LinkTimings>
  /**
   * Times the link's own liveness (silence, probes, a replay that never comes back) in elapsed
   * time. Defaults to the system clock: a test that moves `clock`
   * by hours to reach a reminder must not make a live connection look dead.
   */
  readonly linkClock?: Clock
  /** Told the platform's time from each welcome and acknowledgement, with the local readings around it. */
  readonly timeSamples?: TimeSampleSink
  /**
   * The platform's time, in which the next attempt's moment is told (the window counts down to it):
   * it runs on the monotonic clock as the retry's timer does, so setting the computer's clock moves
   * neither. Defaults to `clock`.
   */
  readonly platformTime?: Pick<Clock, 'now'>
  /**
   * The signed-in expert: a welcome for anyone else is not this expert's stream, and following it
   * would replace their cache (and the memory of which invites were shown) with another's.
   */
  readonly expertId?: string
  /** The request an invite the cache holds is for, null when not known: an accept's answer must be about it. */
  readonly requestOfInvite?: (inviteId: string) => string | null
  /** Where retry keys are kept beyond this run; this run's memory only when not given. */
  readonly keptRetryKeys?: KeptRetryKeys
  /** The names this run found, shared with sign-in; this link's own when not given. */
  readonly namesFound?: NamesFound
}
