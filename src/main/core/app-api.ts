/**
 * The implementation of every IPC call, in one place for both hosts: Electron registers these with
 * its IPC helper, the browser shell with its WebSocket bridge. Requests arrive already parsed by
 * the contract's schemas; nothing here knows which carrier brought them.
 */
import {
  invokeContract,
  type AppInfo,
  type InvokeChannel,
  type InvokeRequest,
  type InvokeResponse,
  type RemindersSent,
} from '../../shared/ipc/contract'
import {
  HISTORY_CLIENTS_LISTED,
  HISTORY_PAGE_BYTES,
  MISSED_INVITES_LISTED,
  OPEN_INVITES_LISTED,
  PAST_SESSIONS_WITH_CLIENT_LISTED,
  UPCOMING_SESSIONS_LISTED,
} from '../../shared/ipc/list-limits'
import type { CommandName, CommandPayload } from '../../shared/protocol'
import { checkPlatformUrl } from '../../shared/platform-url'
import { exportSessionToCalendar } from './calendar/calendar-export'
import { ToldError } from './ipc/told-error'
import {
  COMMAND_LIMITS,
  COMMAND_WORDS,
  MESSAGE_ATTEMPT_LIMITS,
  MESSAGE_ATTEMPT_WORDS,
  MESSAGE_LIMITS,
  MESSAGE_WORDS,
  pageOpens as countedBurst,
  SIGN_IN_LIMITS,
  SIGN_IN_WORDS,
  WINDOW_RAISE_LIMITS,
  WINDOW_RAISE_WORDS,
  type PageOpens,
} from './ipc/page-opens'
import { systemClock } from '../../shared/clock'
import type { PendingFocus } from './pending-focus'
import type { CalendarOpener } from './ports/calendar-opener'
import { logFolderAnswer, type HostLogFolder } from './host-log-folder'
import type { Logger } from './ports/logger'
import type { Notifier, NotifierHealth } from './ports/notifier'
import type { LaunchAtLogin } from './settings/login-item'
import { appSettingsOf, type SettingsStore } from './ports/settings'
import type { StandbyCore } from './standby-core'
import type { UpdatePolicy } from './update/update-policy'

/** One handler per contract call. */
export type AppApi = {
  readonly [C in InvokeChannel]: (request: InvokeRequest<C>) => InvokeResponse<C> | Promise<InvokeResponse<C>>
}

/** What the host adds: who it is, and how it opens links. */
export interface HostInfo {
  readonly info: AppInfo
  /** Opens an already-validated http(s) URL outside the app. */
  openExternal(url: string): Promise<void>
  /** Bring the full window to the front; a host without one does nothing. */
  showWindow(): void
  /** The folder of the host's log file; absent for a host that writes none. */
  readonly logs?: HostLogFolder
  /** The OS's calendar app; absent for a host without one (the page downloads the file). */
  readonly calendar?: CalendarOpener
}

/** What the handlers read besides the core: the settings, the notifier and the updater. Time is the core's platform clock. */
export interface AppApiDeps {
  readonly settings: SettingsStore
  readonly notifier: Notifier
  readonly updates: UpdatePolicy
  /** The launch-at-login setting as the host carried it out. */
  readonly launchAtLogin: LaunchAtLogin
  /** What a press on a notification asked a page to show, for a page that loads after it. */
  readonly focus: PendingFocus
  /** Bounds what pages have the host open outside the app (links, rooms, calendar files, the log folder). */
  readonly pageOpens: PageOpens
  /** Bounds the sign-ins pages try (each reaches the address it names); SIGN_IN_LIMITS unless a test says. */
  readonly signInAttempts?: PageOpens
  /** Bounds the messages pages send to clients; MESSAGE_LIMITS unless a test says. */
  readonly messagesSent?: PageOpens
  /** Bounds the messages pages ask to send, sent or not; MESSAGE_ATTEMPT_LIMITS unless a test says. */
  readonly messageAttempts?: PageOpens
  /** Bounds how often pages bring the window to the front; WINDOW_RAISE_LIMITS unless a test says. */
  readonly windowRaises?: PageOpens
  /** Bounds one kind of command pages send, asked once per kind; COMMAND_LIMITS unless a test says. */
  readonly commandsOfAKind?: (name: BoundedCommand) => PageOpens
  readonly log: Logger
}

/** The commands a page sends through the bound of their kind: all but messages, which have their own. */
export type BoundedCommand = Exclude<CommandName, 'message.send' | 'availability.auto'>

/** What a refused command did not do, in its refusal ("Standby did not join the session: …"). */
const COMMAND_ACTIONS: Record<BoundedCommand, string> = {
  'invite.accept': 'answer the invite',
  'invite.decline': 'decline the invite',
  'session.join': 'start the session',
  'session.cancel': 'cancel the session',
  'session.proposeTime': 'propose the new time',
  'session.startBilling': 'start billing',
  'session.end': 'end the session',
  'session.setNote': 'save the note',
  'availability.set': 'change your availability',
}

