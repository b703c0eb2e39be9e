/**
 * The connection to the platform and nothing else: connecting with the token and protocol
 * version, retrying with backoff and jitter, reconnecting at once on resume, validating every
 * message that arrives, and sending commands that fail at once when there is no connection. The
 * connection itself comes from the LinkTransport port. This file is what callers use (start, stop,
 * commands, replays); the connection's cycle is link-cycle.ts.
 */
import type { CommandOutcome } from '../../../shared/command-outcome'
import type { CommandName, CommandPayload, CommandResult } from '../../../shared/protocol'
import { OFFLINE } from './link-command'
import { sendCommandOverLink, type CommandLink } from './command-over-link'
import type { CommandWatch } from './command-resend'
import { pickKeys, type PickKeys } from './pick-keys'
import { retryKeys } from './retry-keys'
import type { LinkDeps, LinkState } from './link-deps'
import type { ReplayPage } from './replay-page'
import { watchWakes } from './link-wakes'
import { replayWatch, requestReplay, type ReplayHooks, type ReplayOptions } from './replay-request'
import { LinkCycle } from './link-cycle'

export type { LinkTimings } from './link-timings'
export type { LinkDeps, LinkState } from './link-deps'

/**
 * What a replay fails with when there is no connection to ask over: nothing was sent, so nothing
 * failed. A catch-up whose connection closed between pages (a page passed over for its size
 * closes it) stops there, neither logged as failing nor waited for longer, nor taken as caught up
 * over a connection the platform broke; the next connection's catch-up goes on from the cursor.
 */
export class NotConnected extends Error {
  constructor() {
    super('not connected')
    this.name = 'NotConnected'
  }
}

/** One expert's connection to one platform. */
export class PlatformLink extends LinkCycle {
  /** What commands go over (command-over-link.ts). */
  private readonly commandLink: CommandLink
  /** The keys of this sign-in's availability picks, kept across a restart (pick-keys.ts). */
  readonly pickKeys: PickKeys

  constructor(platformUrl: string, token: string, deps: LinkDeps) {
    super(platformUrl, token, deps)
    this.pickKeys = pickKeys(deps.keptRetryKeys)
    const { ackTimeoutMs } = this.timings
    const { expertId, requestOfInvite } = deps
    this.commandLink = {
      command: { ...this.wire, ackTimeoutMs, expertId, requestOfInvite },
      clock: this.linkClock,
      log: deps.log,
      // One sign-in's: a link is made per sign-in, so another expert never reuses these keys.
      retryKeys: retryKeys(undefined, deps.keptRetryKeys),
      states: this.states,
      welcomes: () => this.welcomes,
      ended: () => this.stopped || this.current.kind === 'refused',
      connected: () => this.current.kind === 'connected',
    }
  }

  /** The current state. */
  get state(): LinkState {
    return this.current
  }

  /** Start connecting; retries until stopped, refused, or connected. */
  start(): void {
    if (!this.stopped) return
    this.stopped = false
    this.unsubscribePower.push(
      ...watchWakes(this.deps, {
        woke: (reason) => this.woke(reason),
        connected: () => this.current.kind === 'connected',
        measure: (reason) => this.check.probe(reason, true),
      }),
    )
    this.connectNow()
  }

  /** The follower caught up on this connection: it works, whatever the platform breaks later. */
  caughtUp(): void {
    this.probation.pass()
  }

  /** Disconnect and stop retrying. */
  stop(): void {
    this.stopped = true
    this.retry.cancel()
    this.deadline.cancel()
    this.forgetConnection()
    this.probation.stop()
    for (const off of this.unsubscribePower.splice(0)) off()
    this.connection.disconnect()
    this.set({ kind: 'idle' })
    // The next link for this sign-in (the cache rebuilt under the run) starts with no memory of
    // these keys: one the cache refused so far is given it again, or a retry would go as new.
    this.commandLink.retryKeys.saveHeld()
  }

  /**
   * Send a command; fails at once when not connected, and after the ack timeout without answer;
   * sent again on a new connection when its own was lost (command-resend.ts). Sent again after
   * an outcome that left it open whether it happened, it goes under the first key (retry-keys.ts).
   */
  async command<N extends CommandName>(
    name: N,
    payload: CommandPayload<N>,
    idempotencyKey?: string,
    watch?: CommandWatch<CommandResult<N>>,
  ): Promise<CommandOutcome<CommandResult<N>>> {
    if (this.current.kind !== 'connected') return OFFLINE
    return sendCommandOverLink(this.commandLink, name, payload, idempotencyKey, watch)
  }

  /**
   * Ask for the events after `after`, or a snapshot, over the current connection (replay-request.ts);
   * rejects when offline, when the connection drops, or on a malformed answer.
   */
  async replay(after: number, options: ReplayOptions = {}, hooks: ReplayHooks = {}): Promise<ReplayPage> {
    if (this.current.kind !== 'connected') throw new NotConnected()
    const giveUp = (reason: string): void => this.reconnect(reason, 'later')
    const watch = replayWatch(this.timings, giveUp, () => this.crossedAt)
    return requestReplay({ ...this.wire, ...watch }, after, options, hooks)
  }
}
