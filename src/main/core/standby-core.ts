/**
 * The app's core as one object: sign-in, the link to the platform, sync into the cache, and the
 * connection state the tray and UI show. Electron's main process and the browser shell each build
 * one with their own adapters; nothing here imports electron or the SQLite driver.
 */
import type { CommandOutcome } from '../../shared/command-outcome'
import type { ConnectionState } from '../../shared/connection-state'
import { localTimeNear } from '../../shared/day-time-options'
import type { CommandName, CommandPayload, CommandResult, Welcome } from '../../shared/protocol'
import { signIn, type SignInOutcome } from './auth/sign-in'
import {
  clearWithInvites,
  emptyForSignIn,
  emptyForSignOut,
  withdrawExpertsNotifications,
} from './auth/cached-data'
import { forgetSignIn, keepSignIn, revokeSignIn } from './auth/stored-sign-in'
import { Listeners } from '../../shared/listeners'
import { CurrentConnection, platformConnection } from './platform-connection'
import { GapWatch } from './platform-clock/gap-watch'
import { PlatformClock } from './platform-clock/platform-clock'
import type { CacheStore } from './ports/cache-store'
import type { AppNotification } from './ports/notifier'
import type { StoredSignIn } from './ports/secrets'
import type { ReminderScheduler } from './reminders/reminder-scheduler'
import type { RoomOpening } from '../../shared/ipc/contract'
import { joinedSession, openJoinedRoom } from './rooms/joined-room'
import type { StandbyCoreDeps } from './standby-core-deps'
import { changesInvites, type CacheUpdate } from './sync/cache-push'
import { inviteNotification } from './sync/invite-notification'
import { isInviteOpen } from '../../shared/rules/invite-open'
import type { MessageAlerts } from './messages/message-alerts'
import { cacheIsNotFor, recordCacheSource } from './cache-source'
import { CommandsInFlight } from './commands-in-flight'
import { unlessDoneElsewhere } from './done-elsewhere'
import { coreServices } from './core-services'
import type { AutoAway } from './presence/auto-away'
import type { RoomOpener } from './rooms/room-opener'
import type { InviteExpiry } from './invites/invite-expiry'
import type { CacheRetention } from './cache-retention'
import { trayStatus } from './tray/tray-status'
import { KeptHostFormats } from './kept-host-formats'

export type { StandbyCoreDeps } from './standby-core-deps'
export { NOTIFICATIONS_OFF } from './tray/tray-status'

/** The core of Standby. */
export class StandbyCore {
  private readonly platform = new CurrentConnection()
  private signedIn: StoredSignIn | null = null
  /** The last sign-in or sign-out asked for, settled or not: the next one waits for it. */
  private signInTurns: Promise<unknown> = Promise.resolve()
  /**
   * Why the platform last refused the sign-in, or the saved one could not be used at start: shown
   * until the next sign-in or sign-out.
   */
  private refusedBecause: string | null = null
  /** Unsubscribes the expiry watch from the machine's wakes. */
  private stopWatchingWakes: () => void = () => {}
  /** Set by stop(): a start still waiting on the saved sign-in then starts nothing. */
  private stopped = false
  private current: ConnectionState = { status: 'signed_out', reason: null }
  /** Connection state changes. */
  readonly states: Listeners<ConnectionState>
  /** The cache changed: after each applied batch (with its events), a snapshot or a sign-out. */
  readonly cacheChanged: Listeners<CacheUpdate>
  /** Reminders and session alerts; the notification routing snoozes and asks about Start here. */
  readonly reminders: ReminderScheduler
  private readonly rooms: RoomOpener
  /** The platform's time, measured from its answers: the clock of every marketplace rule. */
  readonly platformClock: PlatformClock
  /** Auto-away; refresh it when its settings change. */
  readonly presence: AutoAway
  /** Each new welcome from the platform (what it announces: its minimum app version). */
  readonly welcomed: Listeners<Welcome>
  /** The expert read a thread: unread counts moved without the cache's events changing. */
  readonly threadsRead: Listeners<string>
  private readonly messageAlerts: MessageAlerts
  /** Open invites run out by the platform's clock: the tray and the pages drop them then, platform or not. */
  private readonly inviteExpiry: InviteExpiry
  /** Keeps the cache bounded over months of running. */
  private readonly retention: CacheRetention
  /** The app's pages that have the focus now; a client's message is notified only when none has. */
  private readonly focusedPages = new Set<string>()
  /** Identical commands pressed on two surfaces at once go out once. */
  private readonly inFlight = new CommandsInFlight()

