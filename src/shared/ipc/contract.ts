/**
 * The IPC contract: every call the renderer may make into the main process, and every event the
 * main process may push to the renderer. Main, preload and renderer all type their IPC against
 * these two maps, so a channel cannot be renamed or reshaped on one side only.
 *
 * A key is `namespace.method`; the preload turns it into `window.standby.namespace.method`.
 * Requests are parsed with their schema in the main process; responses and push payloads are
 * produced by our own code, and their schemas document the shape (and let a non-Electron host
 * such as the browser shell check what it carries). `cache.changed`, built from the cache, is
 * checked against its schema before it is sent.
 *
 * The channel maps stay here, as the one contract; the schemas they use live beside this file by
 * domain (host-schemas, settings-schemas, sign-in-schemas, cache-view-schemas, command-entries) and
 * are re-exported below, so every importer keeps importing them from here.
 */
import { z } from 'zod'
import { ConnectionState } from '../connection-state'
import { Expert, Id, Session } from '../protocol/entities'
import { Password } from '../protocol/http'
import { MAX_PLATFORM_URL_LENGTH } from '../platform-url'
import { UpdateState } from '../update/update-state'
import {
  CacheChange,
  HistoryPage,
  HistoryRequest,
  InviteLists,
  RemindersSent,
  ThreadRead,
  UnreadThreads,
  UpcomingRead,
} from './cache-view-schemas'
import { CalendarExport, commandEntry, RoomOpening } from './command-entries'
import { HistoryClientSchema } from './history-filter-schema'
import {
  AppInfo,
  ExternalUrl,
  FocusTarget,
  HostNotice,
  HostTime,
  LogFolder,
  PlatformClockState,
  RestartOutcome,
} from './host-schemas'
import { HISTORY_CLIENTS_LISTED, PAST_SESSIONS_WITH_CLIENT_LISTED } from './list-limits'
import { AppSettings, LoginItemStatus, NotificationHealth } from './settings-schemas'
import { SignInResult } from './sign-in-schemas'

export {
  AppInfo,
  AppPlatform,
  ExternalUrl,
  FocusTarget,
  HostNotice,
  HostTime,
  LogFolder,
  RestartOutcome,
} from './host-schemas'
export {
  CacheChange,
  HistoryPage,
  HistoryRequest,
  InviteLists,
  MOST_CHANGED,
  RemindersSent,
  SentReminders,
  ThreadRead,
  UnreadThread,
  UnreadThreads,
  UpcomingRead,
} from './cache-view-schemas'
export { CalendarExport, RoomOpening } from './command-entries'
export { AppSettings, LoginItemStatus, NotificationHealth } from './settings-schemas'
export { SignInResult } from './sign-in-schemas'

/** The shape every invoke entry has; `satisfies` below checks each entry against it. */
interface InvokeEntry {
  readonly request: z.ZodType
  readonly response: z.ZodType
}

