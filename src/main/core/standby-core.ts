/**
 * The app's core as one object: sign-in, the link to the platform, sync into the cache, and the
 * connection state the tray and UI show. Electron's main process and the browser shell each build
 * one with their own adapters; nothing here imports electron or the SQLite driver.
 */
import type { Clock } from '../../shared/clock'
import type { CommandOutcome } from '../../shared/command-outcome'
import type { ConnectionState } from '../../shared/connection-state'
import {
  HTTP_PATHS,
  type Welcome,
  type CommandName,
  type CommandPayload,
  type CommandResult,
} from '../../shared/protocol'
import { signIn, type SignInOutcome } from './auth/sign-in'
import { connectionStatus, statusLine } from './connection/connection-status'
import { Listeners } from '../../shared/listeners'
import { PlatformLink, type LinkTimings } from './connection/platform-link'
import { PlatformClock } from './platform-clock/platform-clock'
import type { CacheStore } from './ports/cache-store'
import type { Logger } from './ports/logger'
import type { Notifier } from './ports/notifier'
import type { Power } from './ports/power'
import type { Secrets, StoredSignIn } from './ports/secrets'
import type { TrayState } from './ports/tray-state'
import { ReminderScheduler } from './reminders/reminder-scheduler'
import type { CacheUpdate } from './sync/cache-push'
import { SyncEngine } from './sync/sync-engine'

/** Everything the core needs from its host. */
export interface StandbyCoreDeps {
  readonly clock: Clock
  readonly power: Power
  readonly secrets: Secrets
  readonly notifier: Notifier
  readonly tray: TrayState
  readonly cache: CacheStore
  readonly log: Logger
  readonly random?: () => number
  readonly timings?: Partial<LinkTimings>
  /** Times the link's liveness in elapsed time; the system clock unless a test injects one. */
  readonly linkClock?: Clock
  readonly fetch?: typeof fetch
  /** How the tray writes times; defaults to the OS locale's short time. */
  readonly formatTime?: (t: number) => string
  /** Whether reminders are shown; read each time one is due. Defaults to on. */
  readonly remindersEnabled?: () => boolean
}

const shortTime = (t: number): string =>
  new Date(t).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })

/** The core of Standby. */
export class StandbyCore {
  private link: PlatformLink | undefined
  private sync: SyncEngine | undefined
  private signedIn: StoredSignIn | null = null
  private wasOnline = false
  /** Why the platform last refused the sign-in, shown until the next sign-in or sign-out. */
  private refusedBecause: string | null = null
  /** Unsubscribes the current link's and sync's listeners. */
  private unfollow: Array<() => void> = []
  private current: ConnectionState = { status: 'signed_out', reason: null }
  /** Connection state changes. */
  readonly states: Listeners<ConnectionState>
  /** The cache changed: after each applied batch (with its events), a snapshot or a sign-out. */
  readonly cacheChanged: Listeners<CacheUpdate>
  private readonly reminders: ReminderScheduler
  /** The platform's time, measured from its answers: the clock of every marketplace rule. */
  readonly platformClock: PlatformClock
  /** Each new welcome from the platform (what it announces: its minimum app version). */
  readonly welcomed: Listeners<Welcome>

  constructor(private readonly deps: StandbyCoreDeps) {
    const onError = (error: unknown): void => deps.log.error('A listener failed', error)
    this.states = new Listeners(onError)
    this.cacheChanged = new Listeners(onError)
    this.welcomed = new Listeners(onError)
    this.platformClock = new PlatformClock(deps.clock, deps.power, deps.log)
    this.reminders = new ReminderScheduler({
      // Reminders follow the platform's clock: its sessions start by its time.
      clock: this.platformClock,
      cache: deps.cache,
      notifier: deps.notifier,
      power: deps.power,
      log: deps.log,
      enabled: deps.remindersEnabled ?? (() => true),
      formatTime: deps.formatTime,
    })
    this.cacheChanged.add(() => this.reminders.refresh())
    this.platformClock.changes.add(() => this.reminders.refresh())
  }

  /** The cache, for the views the UI reads. */
  get cache(): CacheStore {
    return this.deps.cache
  }

  /** The connection as the expert sees it. */
  get connection(): ConnectionState {
    return this.current
  }

  /** The signed-in expert's platform, or null. */
  get platformUrl(): string | null {
    return this.signedIn?.platformUrl ?? null
  }

  /** Resume the stored sign-in, if any, and start connecting. */
  async start(): Promise<void> {
    this.signedIn = await this.deps.secrets.load()
    if (this.signedIn !== null) this.connect(this.signedIn)
    this.publish()
    // The first state may equal the initial one; the tray must hear it either way.
    this.publishTray()
    // Reminders run from the cache, so they fire offline too.
    this.reminders.start()
  }