/** The notification Settings sends on request. */
export const TEST_NOTIFICATION = {
  kind: 'notice',
  // One on screen however often it is asked for: each takes the previous one's place.
  noticeId: 'settings-test',
  title: 'Standby test notification',
  body: 'Invites and reminders appear like this.',
} as const

/** A notifier's health; one that cannot tell is taken at its word. */
export function notifierHealth(notifier: Notifier): NotifierHealth {
  return notifier.health?.() ?? { status: 'ok' }
}

/** Build the handlers over one core. */
export function createAppApi(core: StandbyCore, host: HostInfo, deps: AppApiDeps): AppApi {
  const { settings, notifier, updates, pageOpens } = deps
  const signInAttempts =
    deps.signInAttempts ?? countedBurst(systemClock, deps.log, SIGN_IN_LIMITS, SIGN_IN_WORDS)
  const messagesSent = deps.messagesSent ?? countedBurst(systemClock, deps.log, MESSAGE_LIMITS, MESSAGE_WORDS)
  const messageAttempts =
    deps.messageAttempts ?? countedBurst(systemClock, deps.log, MESSAGE_ATTEMPT_LIMITS, MESSAGE_ATTEMPT_WORDS)
  const windowRaises =
    deps.windowRaises ?? countedBurst(systemClock, deps.log, WINDOW_RAISE_LIMITS, WINDOW_RAISE_WORDS)
  // Refused past the burst with the sentence the page shows, before anything reaches the OS.
  const mayOpen = (action: string): void => {
    const refusal = pageOpens.take(action)
    if (refusal !== null) throw new ToldError(refusal)
  }
  // Each kind counted on its own and before it is sent: a loop of one reaches neither the platform
  // nor the clients it touches, and never stops another kind (answering an invite).
  const bursts = new Map<BoundedCommand, PageOpens>()
  const burstOf = (name: BoundedCommand): PageOpens =>
    deps.commandsOfAKind?.(name) ?? countedBurst(systemClock, deps.log, COMMAND_LIMITS, COMMAND_WORDS)
  const command =
    <N extends BoundedCommand>(name: N) =>
    (payload: CommandPayload<N>) => {
      const burst = bursts.get(name) ?? burstOf(name)
      bursts.set(name, burst)
      const refusal = burst.take(COMMAND_ACTIONS[name])
      return refusal === null ? core.command(name, payload) : rateLimited(refusal)
    }
  return {
    'app.getInfo': () => host.info,
    'app.getTime': () => ({ now: core.platformClock.now(), clock: core.platformClock.state }),
    // Past the burst the window was raised a moment ago: it stays, and the page is not told of a fault.
    // A page with the keyboard takes it from nothing: the popover's "Open Standby", pressed by the
    // expert who just opened it from the tray, always shows the window.
    'app.showWindow': () => {
      if (core.hasFocus() || windowRaises.take('bring the window to the front') === null) host.showWindow()
    },
    'settings.get': () => appSettingsOf(settings.get()),
    'settings.update': (patch) => appSettingsOf(settings.update(patch)),
    // Asked as Settings shows the switch: the OS again, as the expert may have changed it there.
    'settings.getLoginItem': () => deps.launchAtLogin.refresh(),
    'shell.openExternal': (url) => {
      mayOpen('open the link')
      return host.openExternal(url)
    },
    'logs.getFolder': () => logFolderAnswer(host.logs, false),
    'logs.openFolder': async () => {
      if (host.logs !== undefined) mayOpen('open the log folder')
      return logFolderAnswer(host.logs, host.logs === undefined ? false : await host.logs.open())
    },
    'connection.getState': () => core.connection,
    'auth.signIn': async ({ platformUrl, email, password }) => {
      // Refused by Standby itself, sent nowhere: uncounted, so typos hold back no sign-in after them.
      const address = checkPlatformUrl(platformUrl)
      if (!address.ok) return { ok: false, reason: 'invalid_input', message: address.message }
      const refusal = signInAttempts.take('sign in')
      if (refusal !== null) return { ok: false, reason: 'failed', message: refusal }
      const outcome = await core.signIn(platformUrl, email, password)
      if (!outcome.ok) return { ok: false, reason: outcome.reason, message: outcome.message }
      rememberPlatform(settings, outcome.platformUrl)
      return { ok: true, expert: outcome.expert }
    },
    'auth.signOut': () => core.signOut(),
    'expert.get': () => core.cache.expert(),
    'invites.list': () => {
      const now = core.platformClock.deadlines.now()
      return {
        open: core.cache.openInvites(now, OPEN_INVITES_LISTED).slice(0, OPEN_INVITES_LISTED),
        missed: [...core.cache.missedInvites(now, MISSED_INVITES_LISTED)],
      }
    },
    'sessions.upcoming': () => {
      const { sessions, later } = core.cache.upcomingPage(core.platformClock.now(), UPCOMING_SESSIONS_LISTED)
      return { sessions: [...sessions], later }
    },
    'sessions.remindersSent': () => upcomingRemindersSent(core),
    'sessions.history': ({ limit, after, filter }) => {
      const { sessions, more, next } = core.cache.historyPage(limit, HISTORY_PAGE_BYTES, after, filter)
      return { sessions: [...sessions], more, ...(next !== undefined && { next }) }
    },
    'sessions.historyClients': () => [...core.cache.historyClients(HISTORY_CLIENTS_LISTED)],
    'invites.pastSessionsWithClient': ({ inviteId }) => {
      const invite = core.cache.invite(inviteId)
      return invite === null
        ? []
        : [...core.cache.pastSessionsWithClient(invite.request.client.id, PAST_SESSIONS_WITH_CLIENT_LISTED)]
    },
    'messages.list': ({ requestId }) => {
      const { messages, earlier } = core.cache.thread(requestId)
      return { messages: [...messages], earlier }
    },
    'messages.unread': () => [...core.cache.unreadThreads(core.platformClock.deadlines.now())],
    'messages.markRead': ({ requestId }) => core.markThreadRead(requestId),
    'invites.accept': command(invokeContract['invites.accept'].command),
    'invites.decline': command(invokeContract['invites.decline'].command),
    'messages.send': async (payload) => {
      // Counted before it is sent, so a loop reaches neither the client's thread nor the platform;
      // every ask counts among the attempts, so a loop of sends that fail is held too.
      const refusal = messageAttempts.take('send the message') ?? messagesSent.take('send the message')
      if (refusal !== null) return rateLimited(refusal)
      const outcome = await core.command('message.send', payload)
      if (!outcome.ok && !MAY_HAVE_LEFT.has(outcome.error.code)) messagesSent.giveBack()
      return outcome
    },
    'sessions.join': command(invokeContract['sessions.join'].command),
    'sessions.openRoom': ({ sessionId }) => {
      const refusal = pageOpens.take('open the room')
      return refusal === null ? core.openRoom(sessionId) : rateLimited(refusal)
    },
    'sessions.addToCalendar': ({ sessionId }) => {
      // A host without a calendar app opens nothing: the page downloads the file itself.
      const refusal = host.calendar === undefined ? null : pageOpens.take('open the calendar file')
      if (refusal !== null) return rateLimited(refusal)
      return exportSessionToCalendar(
        {
          cache: core.cache,
          platformUrl: core.platformUrl,
          now: core.platformClock.now(),
          calendar: host.calendar,
          log: deps.log,
        },
        sessionId,
      )
    },
    'sessions.cancel': command(invokeContract['sessions.cancel'].command),
    'sessions.proposeTime': command(invokeContract['sessions.proposeTime'].command),
    'sessions.startBilling': command(invokeContract['sessions.startBilling'].command),
    'sessions.end': command(invokeContract['sessions.end'].command),
    'sessions.setNote': command(invokeContract['sessions.setNote'].command),
    'availability.set': command(invokeContract['availability.set'].command),
    'notifications.getHealth': () => notifierHealth(notifier),
    'notifications.sendTest': () => {
      mayOpen('show the test notification')
      notifier.show(TEST_NOTIFICATION)
      return notifierHealth(notifier)
    },
    'updates.get': () => updates.state,
    'updates.check': () => {
      updates.checkAsked()
      return updates.state
    },
    'updates.restart': () => updates.restart(),
    'focus.take': ({ surface }) => deps.focus.take(surface),
    'app.reportFocus': ({ surface, focused }) => core.pageFocused(surface, focused),
  }
}

