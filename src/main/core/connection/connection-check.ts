/**
 * Finding out whether a connection that looks open still carries anything. The platform pings
 * every few seconds, so a stretch with nothing at all from it means the link may be dead without
 * knowing it (no FIN, no RST); so may a wake or a network change. Then a probe goes out, and a
 * probe unanswered in time means the connection is dead. Pings prove only the platform's half of the
 * link: one that carries them and drops what the app sends is as dead, so a connection whose last
 * probe was answered a while ago is probed too, quietly. Runs on the link's clock of elapsed time
 * (the system clock unless a test injects one), never on the calendar clock tests jump by hours, and
 * reads its monotonic side: the computer's clock set back would otherwise put off the next probe
 * by as much.
 */
import { afterPendingInput, steadyNow, type Clock, type TimerHandle } from '../../../shared/clock'
import { stallLimitMs } from './link-timings'

/** What a check does through its connection, and whom it tells. */
export interface CheckedConnection {
  /** Send a probe; resolves with the answer, rejects when the connection drops or `abandon` aborts. */
  send(abandon: AbortSignal): Promise<unknown>
  /** A probe went out: the connection is being checked; `atWake` when a wake or a network change sent it. */
  checking(reason: string, atWake: boolean): void
  /** The platform answered the probe: the connection works. */
  answered(): void
  /** The probe went unanswered: the connection is dead; `atWake` when a wake or a network change sent it. */
  dead(reason: string, atWake: boolean): void
}

/** Watches one connection at a time for silence and probes it. */
export class ConnectionCheck {
  private lastHeardAt = 0
  /**
   * When a probe was last answered, or the connection welcomed (steady clock). The platform's pings
   * prove only that its bytes reach the app: a link that carries them, and nothing the app sends,
   * would otherwise never be probed.
   */
  private lastAnsweredAt = 0
  /** When bytes of a message last arrived part way (steady clock): an answer may wait behind it. */
  private lastCrossingAt = Number.NEGATIVE_INFINITY
  private silenceTimer: TimerHandle | undefined
  private probeTimer: TimerHandle | undefined
  /**
   * The probe out now, if any, aborted to give it up: an answer to an earlier one says nothing of
   * this connection.
   */
  private probeOut: AbortController | undefined
  /** The probe out was sent quietly (the expert is not told the connection is being checked). */
  private probeQuiet = false
  /**
   * Why a quiet probe was asked for while another was out: its answer may be the very one that
   * asked (an answer at odds with the estimate asks for another), so one more goes after it.
   */
  private quietAgain: string | undefined
  /** The probe out was sent at a wake: a wake after it does not replace it. */
  private probeAtWake = false
  /**
   * The probe a wake replaced, still awaited: the platform answers in order, so it is given up on
   * only once a later one is answered. Given up on at once, its answer, on its way, would be
   * logged as one to nothing asked; kept, one never answered would be held while the connection lasts.
   */
  private replaced: AbortController | undefined

  constructor(
    private readonly clock: Clock,
    private readonly timings: { readonly silenceLimitMs: number; readonly probeTimeoutMs: number },
    private readonly connection: CheckedConnection,
  ) {}

  /** Something arrived from the platform. */
  heard(): void {
    this.lastHeardAt = steadyNow(this.clock)
  }

  /**
   * More of a message not yet whole arrived: a probe's answer may be queued behind it. A message
   * that arrives whole says only that the connection carries something, and a probe still
   * unanswered after it went unanswered: a heartbeat or a push from a platform that no longer
   * answers must not keep the probe out for ever.
   */
  crossing(): void {
    this.lastCrossingAt = steadyNow(this.clock)
  }

  /**
   * The platform answered a command or a replay page sent at `sentAt` (steady clock): what the app
   * sends reached it then, as a quiet probe would show, so none goes out until a silence after it.
   */
  answered(sentAt: number): void {
    this.lastAnsweredAt = Math.max(this.lastAnsweredAt, sentAt)
  }

  /** Start watching a new connection. */
  start(): void {
    this.heard()
    this.lastAnsweredAt = this.lastHeardAt
    this.armSilence(this.timings.silenceLimitMs)
  }

  /** Stop watching and probing (the connection is going away). */
  stop(): void {
    this.silenceTimer?.cancel()
    this.silenceTimer = undefined
    this.forgetProbe()
    // Its connection is going away, and every question asked on it with it.
    this.replaced = undefined
    this.quietAgain = undefined
  }

  /** No probe is out any more: an answer to the one that was says nothing. */
  private forgetProbe(): void {
    this.probeTimer?.cancel()
    this.probeTimer = undefined
    this.probeOut = undefined
  }

