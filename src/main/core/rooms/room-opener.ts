/**
 * Opens a session's room in the system browser: after the expert joins (an instant invite taken,
 * a booked session started, from the window or a notification alike) and on "Open room". The
 * room must be a page of the platform signed in to (platform-page.ts); anything else is refused
 * with a log line and a sentence for the expert.
 */
import type { CommandFailure } from '../../../shared/command-outcome'
import type { RoomOpening } from '../../../shared/ipc/contract'
import type { Session } from '../../../shared/protocol'
import type { CacheStore } from '../ports/cache-store'
import type { ExternalBrowser } from '../ports/external-browser'
import type { Logger } from '../ports/logger'
import { platformPage } from './platform-page'
import { errorMessage } from '../../../shared/error-message'

/** What the opener needs. */
export interface RoomOpenerDeps {
  readonly browser: ExternalBrowser
  readonly cache: Pick<CacheStore, 'session'>
  readonly log: Logger
  /** The platform signed in to, or null when signed out. */
  readonly platformUrl: () => string | null
}

/** Opens rooms, each only on the platform signed in to. */
export class RoomOpener {
  constructor(private readonly deps: RoomOpenerDeps) {}

  /** Open the room of a session the cache holds. */
  openCached(sessionId: string): Promise<RoomOpening> {
    const session = this.deps.cache.session(sessionId)
    if (session === null) {
      return Promise.resolve(refused('not_found', 'This session is not in Standby’s list (any more).'))
    }
    return this.open(session)
  }

  /** Open `session`'s room. */
  async open(session: Session): Promise<RoomOpening> {
    const { log } = this.deps
    const platformUrl = this.deps.platformUrl()
    if (platformUrl === null) return refused('signed_out', 'Sign in to the platform first.')
    if (session.roomUrl === null) {
      log.warn(`No room to open for session ${session.id}: Standby holds none for it.`)
      return refused(
        'not_found',
        'Standby has no room for this session: the platform has not sent one yet (it comes with the session’s next update), or sent one on another site, which Standby does not open.',
      )
    }
    const page = platformPage(session.roomUrl, platformUrl)
    if (!page.ok) {
      log.warn(`Refused to open the room of session ${session.id}: ${page.reason}`)
      return refused('forbidden', page.reason)
    }
    try {
      await this.deps.browser.open(page.url)
    } catch (error) {
      const reason = errorMessage(error)
      log.warn(`The system browser did not open the room of session ${session.id}: ${reason}`)
      return refused(
        'internal',
        'The system browser did not open the room; check that a default browser is set, then try Open room again.',
      )
    }
    log.info(`Opened the room of session ${session.id} in the system browser`)
    return { ok: true, result: { url: page.url } }
  }
}

function refused(code: CommandFailure['code'], message: string): RoomOpening {
  return { ok: false, error: { code, message } }
}