  private readonly deps: StandbyCoreDeps
  /** The tray's time formatters, built again only when the zone changes. */
  private readonly hostFormats = new KeptHostFormats()

  constructor(given: StandbyCoreDeps) {
    // Every listener of the resume hears a sleep the system never reported as a wake too.
    const deps = { ...given, power: new GapWatch(given.power, given.clock, given.log) }
    this.deps = deps
    const onError = (error: unknown): void => deps.log.error('A listener failed', error)
    this.states = new Listeners(onError)
    this.cacheChanged = new Listeners(onError)
    this.welcomed = new Listeners(onError)
    this.threadsRead = new Listeners(onError)
    this.platformClock = new PlatformClock(deps.clock, deps.power, deps.log, deps.cache)
    const services = coreServices(deps, this.platformClock, {
      cacheChanged: this.cacheChanged,
      states: this.states,
      platform: this.platform,
      windowFocused: deps.windowFocused ?? (() => this.focusedPages.size > 0),
      signedIn: () => this.signedIn !== null,
      platformUrl: () => this.platformUrl,
      publishTray: () => this.publishTray(),
      sendAvailability: (change, idleMinutes) => this.command('availability.auto', { change, idleMinutes }),
    })
    this.messageAlerts = services.messageAlerts
    this.reminders = services.reminders
    this.rooms = services.rooms
    this.inviteExpiry = services.inviteExpiry
    this.retention = services.retention
    this.presence = services.presence
  }

  /** The cache, for the views the UI reads. */
  get cache(): CacheStore {
    return this.deps.cache
  }

  /** The connection as the expert sees it. */
  get connection(): ConnectionState {
    return this.current
  }

  /** Whether an attempt to connect is under way (not yet welcomed, failed or refused). */
  get connecting(): boolean {
    return this.platform.link?.state.kind === 'connecting'
  }

  /** The signed-in expert's platform, or null. */
  get platformUrl(): string | null {
    return this.signedIn?.platformUrl ?? null
  }

  /** Who is signed in (platform and expert), or null: changes with each sign-in, sign-out or refusal. */
  get signedInAs(): string | null {
    return this.signedIn === null ? null : `${this.signedIn.expertId} on ${this.signedIn.platformUrl}`
  }

  /** Resume the stored sign-in, if any, and start connecting. */
  async start(): Promise<void> {
    // Before anything reads the time: offline, the last run's offset is the best there is.
    this.platformClock.restore()
    this.signedIn = await this.deps.secrets.load()
    // Stopped while the keychain answered (a quit during the start): the cache is closed, nothing starts.
    if (this.stopped) return
    if (this.signedIn !== null) this.connect(this.signedIn)
    // A saved sign-in that could not be used: the sign-in form says why it is asked for again.
    else this.refusedBecause = this.deps.secrets.unusable?.() ?? null
    this.publish()
    // The first state may equal the initial one; the tray must hear it either way.
    this.publishTray()
    // Reminders run from the cache, so they fire offline too.
    this.reminders.start()
    this.presence.start()
    // A timer may stop while the machine sleeps: an invite may have run out unseen by it.
    this.stopWatchingWakes = this.deps.power.onResume(() => this.inviteExpiry.check())
    this.inviteExpiry.check()
    // Its first pass waits a while: never on the path to the first page.
    this.retention.start()
  }

  /**
   * Sign in to a platform; on success the cache follows this expert from now on. Sign-ins and
   * sign-outs take effect one after another in the order asked: a second press or a second window
   * asking while one is on its way would otherwise interleave with it, and the earlier could end up
   * connected, or saved for the next start, after the later one.
   */
  signIn(platformUrl: string, email: string, password: string): Promise<SignInOutcome> {
    return this.inTurn(() => this.signInNow(platformUrl, email, password))
  }

  /**
   * Sign out: forget the token and the cached data, in turn as `signIn`, then ask the platform to
   * revoke the token (best effort, outside the turn: a sign-in asked for next need not wait on it).
   */
  async signOut(): Promise<void> {
    const signedIn = await this.inTurn(() => this.signOutNow())
    if (signedIn !== null) await revokeSignIn(this.deps, signedIn)
  }

  /** Run `change` once every sign-in or sign-out asked for before it has ended. */
  private inTurn<T>(change: () => Promise<T>): Promise<T> {
    const turn = this.signInTurns.then(change, change)
    this.signInTurns = turn.catch(() => undefined)
    return turn
  }