  /**
   * A wake or a network change: probe at once. A probe out since before it is answered, if at all,
   * for the link as it was (sent just before a sleep, answered from before it), so a new one
   * replaces it; one sent at a wake stands, or a storm of wakes would put off the verdict for ever.
   */
  woke(reason: string): void {
    if (this.probeTimer !== undefined && !this.probeAtWake) {
      this.replaced?.abort()
      this.replaced = this.probeOut
      this.forgetProbe()
    }
    this.probe(reason, false, true)
    this.probeAtWake = true
  }

  /**
   * Probe now, unless a probe is already out. Once bytes of a message cross after it went out, it
   * is given up only when nothing has crossed for the stall limit (link-timings.ts): on a link
   * slow enough, its answer waits behind that message, and a link that carries one is slow, not dead. A `quiet` probe (one sent for the
   * platform's time, with nothing amiss) tells no one the connection is being checked, unless a
   * doubt about the connection comes while it is out; unanswered, it is as dead as any.
   */
  probe(reason: string, quiet = false, atWake = false): void {
    if (this.probeTimer !== undefined) {
      if (quiet) this.quietAgain = reason
      else if (this.probeQuiet) {
        this.probeQuiet = false
        this.connection.checking(reason, atWake)
      }
      return
    }
    const sentAt = steadyNow(this.clock)
    const probe = new AbortController()
    const expire = (inputRead = false): void => {
      // Once a message crosses after the probe, its answer waits behind it: the link is judged by
      // how long it has carried nothing, not by how long the message takes, since a slow link's
      // TCP stalls for seconds between bursts. The span is the one a link gone quiet gets.
      const crossed = this.lastCrossingAt > sentAt
      const until = crossed
        ? this.lastCrossingAt + stallLimitMs(this.timings)
        : sentAt + this.timings.probeTimeoutMs
      const left = until - steadyNow(this.clock)
      if (left > 0) {
        this.probeTimer = this.clock.setTimeout(() => expire(), left)
        return
      }
      // A process frozen past the deadline (a loaded machine, a debugger) fires this before it
      // reads the answer that came meanwhile: the verdict waits until what came is read.
      if (!inputRead) {
        this.probeTimer = afterPendingInput(this.clock, () => expire(true))
        return
      }
      this.probeTimer = undefined
      this.probeOut = undefined
      this.quietAgain = undefined
      this.connection.dead(
        crossed
          ? `Nothing more of a message on its way came over the connection for ${stallLimitMs(this.timings) / 1000} s.`
          : `The connection did not answer a check within ${this.timings.probeTimeoutMs / 1000} s.`,
        this.probeAtWake,
      )
    }
    this.probeTimer = this.clock.setTimeout(() => expire(), this.timings.probeTimeoutMs)
    this.probeOut = probe
    this.probeQuiet = quiet
    this.probeAtWake = false
    if (!quiet) this.connection.checking(reason, atWake)
    this.connection.send(probe.signal).then(
      () => {
        // A probe of a connection since replaced answers nothing about the current one.
        if (this.probeOut !== probe) return
        this.forgetProbe()
        this.replaced?.abort()
        this.replaced = undefined
        this.heard()
        this.lastAnsweredAt = this.lastHeardAt
        if (!this.probeQuiet) this.connection.answered()
        const again = this.quietAgain
        this.quietAgain = undefined
        if (again !== undefined) this.probe(again, true)
      },
      () => {
        if (this.probeOut !== probe) return
        this.forgetProbe()
        this.quietAgain = undefined
      },
    )
  }

  private armSilence(delayMs: number): void {
    this.silenceTimer?.cancel()
    this.silenceTimer = this.clock.setTimeout(() => this.checkSilence(), delayMs)
  }

  private checkSilence(): void {
    const now = steadyNow(this.clock)
    const limit = this.timings.silenceLimitMs
    const quiet = now - this.lastHeardAt
    const unanswered = now - this.lastAnsweredAt
    if (quiet >= limit) {
      this.armSilence(limit)
      return this.probe('No word from the platform for a while')
    }
    // The next look comes when the silence would end, so that a probe already out is told of it.
    this.armSilence(limit - (this.probeTimer === undefined ? Math.max(quiet, unanswered) : quiet))
    if (unanswered < limit || this.probeTimer !== undefined) return
    // The platform's bytes still come, so nothing looks amiss: the expert is not told of this
    // check unless it goes unanswered, which it does when what the app sends no longer arrives.
    this.probe('Nothing sent to the platform was answered for a while', true)
  }
}
