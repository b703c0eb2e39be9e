/**
 * The platform link's connection cycle (platform-link.ts): connecting with the token and protocol
 * version, giving up an attempt the platform does not let in, retrying with backoff and jitter,
 * taking the welcome, and reconnecting at once on a wake or when the connection is found dead. A
 * connection its silence's probe finds dead before it held a while counts in a row of losses soon
 * after the welcome (welcome-probation.ts), whose waits grow; one a wake's probe finds dead does not.
 */
import { steadyNow, systemClock, type Clock } from '../../../shared/clock'
import type { LocalReading } from '../../../shared/clock-offset'
import { PROTOCOL_VERSION } from '../../../shared/protocol'
import type { StreamEntry } from '../ports/cache-store'
import type { LinkConnection } from '../ports/link-transport'
import { sendProbe } from './link-command'
import { LinkRetry } from './link-retry'
import type { LinkDeps, LinkState } from './link-deps'
import { notWelcomed, readConnectFailure, readWelcome, type Refusal } from './link-handshake'
import { defaultLinkTimings, stallLimitMs, type LinkTimings } from './link-timings'
import { linkWire, type LinkWire } from './link-wire'
import { linkMessageHandlers } from './link-messages'
import { countingSends, SentLately } from './flood-claim'
import { Listeners, type Unsubscribe } from '../../../shared/listeners'
import { ConnectionCheck } from './connection-check'
import { PassedOver } from './passed-over'
import { WelcomeProbation } from './welcome-probation'
import { AttemptDeadline } from './attempt-deadline'
import { CrossingPace } from './crossing-pace'
import { FailureStreakLog, type FailureLine } from './failure-streak-log'
import { NamesFound } from './names-found'
import { closedUnwelcomed, connectionLost, notLetInWithin, trickledPastLimit } from './attempt-failures'

/** The connection cycle of one expert's link to one platform; PlatformLink adds what callers use. */
export abstract class LinkCycle {
  protected current: LinkState = { kind: 'idle' }
  protected readonly connection: LinkConnection
  /** Times the link's own liveness and answers in elapsed time (link-deps.ts). */
  protected readonly linkClock: Clock
  /** What commands and replays go through: the connection, the clock, the log, the time samples. */
  protected readonly wire: LinkWire
  protected readonly timings: LinkTimings
  /** The attempts in a row and the timer for the next (link-retry.ts). */
  protected readonly retry: LinkRetry
  protected readonly deadline: AttemptDeadline
  protected readonly check: ConnectionCheck
  protected readonly probation: WelcomeProbation
  private readonly passedOver: PassedOver
  /** Connections welcomed so far: a command resent waits for one newer than the one it was lost on. */
  protected welcomes = 0
  /** The streak of attempts failing the same way: logged once, then reminded of hourly. */
  private readonly failures: FailureStreakLog
  /** The local clocks when the current connection attempt began: the welcome's exchange starts there. */
  private attemptSent: LocalReading | undefined
  /** When (monotonic, link clock) bytes of a message last arrived part way: a replay's answer crossing. */
  protected crossedAt = Number.NEGATIVE_INFINITY
  /** What of messages part way across arrived lately on the connection under way. */
  private readonly pace = new CrossingPace()
  protected stopped = true
  private restarting = false
  /** Why the link woke while its attempt was under way, if it did: that attempt may predate the network. */
  private wokeMidAttempt: string | undefined
  /** Names a connection opened to, and platforms that let Standby in, in this run (names-found.ts). */
  private readonly namesFound: NamesFound
  protected readonly unsubscribePower: Unsubscribe[] = []
  /** State changes. */
  readonly states = new Listeners<LinkState>()
  /** Live events in arrival order, each validated (an unreadable one with a readable id as a marker). */
  readonly events = new Listeners<StreamEntry>()