/** Renderer → main calls that answer. */
export const invokeContract = {
  /** The app's version, platform and the platform protocol version it speaks. */
  'app.getInfo': { request: z.void(), response: AppInfo },
  /** The platform's time by the host's clock (a ManualClock in tests); the renderer reads it once a second. */
  'app.getTime': { request: z.void(), response: HostTime },
  /** Bring the full window to the front (the popover's "Open Standby"). */
  'app.showWindow': { request: z.void(), response: z.void() },
  /** The stored settings. */
  'settings.get': { request: z.void(), response: AppSettings },
  /** Change some settings; answers with all of them as stored. */
  'settings.update': { request: AppSettings.partial().strict(), response: AppSettings },
  /** Whether launch at login was carried out, and if not, what to do instead. */
  'settings.getLoginItem': { request: z.void(), response: LoginItemStatus },
  /** Open an http(s) link in the system browser rather than inside the app. */
  'shell.openExternal': { request: ExternalUrl, response: z.void() },
  /** Where the log file is, without opening anything (`opened` is false). */
  'logs.getFolder': { request: z.void(), response: LogFolder },
  /** Show the log folder in the file manager; a host that cannot answers with the path alone. */
  'logs.openFolder': { request: z.void(), response: LogFolder },
  /** The connection to the platform as the banner shows it. */
  'connection.getState': { request: z.void(), response: ConnectionState },
  /** Sign in to a platform (URL, email, password). */
  'auth.signIn': {
    request: z
      .object({
        platformUrl: z.string().trim().min(1).max(MAX_PLATFORM_URL_LENGTH),
        email: z
          .string()
          .trim()
          .min(1)
          .max(320)
          .refine((text) => text.isWellFormed(), {
            message: 'The email address holds a broken character (invalid Unicode); type it again',
          }),
        password: Password,
      })
      // As every other call: a key no sign-in has is refused, not dropped unseen.
      .strict(),
    response: SignInResult,
  },
  /** Sign out and forget the cached data. */
  'auth.signOut': { request: z.void(), response: z.void() },
  /** The signed-in expert as last synced (profile, availability, stats); null when signed out. */
  'expert.get': { request: z.void(), response: Expert.nullable() },
  /** Open and missed invites from the cache. */
  'invites.list': { request: z.void(), response: InviteLists },
  /** The soonest booked and live sessions, from the cache, and whether later ones are booked too. */
  'sessions.upcoming': { request: z.void(), response: UpcomingRead },
  /** The upcoming sessions' reminders that already fired or were skipped, as the scheduler marked them. */
  'sessions.remindersSent': { request: z.void(), response: RemindersSent },
  /** A page of ended and cancelled sessions, most recent first, from the cache, and whether more follow. */
  'sessions.history': { request: HistoryRequest, response: HistoryPage },
  /** The clients of past sessions, by name, for History's client filter, from the cache. */
  'sessions.historyClients': {
    request: z.void(),
    response: z.array(HistoryClientSchema).max(HISTORY_CLIENTS_LISTED),
  },
  /** The expert's ended and cancelled sessions with an invite's client, most recent first, from the cache. */
  'invites.pastSessionsWithClient': {
    request: z.object({ inviteId: Id }).strict(),
    response: z.array(Session).max(PAST_SESSIONS_WITH_CLIENT_LISTED),
  },
  /** The latest messages of a request's thread, from invite to session, from the cache. */
  'messages.list': {
    request: z.object({ requestId: Id }).strict(),
    response: ThreadRead,
  },
  /** The threads with client messages the expert has not read, from the cache. */
  'messages.unread': { request: z.void(), response: UnreadThreads },
  /** The expert sees this thread in a focused page: its client messages are read. */
  'messages.markRead': { request: z.object({ requestId: Id }).strict(), response: z.void() },
  /** Take an invite: join an instant one, or book a scheduled one at one of its proposed times. */
  'invites.accept': commandEntry('invite.accept'),
  /** Decline an invite. */
  'invites.decline': commandEntry('invite.decline'),
  /** Message the client of a request: on an open invite, or a booked or live session. */
  'messages.send': commandEntry('message.send'),
  /** Join (start) a booked session. */
  'sessions.join': commandEntry('session.join'),
  /**
   * Open the session's room (the platform's page where the expert meets the client) in the
   * system browser; only a page of the platform signed in to is opened.
   */
  'sessions.openRoom': { request: z.object({ sessionId: Id }).strict(), response: RoomOpening },
  /**
   * Add a booked session to the OS's calendar app as an .ics file (a cancelled one as its
   * cancellation); answers with the file, for a host without a calendar app to download.
   */
  'sessions.addToCalendar': { request: z.object({ sessionId: Id }).strict(), response: CalendarExport },
  /** Cancel a booked session ahead of time, with a note to the client (a fee after the free period). */
  'sessions.cancel': commandEntry('session.cancel'),
  /** Propose another time for a booked session; the client accepts or declines it. */
  'sessions.proposeTime': commandEntry('session.proposeTime'),
  /** Start billable time. */
  'sessions.startBilling': commandEntry('session.startBilling'),
  /** End a live session as charged, discounted or free. */
  'sessions.end': commandEntry('session.end'),
  /** Replace the expert's private note on a session (never shown to the client); empty clears it. */
  'sessions.setNote': commandEntry('session.setNote'),
  /** Set availability (online, optionally until a time; away; busy; offline). */
  'availability.set': commandEntry('availability.set'),
  /** Whether notifications reach the expert, for the Settings line and the banner. */
  'notifications.getHealth': { request: z.void(), response: NotificationHealth },
  /** Show a test notification now (Settings), so the expert sees what an invite looks and sounds like. */
  'notifications.sendTest': { request: z.void(), response: NotificationHealth },
  /** The updater's state for Settings → Updates and the window's "Restart to update". */
  'updates.get': { request: z.void(), response: UpdateState },
  /** Check for an update now; answers with the state as the check starts. */
  'updates.check': { request: z.void(), response: UpdateState },
  /** "Restart to update": installs now when no session can be hurt, or says why it waits. */
  'updates.restart': { request: z.void(), response: RestartOutcome },
  /**
   * What a press on a notification asked this surface to show, if no page of it has taken it yet;
   * taking it clears it. A page asks once it listens, so one created for the press still shows it.
   */
  'focus.take': {
    request: z.object({ surface: z.enum(['window', 'popover']) }).strict(),
    response: FocusTarget.nullable(),
  },
  /** A page gained or lost the focus: a client's message is notified only while no page has it. */
  'app.reportFocus': {
    request: z.object({ surface: z.enum(['window', 'popover']), focused: z.boolean() }).strict(),
    response: z.void(),
  },
} as const satisfies Record<`${string}.${string}`, InvokeEntry>