  /** Sign in to a platform; on success the cache follows this expert from now on. */
  async signIn(platformUrl: string, email: string, password: string): Promise<SignInOutcome> {
    const outcome = await signIn(platformUrl, email, password, this.deps.fetch)
    if (!outcome.ok) {
      this.deps.log.warn(`Sign-in failed: ${outcome.message}`)
      return outcome
    }
    this.disconnect()
    // The next platform may keep other time; its welcome measures it afresh.
    this.platformClock.reset()
    if (this.deps.cache.expert()?.id !== outcome.expert.id) this.deps.cache.clear()
    const signedIn = { platformUrl: outcome.platformUrl, token: outcome.token, expertId: outcome.expert.id }
    this.signedIn = signedIn
    await this.deps.secrets.save(signedIn)
    this.deps.log.info(`Signed in as ${outcome.expert.email} on ${outcome.platformUrl}`)
    this.connect(signedIn)
    this.publish()
    return outcome
  }

  /** Sign out: revoke the token (best effort), forget it and the cached data. */
  async signOut(): Promise<void> {
    const signedIn = this.signedIn
    this.refusedBecause = null
    this.disconnect()
    this.platformClock.reset()
    this.signedIn = null
    await this.deps.secrets.clear()
    this.deps.cache.clear()
    this.publish()
    this.cacheChanged.emit({ kind: 'replaced' })
    if (signedIn !== null) {
      await (this.deps.fetch ?? fetch)(`${signedIn.platformUrl}${HTTP_PATHS.signOut}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${signedIn.token}` },
        signal: AbortSignal.timeout(5_000),
      }).catch(() =>
        this.deps.log.warn('Could not reach the platform to revoke the sign-in; it was forgotten here.'),
      )
    }
  }

  /** Send a command; fails at once when signed out or offline. */
  command<N extends CommandName>(
    name: N,
    payload: CommandPayload<N>,
    idempotencyKey?: string,
  ): Promise<CommandOutcome<CommandResult<N>>> {
    if (this.link === undefined) {
      return Promise.resolve({
        ok: false,
        error: { code: 'signed_out', message: 'Sign in to the platform first.' },
      })
    }
    return this.link.command(name, payload, idempotencyKey)
  }

  /** Resolves once the current catch-up is over; for tests and benches. */
  async settled(): Promise<void> {
    await this.sync?.settled()
  }

  /** Disconnect and stop; the cache stays as it is. */
  stop(): void {
    this.reminders.stop()
    this.platformClock.stop()
    this.disconnect()
  }

  private connect(signIn: StoredSignIn): void {
    // Two sign-ins racing must not leave an older link running unseen.
    this.disconnect()
    this.refusedBecause = null
    const link = new PlatformLink(signIn.platformUrl, signIn.token, {
      clock: this.deps.clock,
      power: this.deps.power,
      log: this.deps.log,
      random: this.deps.random,
      timings: this.deps.timings,
      linkClock: this.deps.linkClock,
      timeSamples: this.platformClock,
      expertId: signIn.expertId,
    })
    const sync = new SyncEngine(link, this.deps.cache, {
      clock: this.deps.clock,
      notifier: this.deps.notifier,
      log: this.deps.log,
    })
    let lastWelcome: Welcome | undefined
    this.unfollow = [
      link.states.add((state) => {
        // The same welcome is told again when a probe is answered; each connection's once.
        if (state.kind === 'connected' && state.welcome !== lastWelcome) {
          lastWelcome = state.welcome
          this.welcomed.emit(state.welcome)
        }
        this.publish()
      }),
      sync.states.add((state) => {
        if (state.kind === 'live') this.wasOnline = true
        this.publish()
      }),
      sync.changes.add((update) => {
        this.publishTray()
        this.cacheChanged.emit(update)
      }),
    ]
    this.link = link
    this.sync = sync
    sync.start()
    link.start()
  }

  private disconnect(): void {
    // Stop listening first: a stopping link's last state must not be published as ours.
    for (const off of this.unfollow.splice(0)) off()
    this.sync?.stop()
    this.link?.stop()
    this.sync = undefined
    this.link = undefined
  }

  private publish(): void {
    const computed = connectionStatus({
      link: this.link?.state ?? { kind: 'idle' },
      sync: this.sync?.state ?? { kind: 'idle' },
      signedIn: this.signedIn !== null,
      wasOnline: this.wasOnline,
      lastSyncedAt: this.deps.cache.lastSyncedAt(),
      now: this.deps.clock.now(),
    })
    const next: ConnectionState =
      computed.status === 'signed_out' && computed.reason === null && this.refusedBecause !== null
        ? { status: 'signed_out', reason: this.refusedBecause }
        : computed
    if (JSON.stringify(next) === JSON.stringify(this.current)) return
    this.current = next
    if (next.status === 'signed_out' && this.link !== undefined && next.reason !== null) {
      // The platform refused the token: forget it so the next start asks for a sign-in.
      this.refusedBecause = next.reason
      this.signedIn = null
      this.disconnect()
      void this.deps.secrets.clear()
    }
    this.states.emit(next)
    this.publishTray()
  }

  private publishTray(): void {
    const openInvites = this.deps.cache.openInviteCount()
    this.deps.tray.set({
      connection: this.current,
      openInvites,
      statusLine: statusLine(this.current, openInvites, this.deps.formatTime ?? shortTime),
    })
  }
}