  constructor(
    readonly platformUrl: string,
    token: string,
    protected readonly deps: LinkDeps,
  ) {
    this.timings = { ...defaultLinkTimings, ...deps.timings }
    this.deadline = new AttemptDeadline(deps.clock, this.timings.connectTimeoutMs, stallLimitMs(this.timings))
    this.linkClock = deps.linkClock ?? systemClock
    this.retry = new LinkRetry(deps.clock, deps.random ?? Math.random, deps.platformTime ?? deps.clock)
    this.probation = new WelcomeProbation(deps.clock, this.timings.steadyAfterMs, deps.log)
    this.passedOver = new PassedOver(deps.log, deps.clock)
    this.failures = new FailureStreakLog(deps.clock, deps.log)
    this.namesFound = deps.namesFound ?? new NamesFound()
    this.check = new ConnectionCheck(this.linkClock, this.timings, {
      send: (abandon) => sendProbe(this.wire, abandon),
      checking: (reason, atWake) => {
        if (this.current.kind !== 'connected') return
        // A row's quiet connections would each repeat its line; a wake is news of its own.
        if (atWake || !this.probation.inRow()) this.deps.log.info(`${reason}: checking the connection`)
        this.set({ ...this.current, checking: true })
      },
      answered: () => {
        if (this.current.kind === 'connected') this.set({ kind: 'connected', welcome: this.current.welcome })
      },
      // Gone with a sleep or a network change, not the platform's doing: no part of a row of losses.
      dead: (reason, atWake) => this.reconnect(reason, 'now', !atWake),
    })
    const sent = new SentLately(this.linkClock)
    const handlers = linkMessageHandlers(this.passedOver, this.events, deps.timeSamples, sent, {
      opened: () => {
        this.namesFound.note(platformUrl)
        this.giveUpAttemptAfter(() => notWelcomed(platformUrl, this.namesFound))
      },
      failed: (message, data) => this.failed(message, data),
      closed: (...closed) => this.dropped(...closed),
      welcomed: (raw) => this.welcomed(raw),
      heard: () => this.check.heard(),
      crossing: (bytes) => {
        const at = steadyNow(this.linkClock)
        if (!this.pace.carries(at, bytes, this.timings.probeTimeoutMs)) return
        this.crossedAt = at
        this.deadline.crossing()
        this.check.crossing()
      },
    })
    // The connection never reconnects by itself: the link retries, at once on a resume or a network change.
    const auth = { token, protocolVersion: PROTOCOL_VERSION }
    this.connection = countingSends(deps.transport({ platformUrl, auth }, handlers), sent)
    this.wire = linkWire(this.connection, this.linkClock, deps.log, deps.timeSamples, (sentAt) =>
      this.check.answered(sentAt),
    )
  }

  protected connectNow(): void {
    if (this.stopped) return
    this.retry.cancel()
    this.wokeMidAttempt = undefined
    // A retry keeps saying why the last attempt failed: "trying" alone would hide it at every attempt.
    const { reason, reachedPlatform } = this.current.kind === 'waiting' ? this.current : {}
    this.set({
      kind: 'connecting',
      attempt: this.retry.attempt + 1,
      ...(reason && { reason, reachedPlatform }),
    })
    this.attemptSent = this.wire.reading()
    this.deadline.begin()
    this.pace.reset()
    // The transport times opening its connection, but not a server that opens it and then never
    // lets the expert in: every attempt ends within its deadline, or a wake could not end it. One
    // whose server began to answer it (a handshake, then a gate that never opens) did answer.
    const [at, seconds, reached] = [this.platformUrl, this.timings.connectTimeoutMs / 1000, this.namesFound]
    this.giveUpAttemptAfter(() =>
      notLetInWithin(at, seconds, this.deadline, this.connection.lookingUp?.() === true, reached),
    )
    this.connection.connect()
  }

  /** Wait out the backoff (`askedMs` at least), then connect; `reachedPlatform` when the failed attempt got in. */
  private retryLater(reason: string, reachedPlatform = false, askedMs?: number): void {
    if (this.stopped) return
    const wait = this.retry.later(() => this.connectNow(), askedMs)
    this.set({ kind: 'waiting', ...wait, reason, ...(reachedPlatform && { reachedPlatform }) })
    // The attempt that failed began before the network last changed: the one that did not try
    // yet is due now, or as soon as a flapping network lets it, not after the streak's backoff.
    const woke = this.wokeMidAttempt
    this.wokeMidAttempt = undefined
    if (woke !== undefined) this.woke(woke)
  }

  /** Drop the connection on purpose, reconnect at once or after the backoff; `dead` before it held a while is a quick loss. */
  protected reconnect(reason: string, when: 'now' | 'later', dead = false): void {
    if (this.stopped || this.current.kind === 'refused') return
    const carried = dead ? this.probation.ended(reason, false, false, true) : undefined
    if (carried === undefined) this.deps.log.warn(`${reason} Reconnecting.`)
    else this.retry.attempt = carried
    this.forgetConnection()
    this.probation.stop()
    this.closeOnPurpose()
    if (when === 'later' || carried !== undefined) return this.retryLater(reason)
    this.retry.ended()
    this.connectNow()
  }

  /** After a wake or a network change a connection that looks open may be dead without knowing it. */
  protected woke(reason: string): void {
    if (this.stopped || this.current.kind === 'refused') return
    if (this.current.kind === 'connected') return this.check.woke(reason)
    // An attempt under way is judged from now as a probe sent at once is; starting it over at every
    // wake of a storm would never let one finish. Should it fail, the next goes as a wake's.
    if (this.current.kind === 'connecting') {
      this.wokeMidAttempt = reason
      return this.deadline.woke()
    }
    // Waiting: the wait between attempts was for a network that may be back; try now, or as soon
    // as a network flapping faster than attempts can tell lets the next one go. The streak goes on:
    // an attempt a wake sets off that fails waits as long as the next retry would have.
    const wake = this.retry.woke(() => this.connectNow())
    if (wake === 'now') {
      this.deps.log.warn(`${reason} Reconnecting.`)
      return this.connectNow()
    }
    if (wake !== undefined && this.current.kind === 'waiting') this.set({ ...this.current, ...wake })
  }