/** Main → renderer events, each with the schema of its payload. */
export const pushContract = {
  /** The connection state changed. */
  'connection.stateChanged': ConnectionState,
  /** The cache changed: the invites, sessions, messages and expert that did, or `full` to read all again. */
  'cache.changed': CacheChange,
  /** The settings changed (in this window or another): every page shows the same. */
  'settings.changed': AppSettings,
  /** Launch at login was applied again (the setting changed): whether it was carried out. */
  'settings.loginItemChanged': LoginItemStatus,
  /** The platform's clock was measured again and the offset moved: countdowns and the skew notice follow. */
  'clock.changed': PlatformClockState,
  /** A notification was pressed (or could not be shown): show its invite (main button focused) or session. */
  'focus.requested': FocusTarget,
  /** Something the expert did outside the window has an outcome to tell (a Join that came too late). */
  'notices.shown': HostNotice,
  /** Notifications started or stopped reaching the expert. */
  'notifications.healthChanged': NotificationHealth,
  /** Unread counts moved (a message came, a thread was read): every thread with unread messages. */
  'messages.unreadChanged': UnreadThreads,
  /** A reminder fired or was skipped, or a session's list changed: the upcoming sessions' sent reminders. */
  'sessions.remindersSentChanged': RemindersSent,
  /** The updater's state changed (a check, download progress, a restart now safe or held). */
  'updates.changed': UpdateState,
} as const satisfies Record<`${string}.${string}`, z.ZodType>

/** The name of a renderer → main call. */
export type InvokeChannel = keyof typeof invokeContract
/** What the renderer passes to a call (before parsing). */
export type InvokeRequestInput<C extends InvokeChannel> = z.input<(typeof invokeContract)[C]['request']>
/** What the main-process handler receives (after parsing). */
export type InvokeRequest<C extends InvokeChannel> = z.output<(typeof invokeContract)[C]['request']>
/** What the main-process handler answers with. */
export type InvokeResponse<C extends InvokeChannel> = z.output<(typeof invokeContract)[C]['response']>

/** The name of a main → renderer event. */
export type PushEvent = keyof typeof pushContract
/** The payload of a main → renderer event. */
export type PushPayload<E extends PushEvent> = z.output<(typeof pushContract)[E]>

/** Every call name, for code that builds an API from the contract. */
export const invokeChannels = Object.keys(invokeContract) as ReadonlyArray<InvokeChannel>
/** Every event name, for code that builds an API from the contract. */
export const pushEvents = Object.keys(pushContract) as ReadonlyArray<PushEvent>
