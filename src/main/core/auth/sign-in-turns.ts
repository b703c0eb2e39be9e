/**
 * Signing in and out, one after another in the order asked: a second press or a second window
 * asking while one is on its way would otherwise interleave with it, and the earlier could end up
 * connected, or saved for the next start, after the later one.
 */
import type { StandbyCoreDeps } from '../standby-core-deps'
import type { StoredSignIn } from '../ports/secrets'
import type { Notifier } from '../ports/notifier'
import { signIn, type SignInOutcome } from './sign-in'
import {
  CACHE_LEFT_NOTICE_ID,
  emptyForSignIn,
  emptyForSignOut,
  withdrawExpertsNotifications,
} from './cached-data'
import { cacheIsNotFor } from '../cache-source'
import { forgetSignIn, keepSignIn, SIGN_IN_LEFT_NOTICE_ID } from './stored-sign-in'
import { OwedRevocations } from './owed-revocations'
import type { Listeners } from '../../../shared/listeners'
import type { ConnectionState } from '../../../shared/connection-state'
import type { HeldSignIn } from './held-sign-in'

/** What signing in and out reads and changes in the core. */
export interface SignInHost {
  readonly deps: Pick<StandbyCoreDeps, 'fetch' | 'cache' | 'log' | 'notifier' | 'secrets' | 'namesFound'>
  /** Who is signed in now. */
  readonly held: HeldSignIn
  /** Close the link and forget the platform's time: the next platform keeps its own. */
  disconnect(): void
  /** Connect to `signIn`'s platform as its expert. */
  connect(signIn: StoredSignIn): void
  /** Empty the cache and tell everything that shows or schedules from it; throws when it cannot. */
  emptyCache(): void
  /** A sign-in took effect: reminders that fell due while no one was signed in are told now. */
  remindersDue(): void
  /** Who is signed in changed: the connection state follows. */
  publish(): void
  /** The connection as the expert sees it, at each change: a link connected asks owed revocations again. */
  readonly states: Listeners<ConnectionState>
  /** Whether the core has stopped (Standby is quitting): its cache is closed and no link may open. */
  stopped(): boolean
}

/** What a sign-in asked for, or answered, once Standby is quitting is told. */
export const SIGN_IN_AT_QUIT =
  'Standby is quitting, so it did not sign in; open Standby again and sign in there.'

/** Sign-ins and sign-outs, each once every one asked for before it has ended. */
export class SignInTurns {
  /** The last sign-in or sign-out asked for, settled or not: the next one waits for it. */
  private turns: Promise<unknown> = Promise.resolve()
  /**
   * Whether the last sign-out removed everything (the saved sign-in, the cache) and no sign-in has
   * been tried since: a sign-out asked for again (a page calling in a loop) then has nothing to do,
   * and does nothing, rather than clear the keychain, empty the cache and take every notification
   * down once per call.
   */
  private signedOutCleanly = false

  /** What the last sign-out could not remove, and told of in a notice still up. */
  private leftBehind = { signIn: false, cache: false }

  /** Revocations the platform could not be asked for (offline), asked again once it is reached. */
  private readonly owed: OwedRevocations

  constructor(private readonly host: SignInHost) {
    this.owed = new OwedRevocations({ ...host.deps, inUse: () => host.held.current })
    let connected = false
    host.states.add((state) => {
      // A check of the connection is no new connection: the platform was reached when it came.
      const now = state.status === 'online' || state.status === 'checking'
      if (now && !connected) void this.owed.connected()
      connected = now
    })
  }

  /** Sign in to a platform; on success the cache follows this expert from now on. */
  signIn(platformUrl: string, email: string, password: string): Promise<SignInOutcome> {
    return this.inTurn(() => this.signInNow(platformUrl, email, password))
  }

  /**
   * Sign out: forget the token and the cached data, in turn, then ask the platform to revoke the
   * token (best effort, outside the turn: a sign-in asked for next need not wait on it).
   */
  async signOut(): Promise<void> {
    const signedIn = await this.inTurn(() => this.signOutNow())
    if (signedIn !== null) await this.owed.revoke(signedIn)
  }

  /** Run `change` once every sign-in or sign-out asked for before it has ended. */
  private inTurn<T>(change: () => Promise<T>): Promise<T> {
    const turn = this.turns.then(change, change)
    this.turns = turn.catch(() => undefined)
    return turn
  }