  /** Stop watching and probing the connection that is going away. */
  protected forgetConnection(): void {
    this.check.stop()
  }

  /**
   * End the attempt under way with `reason` (read then) unless it is welcomed (or fails) within the connect
   * timeout of its last bytes, and in any case once it has lasted the longest an attempt may.
   */
  private giveUpAttemptAfter(reason: () => string): void {
    this.deadline.arm((why) => {
      if (this.current.kind !== 'connecting') return
      this.closeOnPurpose()
      this.attemptFailed(
        why === 'quiet' ? reason() : trickledPastLimit(this.platformUrl, this.deadline.longestMs / 1000),
      )
    })
  }

  private welcomed(raw: unknown): void {
    // One welcome opens a connection: another cannot change whose stream it carries, and read
    // again it would refuse for good, or drop, a connection that works on a platform's slip.
    if (this.current.kind !== 'connecting')
      return this.passedOver.tell('a second welcome on one connection; Standby kept the first')
    this.deadline.cancel()
    const reading = readWelcome(raw, this.deps.expertId)
    if (reading.kind === 'refused') return this.refuse(reading.refusal)
    if (reading.kind === 'retry') {
      this.closeOnPurpose()
      return this.attemptFailed(reading.reason, { level: 'error', text: reading.logged })
    }
    this.probation.begin(this.retry.attempt)
    this.failures.ended()
    this.welcomes++
    this.namesFound.reached(this.platformUrl)
    this.retry.ended()
    // A change during the attempt was for its failure only: this one got in on the network as it is.
    this.wokeMidAttempt = undefined
    this.check.start()
    this.wire.timed(this.attemptSent, reading.welcome.serverTime, raw)
    this.set({ kind: 'connected', welcome: reading.welcome })
  }

  private failed(message: string, data: unknown): void {
    this.deadline.cancel()
    const reading = readConnectFailure(message, data, this.platformUrl, this.namesFound)
    if (reading.kind === 'refused') return this.refuse(reading.refusal)
    const line = reading.logged === undefined ? undefined : ({ level: 'warn', text: reading.logged } as const)
    this.attemptFailed(reading.reason, line, reading.waitMs)
  }

  /**
   * An attempt never let in ended for `reason` (a sentence): logged as `line` only when it failed otherwise
   * than the one before or as an hourly reminder of the streak (failure-streak-log.ts), then retried after
   * the backoff. Every failure comes here, a malformed welcome's too: a cause back after another is logged.
   */
  private attemptFailed(
    reason: string,
    line: FailureLine = { level: 'warn', text: `Could not connect to the platform: ${reason}` },
    askedMs?: number,
  ): void {
    if (this.stopped) return
    this.failures.failed(line)
    this.retryLater(reason, false, askedMs)
  }

  private dropped(reason: string, violation: boolean, announced: boolean, silent: boolean): void {
    this.deadline.cancel()
    this.forgetConnection()
    if (this.stopped || this.restarting || this.current.kind === 'refused') return
    // The close of an attempt that already failed (socket.io tells of a frame ws refused as a
    // connect error, then as a close): its failure said why; a "lost" connection would overwrite it.
    if (this.current.kind === 'waiting') return
    // Closed before its welcome: an attempt that failed, not a connection lost, as the expert reads it.
    if (this.current.kind === 'connecting')
      return this.attemptFailed(closedUnwelcomed(this.platformUrl, reason, violation, this.namesFound))
    const carried = this.probation.ended(reason, violation, announced, silent)
    if (carried === undefined) this.deps.log.warn(`Connection to the platform lost (${reason}); reconnecting`)
    else this.retry.attempt = carried
    const loss = { violation, announced, carried, cutAgain: this.probation.cutAgain() }
    this.retryLater(connectionLost(reason, loss), true)
  }

  private refuse(refusal: Refusal): void {
    this.retry.cancel()
    this.deadline.cancel()
    this.forgetConnection()
    this.closeOnPurpose()
    this.deps.log.warn(`The platform refused the connection: ${refusal.message}`)
    this.set({ kind: 'refused', ...refusal })
  }

  /** Close the connection; the close is ours, so it must not count as a dropped connection to retry. */
  private closeOnPurpose(): void {
    this.restarting = true
    this.connection.disconnect()
    this.restarting = false
  }

  protected set(state: LinkState): void {
    this.current = state
    this.states.emit(state)
  }
}