  private async signInNow(platformUrl: string, email: string, password: string): Promise<SignInOutcome> {
    const outcome = await signIn(platformUrl, email, password, this.deps.fetch)
    if (!outcome.ok) {
      this.deps.log.warn(`Sign-in failed: ${outcome.message}`)
      return outcome
    }
    this.platform.close()
    // The next platform may keep other time; its welcome measures it afresh.
    this.platformClock.reset()
    // Another expert's or another platform's data (as the cache records it, past restarts).
    const signedIn = { platformUrl: outcome.platformUrl, token: outcome.token, expertId: outcome.expert.id }
    if (cacheIsNotFor(this.deps.cache, this.deps.log, outcome.platformUrl, outcome.expert.id)) {
      const earlier = this.deps.cache.expert()
      const refused = emptyForSignIn(() => this.emptyCache(), this.deps, signedIn)
      if (refused !== null) {
        // Whoever was signed in stays so: the cache is still theirs.
        if (this.signedIn !== null) this.connect(this.signedIn)
        return refused
      }
      // Including what an earlier run showed them (macOS keeps it past a restart).
      if (earlier !== null)
        withdrawExpertsNotifications(
          this.deps.notifier,
          'Signed in as another expert, or on another platform',
        )
    }
    this.signedIn = signedIn
    await keepSignIn(this.deps, signedIn)
    this.deps.log.info(`Signed in as ${outcome.expert.email} on ${outcome.platformUrl}`)
    this.connect(signedIn)
    // Reminders wait while no one is signed in: what fell due meanwhile is told now, once.
    this.reminders.refresh()
    this.publish()
    return outcome
  }

  /** Sign out here; returns the sign-in that was, for the platform to revoke. */
  private async signOutNow(): Promise<StoredSignIn | null> {
    const signedIn = this.signedIn
    this.refusedBecause = null
    this.platform.close()
    this.platformClock.reset()
    this.signedIn = null
    // First: a notice that the cache could not be emptied is for whoever is at the computer now.
    withdrawExpertsNotifications(this.deps.notifier, 'Signed out')
    await forgetSignIn(this.deps)
    emptyForSignOut(() => this.emptyCache(), this.deps)
    this.publish()
    return signedIn
  }

  /**
   * Send a command; fails at once when signed out or offline. A refusal of what the expert did
   * already on another device is told as done (done-elsewhere.ts). A command that put the expert
   * in a live session (an instant invite taken, a booked session joined) opens its room, whoever
   * asked: the window's Join, a notification's, a reminder's Start.
   */
  async command<N extends CommandName>(
    name: N,
    payload: CommandPayload<N>,
    idempotencyKey?: string,
  ): Promise<CommandOutcome<CommandResult<N>>> {
    const link = this.platform.link
    if (link === undefined) {
      return { ok: false, error: { code: 'signed_out', message: 'Sign in to the platform first.' } }
    }
    return this.inFlight.share(link, name, payload, async () => {
      const answer = await link.command(name, payload, idempotencyKey)
      const { cache, log } = this.deps
      const outcome = await unlessDoneElsewhere(
        { cache, log, caughtUp: () => this.settled() },
        name,
        payload,
        answer,
      )
      if (outcome.ok) {
        const joined = joinedSession(name, outcome.result)
        // Not awaited: the browser may take its time, and the join has happened either way.
        if (joined !== null) void openJoinedRoom({ ...this.deps, rooms: this.rooms }, joined)
      }
      return outcome
    })
  }

  /** Open a cached session's room in the system browser ("Open room"). */
  openRoom(sessionId: string): Promise<RoomOpening> {
    return this.rooms.openCached(sessionId)
  }

  /**
   * The notification of this invite while it is open, for an earlier run's left in the notification
   * centre (its buttons work again) or pressed there; null once it closed, and while signed out:
   * the cache may still hold an expert who is gone, and their Join is not for whoever is here.
   */
  earlierInvite(inviteId: string): AppNotification | null {
    if (this.signedIn === null) return null
    const now = this.platformClock.deadlines.now()
    // By its id: the OS hands an earlier run's notifications back one by one, and reading every
    // open invite for each would cost the start seconds with thousands open.
    const invite = this.deps.cache.invite(inviteId)
    return invite === null || !isInviteOpen(invite, now) ? null : inviteNotification(invite, now)
  }

  /**
   * The notification of an invite the cache holds in any state, one since closed too (for a
   * button pressed on an earlier run's toast, which the platform then answers); null when it
   * holds none or no one is signed in.
   */
  heldInvite(inviteId: string): AppNotification | null {
    if (this.signedIn === null) return null
    const invite = this.deps.cache.invite(inviteId)
    return invite === null ? null : inviteNotification(invite, this.platformClock.deadlines.now())
  }

