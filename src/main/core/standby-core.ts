/**
 * The app's core as one object: sign-in, the link to the platform, sync into the cache, and the
 * connection state the tray and UI show. Electron's main process and the browser shell each build
 * one with their own adapters; nothing here imports electron or the SQLite driver.
 */
import type { CommandOutcome } from '../../shared/command-outcome'
import type { ConnectionState } from '../../shared/connection-state'
import type { CommandName, CommandPayload, CommandResult, Welcome } from '../../shared/protocol'
import type { SignInOutcome } from './auth/sign-in'
import { clearWithInvites } from './auth/cached-data'
import { SignInTurns, signedOutByPlatform } from './auth/sign-in-turns'
import { HeldSignIn } from './auth/held-sign-in'
import { Listeners } from '../../shared/listeners'
import { CurrentConnection, platformConnection } from './platform-connection'
import { GapWatch } from './platform-clock/gap-watch'
import { PlatformClock } from './platform-clock/platform-clock'
import type { CacheStore } from './ports/cache-store'
import { oneNoticeOfAKind } from './one-notice-of-a-kind'
import type { AppNotification } from './ports/notifier'
import type { StoredSignIn } from './ports/secrets'
import type { ReminderScheduler } from './reminders/reminder-scheduler'
import type { RoomOpening } from '../../shared/ipc/contract'
import type { StandbyCoreDeps } from './standby-core-deps'
import { changesInvites, type CacheUpdate } from './sync/cache-push'
import { EarlierRunNotifications } from './earlier-run-notifications'
import { recordCacheSource } from './cache-source'
import { CommandSender } from './command-sender'
import { coreServices, type CoreServices } from './core-services'
import type { AutoAway } from './presence/auto-away'
import { TrayPublisher } from './tray/tray-publisher'
import { NamesFound } from './connection/names-found'

export type { StandbyCoreDeps } from './standby-core-deps'
export { NOTIFICATIONS_OFF } from './tray/tray-status'

/** The core of Standby. */
export class StandbyCore {
  private readonly platform = new CurrentConnection()
  /** Who is signed in, or why no one is. */
  private readonly held = new HeldSignIn()
  /** Sign-ins and sign-outs, in the order asked. */
  private readonly signIns: SignInTurns
  /** Set by stop(): a start still waiting on the saved sign-in then starts nothing. */
  private stopped = false
  private current: ConnectionState = { status: 'signed_out', reason: null }
  /** Connection state changes. */
  readonly states: Listeners<ConnectionState>
  /** The cache changed: after each applied batch (with its events), a snapshot or a sign-out. */
  readonly cacheChanged: Listeners<CacheUpdate>
  /** Reminders and session alerts; the notification routing snoozes and asks about Start here. */
  readonly reminders: ReminderScheduler
  /** The platform's time, measured from its answers: the clock of every marketplace rule. */
  readonly platformClock: PlatformClock
  /** Auto-away; refresh it when its settings change. */
  readonly presence: AutoAway
  /** Each new welcome from the platform (what it announces: its minimum app version). */
  readonly welcomed: Listeners<Welcome>
  /** The expert read a thread: unread counts moved without the cache's events changing. */
  readonly threadsRead: Listeners<string>
  /**
   * The services built around the cache and the platform's clock (core-services.ts); among them
   * the expiry watch: open invites run out by the platform's clock, platform or not.
   */
  private readonly services: CoreServices
  /** What an earlier run's notifications are about now. */
  private readonly earlier: EarlierRunNotifications
  /** The app's pages that have the focus now; a client's message is notified only when none has. */
  private readonly focusedPages = new Set<string>()
  /** Every surface's commands, sent one way. */
  private readonly commands: CommandSender
  private readonly deps: StandbyCoreDeps
  /** The tray's state, set from the connection and the cache. */
  private readonly tray: TrayPublisher

  constructor(given: StandbyCoreDeps) {
    // Every listener of the resume hears a sleep the system never reported as a wake too; a
    // notice told again takes its earlier self's place.
    const deps = {
      ...given,
      power: new GapWatch(given.power, given.clock, given.log),
      notifier: oneNoticeOfAKind(given.notifier),
      namesFound: given.namesFound ?? new NamesFound(),
    }
    this.deps = deps
    const onError = (error: unknown): void => deps.log.error('A listener failed', error)
    this.states = new Listeners(onError)
    this.cacheChanged = new Listeners(onError)
    this.welcomed = new Listeners(onError)
    this.threadsRead = new Listeners(onError)
    this.platformClock = new PlatformClock(deps.clock, deps.power, deps.log, deps.cache)
    this.tray = new TrayPublisher(deps, this.platformClock)
    const services = coreServices(deps, this.platformClock, {
      cacheChanged: this.cacheChanged,
      states: this.states,
      platform: this.platform,
      windowFocused: () => this.hasFocus(),
      signedIn: () => this.held.current !== null,
      platformUrl: () => this.platformUrl,
      publishTray: () => this.tray.publish(this.current),
      sendAvailability: (change, idleMinutes) => this.command('availability.auto', { change, idleMinutes }),
    })
    this.services = services
    this.reminders = services.reminders
    this.commands = new CommandSender({
      ...deps,
      rooms: services.rooms,
      currentSync: () => this.platform.sync,
      currentLink: () => this.platform.link,
    })
    this.signIns = new SignInTurns({
      deps,
      held: this.held,
      disconnect: () => {
        this.platform.close()
        this.platformClock.reset()
      },
      connect: (signIn) => this.connect(signIn),
      emptyCache: () => this.cacheReplaced('emptied'),
      remindersDue: () => this.reminders.refresh(),
      publish: () => this.publish(),
      states: this.states,
      stopped: () => this.stopped,
    })
    this.presence = services.presence
    this.earlier = new EarlierRunNotifications({
      cache: deps.cache,
      signedIn: () => this.held.current !== null,
      now: () => this.platformClock.deadlines.now(),
      reminders: this.reminders,
    })
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
    return this.held.platformUrl
  }