  private async signInNow(platformUrl: string, email: string, password: string): Promise<SignInOutcome> {
    const { host } = this
    const { deps } = host
    if (host.stopped()) return this.refusedAtQuit()
    this.signedOutCleanly = false
    const outcome = await signIn(platformUrl, email, password, deps.fetch, deps.namesFound)
    if (!outcome.ok) {
      deps.log.warn(`Sign-in failed: ${outcome.message}`)
      return outcome
    }
    const signedIn = { platformUrl: outcome.platformUrl, token: outcome.token, expertId: outcome.expert.id }
    // Answered as Standby quit: the cache is closed and no link may open, so the token is kept by
    // no one; ended on the platform (or owed, for the next start) rather than left valid there.
    // Not the sign-in in use, handed back by the platform: the next start connects with it.
    if (host.stopped()) {
      if (host.held.current?.token !== signedIn.token) await this.owed.revoke(signedIn)
      return this.refusedAtQuit()
    }
    host.disconnect()
    // Another expert's or another platform's data (as the cache records it, past restarts).
    if (cacheIsNotFor(deps.cache, deps.log, outcome.platformUrl, outcome.expert.id)) {
      const earlier = deps.cache.expert()
      const refused = emptyForSignIn(
        () => host.emptyCache(),
        { log: deps.log, revoke: (signIn) => this.owed.revoke(signIn) },
        signedIn,
      )
      if (refused !== null) {
        // Whoever was signed in stays so: the cache is still theirs.
        const stays = host.held.current
        if (stays !== null) host.connect(stays)
        return refused
      }
      // Including what an earlier run showed them (macOS keeps it past a restart).
      if (earlier !== null)
        withdrawExpertsNotifications(deps.notifier, 'Signed in as another expert, or on another platform')
    }
    // The sign-in this one replaces (another tab's or window's, done just before) is ended on the
    // platform as a sign-out ends it: forgotten here, it would stay valid there with no one to end it.
    const replaced = host.held.current
    if (replaced !== null && replaced.token !== signedIn.token) void this.owed.revoke(replaced)
    host.held.become(signedIn)
    await keepSignIn(deps, signedIn)
    deps.log.info(`Signed in as ${outcome.expert.email} on ${outcome.platformUrl}`)
    // Kept as Standby quit: the next start connects with it; this run's closed cache shows nothing.
    if (host.stopped()) return outcome
    host.connect(signedIn)
    host.remindersDue()
    host.publish()
    return outcome
  }

  /** A sign-in refused because Standby is quitting, with a line in the log. */
  private refusedAtQuit(): SignInOutcome {
    this.host.deps.log.warn('A sign-in was refused: Standby is quitting')
    return { ok: false, reason: 'failed', message: SIGN_IN_AT_QUIT }
  }

  /** Sign out here; returns the sign-in that was, for the platform to revoke. */
  private async signOutNow(): Promise<StoredSignIn | null> {
    const { host } = this
    const signedIn = host.held.current
    if (signedIn === null && this.signedOutCleanly) return null
    // Its turn came after the quit (behind a sign-in): the cache is closed and cannot be emptied.
    // Half done, the saved sign-in gone and the sessions left, the expert's data would stay on this
    // computer with no one signed in and no notice; whole, the next start is still signed in.
    if (host.stopped()) {
      host.deps.log.warn('A sign-out was refused: Standby is quitting; the next start is still signed in')
      return null
    }
    host.disconnect()
    host.held.become(null)
    // First: a notice that the cache could not be emptied is for whoever is at the computer now.
    // Not again on a sign-out that only tries again what the last one left: nothing of the
    // expert's was shown since, and the notice of what was left stays, told once.
    if (signedIn !== null) withdrawExpertsNotifications(host.deps.notifier, 'Signed out')
    // A sign-out that tries again what the last one left tells a failure again only if it is new.
    const told = signedIn === null ? this.leftBehind : { signIn: false, cache: false }
    // Before the keychain is waited on: a quit meanwhile closes the cache, which would keep the
    // expert's data on this computer with the saved sign-in gone and no notice of it.
    const emptied = emptyForSignOut(() => host.emptyCache(), host.deps, told.cache)
    const forgotten = await forgetSignIn(host.deps, told.signIn)
    this.leftBehind = { signIn: !forgotten, cache: !emptied }
    // What an earlier sign-out left, and told of, is gone now: so is its notice.
    if (told.signIn && forgotten)
      withdrawNotice(host.deps.notifier, SIGN_IN_LEFT_NOTICE_ID, 'The saved sign-in was removed.')
    if (told.cache && emptied)
      withdrawNotice(host.deps.notifier, CACHE_LEFT_NOTICE_ID, 'The offline cache was emptied.')
    this.signedOutCleanly = forgotten && emptied
    // Quit while the keychain answered: nothing shows the state any more, and the cache is closed.
    if (!host.stopped()) host.publish()
    return signedIn
  }
}

/**
 * The platform refused the token: the expert's notifications are taken down (the cache stays for
 * signing in again) and the saved sign-in removed, since it would only ask for a sign-in next start.
 */
export function signedOutByPlatform(deps: SignInHost['deps']): void {
  withdrawExpertsNotifications(deps.notifier, 'Signed out by the platform')
  deps.secrets
    .clear()
    .catch((error: unknown) =>
      deps.log.warn('The refused sign-in could not be removed; the next start asks to sign in again', error),
    )
}

/** Take the notice `noticeId` off the screen: what it told of is over. */
function withdrawNotice(notifier: Pick<Notifier, 'show'>, noticeId: string, body: string): void {
  notifier.show({ kind: 'notice_withdrawn', noticeId, title: 'Signed out', body })
}