/** An open refused past the page's burst, as a room or calendar outcome tells it. */
/**
 * The failures of a message that may still have reached the client (the link dropped, no answer,
 * an answer that made no sense): they stay counted. Any other failure never left or was refused.
 */
const MAY_HAVE_LEFT: ReadonlySet<string> = new Set(['dropped', 'timeout', 'invalid_response', 'unconfirmed'])

function rateLimited(message: string): { ok: false; error: { code: 'rate_limited'; message: string } } {
  return { ok: false, error: { code: 'rate_limited', message } }
}

/**
 * Remember the platform signed in to, so Settings and the next sign-in form show it. The sign-in
 * stands even if this cannot be saved (the store logs why); only the prefill is lost.
 */
function rememberPlatform(settings: SettingsStore, platformUrl: string): void {
  try {
    settings.update({ platformUrl })
  } catch {
    // Nothing to undo: the setting is a convenience.
  }
}

/** Of the sessions the window lists as upcoming, the reminders marked sent: the IPC call's answer and its push's. */
export function upcomingRemindersSent(
  core: Pick<StandbyCore, 'cache' | 'platformClock' | 'reminders'>,
): RemindersSent {
  const upcoming = core.cache.upcomingSessions(core.platformClock.now(), UPCOMING_SESSIONS_LISTED)
  return core.reminders.sent.sent(upcoming.filter((session) => session.state === 'booked'))
}