  /** Who is signed in (platform and expert), or null: changes with each sign-in, sign-out or refusal. */
  get signedInAs(): string | null {
    return this.held.who
  }

  /** Resume the stored sign-in, if any, and start connecting. */
  async start(): Promise<void> {
    // Before anything reads the time: offline, the last run's offset is the best there is.
    this.platformClock.restore()
    const saved = (this.held.current = await this.deps.secrets.load())
    // Stopped while the keychain answered (a quit during the start): the cache is closed, nothing starts.
    if (this.stopped) return
    if (saved !== null) this.connect(saved)
    // A saved sign-in that could not be used: the sign-in form says why it is asked for again.
    else this.held.refused(this.deps.secrets.unusable?.() ?? null)
    this.publish()
    // The first state may equal the initial one; the tray must hear it either way.
    this.tray.publish(this.current)
    this.services.start()
  }

  /** Sign in to a platform; on success the cache follows this expert (auth/sign-in-turns.ts). */
  signIn(platformUrl: string, email: string, password: string): Promise<SignInOutcome> {
    return this.signIns.signIn(platformUrl, email, password)
  }

  /** Sign out: forget the token and the cached data, then have the platform revoke the token. */
  signOut(): Promise<void> {
    return this.signIns.signOut()
  }

  /** Send a command (command-sender.ts); fails at once when signed out or offline. */
  command<N extends CommandName>(
    name: N,
    payload: CommandPayload<N>,
    idempotencyKey?: string,
  ): Promise<CommandOutcome<CommandResult<N>>> {
    return this.commands.send(this.platform.link, name, payload, idempotencyKey)
  }

  /** Open a cached session's room in the system browser ("Open room"). */
  openRoom(sessionId: string): Promise<RoomOpening> {
    return this.services.rooms.openCached(sessionId)
  }

  /** The notification of this invite while open, for an earlier run's toast; null signed out (earlier-run-notifications.ts). */
  earlierInvite(inviteId: string): AppNotification | null {
    return this.earlier.invite(inviteId)
  }

  /** The notification of an invite held in any state, for a press on an earlier run's toast; null signed out. */
  heldInvite(inviteId: string): AppNotification | null {
    return this.earlier.heldInvite(inviteId)
  }

  /** Whether an earlier run's reminder speaks of a session now another request's; false signed out (earlier-run-notifications.ts). */
  reminderForAnother(sessionId: string, requestId: string): boolean {
    return this.earlier.reminderForAnother(sessionId, requestId)
  }

  /** Whether one of the app's windows has the keyboard (the host's word, or the pages' own). */
  hasFocus(): boolean {
    return this.deps.windowFocused?.() ?? this.focusedPages.size > 0
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
      this.tray.publish(this.current)
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
    this.services.stop()
    this.platformClock.stop()
    this.platform.close()
  }

  /** The cache emptied (a sign-out) or rebuilt under the core (a damaged file; marks held in memory stay the expert's): read again, a rebuilt one refilled by a new connection. */
  cacheReplaced(how: 'emptied' | 'rebuilt'): void {
    if (how === 'emptied') clearWithInvites(this.deps.cache, this.deps.notifier)
    this.services.inviteExpiry.check()
    this.cacheChanged.emit(how === 'emptied' ? { kind: 'replaced', emptied: true } : { kind: 'replaced' })
    if (how === 'rebuilt' && !this.stopped && this.held.current !== null) this.connect(this.held.current)
  }

  private connect(signIn: StoredSignIn): void {
    this.platform.close()
    recordCacheSource(this.deps.cache, this.deps.log, signIn.platformUrl)
    this.held.become(signIn)
    const told = (): number | null => this.services.inviteExpiry.toldUntil()
    this.platform.open(platformConnection(this.deps, signIn, this.platformClock, told), {
      welcomed: (welcome) => this.welcomed.emit(welcome),
      changed: () => this.publish(),
      cacheChanged: (update) => {
        // A message or a session leaves the tray's count and the next invite to close as they were.
        const invites = changesInvites(update)
        if (invites) this.tray.publish(this.current)
        this.cacheChanged.emit(update)
        if (invites) this.services.inviteExpiry.check()
      },
    })
  }

  private publish(): void {
    const { cache } = this.deps
    // The connection's times are the platform's, as every time the window counts against.
    const now = this.platformClock.now()
    const inputs = { signedIn: this.held.current !== null, lastSyncedAt: cache.lastSyncedAt(), now }
    const next = this.held.shown(this.platform.status(inputs))
    if (JSON.stringify(next) === JSON.stringify(this.current)) return
    this.current = next
    if (next.status === 'signed_out' && this.platform.link !== undefined && next.reason !== null) {
      // The platform refused the token: forget it so the next start asks for a sign-in.
      this.held.refused(next.reason)
      this.platform.close()
      // The cache stays for signing in again, but nothing of it is told meanwhile.
      this.services.messageAlerts.stop()
      signedOutByPlatform(this.deps)
    }
    this.states.emit(next)
    this.tray.publish(this.current)
  }

  /** The computer's time zone changed: the tray's menu wrote the last sync in the zone left. */
  timeZoneChanged(): void {
    this.tray.zoneChanged()
    this.tray.publish(this.current)
  }
}