  /** A page of the app gained or lost the focus (`page` names it, so two pages do not mix). */
  pageFocused(page: string, focused: boolean): void {
    if (focused) this.focusedPages.add(page)
    else this.focusedPages.delete(page)
  }

  /**
   * The expert sees a thread in a focused page: its client messages are read, here and after a
   * restart. Kept in this cache only: reading is what one screen showed, and the platform's
   * protocol has no word for it.
   */
  markThreadRead(requestId: string): void {
    if (this.deps.cache.markThreadRead(requestId, this.deps.clock.now())) {
      this.publishTray()
      this.threadsRead.emit(requestId)
    }
  }

  /** Resolves once the current catch-up is over: a refused command reads the cache after it; tests and benches wait on it. */
  async settled(): Promise<void> {
    await this.platform.sync?.settled()
  }

  /** Disconnect and stop; the cache stays as it is. */
  stop(): void {
    this.stopped = true
    this.messageAlerts.stop()
    this.stopWatchingWakes()
    this.inviteExpiry.stop()
    this.retention.stop()
    this.presence.stop()
    this.reminders.stop()
    this.platformClock.stop()
    this.platform.close()
  }

  /** Empty the cache, and tell everything that shows or schedules from it. */
  private emptyCache(): void {
    clearWithInvites(this.deps.cache, this.deps.notifier)
    this.inviteExpiry.check()
    this.cacheChanged.emit({ kind: 'replaced', emptied: true })
  }

  private connect(signIn: StoredSignIn): void {
    this.platform.close()
    recordCacheSource(this.deps.cache, this.deps.log, signIn.platformUrl)
    this.refusedBecause = null
    const told = (): number | null => this.inviteExpiry.toldUntil()
    this.platform.open(platformConnection(this.deps, signIn, this.platformClock, told), {
      welcomed: (welcome) => this.welcomed.emit(welcome),
      changed: () => this.publish(),
      cacheChanged: (update) => {
        // A message or a session leaves the tray's count and the next invite to close as they were.
        const invites = changesInvites(update)
        if (invites) this.publishTray()
        this.cacheChanged.emit(update)
        if (invites) this.inviteExpiry.check()
      },
    })
  }

  private publish(): void {
    const { cache } = this.deps
    // The connection's times are the platform's, as every time the window counts against.
    const now = this.platformClock.now()
    const inputs = { signedIn: this.signedIn !== null, lastSyncedAt: cache.lastSyncedAt(), now }
    const computed = this.platform.status(inputs)
    const next: ConnectionState =
      computed.status === 'signed_out' && computed.reason === null && this.refusedBecause !== null
        ? { status: 'signed_out', reason: this.refusedBecause }
        : computed
    if (JSON.stringify(next) === JSON.stringify(this.current)) return
    this.current = next
    if (next.status === 'signed_out' && this.platform.link !== undefined && next.reason !== null) {
      // The platform refused the token: forget it so the next start asks for a sign-in.
      this.refusedBecause = next.reason
      this.signedIn = null
      this.platform.close()
      // The cache stays for signing in again, but nothing of it is told meanwhile.
      this.messageAlerts.stop()
      withdrawExpertsNotifications(this.deps.notifier, 'Signed out by the platform')
      // The platform no longer takes it, so one left on disk only asks for a sign-in next start.
      this.deps.secrets
        .clear()
        .catch((error: unknown) =>
          this.deps.log.warn(
            'The refused sign-in could not be removed; the next start asks to sign in again',
            error,
          ),
        )
    }
    this.states.emit(next)
    this.publishTray()
  }

  /**
   * The computer's time zone changed (the host reads it again): the tray's menu wrote the last
   * sync in the zone left, and would go on doing so until the connection or the invites changed.
   */
  timeZoneChanged(): void {
    this.hostFormats.forget()
    this.publishTray()
  }

  private publishTray(): void {
    const openInvites = this.deps.cache.openInviteCount(this.platformClock.deadlines.now())
    const health = this.deps.notifier.health?.() ?? { status: 'ok' }
    // A last sync days ago reads with its day, as the window's connection banner writes it.
    const now = this.platformClock.now()
    const time = this.deps.formatTime ?? ((t: number) => localTimeNear(t, now, this.hostFormats.formats))
    this.deps.tray.set(trayStatus(this.current, openInvites, health, time))
  }
}
