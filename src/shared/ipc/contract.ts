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
 */
import { isAllowedPlatformUrl, MAX_PLATFORM_URL_LENGTH } from '../platform-url'
import { z } from 'zod'
import type { PlatformClockState as ClockState } from '../clock-skew'
import { CommandFailure } from '../command-outcome'
import { ConnectionState } from '../connection-state'
import { commandSchemas, type CommandName } from '../protocol/commands'
import { Expert, Id, Invite, Message, Session, Timestamp } from '../protocol/entities'
import { PROTOCOL_VERSION } from '../protocol/handshake'
import { Password } from '../protocol/http'
import { WebUrl } from '../protocol/web-url'
import {
  HISTORY_CLIENTS_LISTED,
  PAST_SESSIONS_WITH_CLIENT_LISTED,
  THREAD_MESSAGES_LISTED,
  UNREAD_THREADS_LISTED,
} from './list-limits'
import { HistoryClientSchema, HistoryFilterSchema } from './history-filter-schema'
import { UpdateChannel, UpdateState } from '../update/update-state'

/** The operating systems the app is built for; anything else reports `other`. */
export const AppPlatform = z.enum(['darwin', 'win32', 'linux', 'other'])
/** The operating systems the app is built for; anything else reports `other`. */
export type AppPlatform = z.infer<typeof AppPlatform>

/**
 * A platform address sign-in would take. The form is prefilled with it and Settings shows it, so
 * one holding a password would show it on screen, and one over plain http is never signed in to.
 */
const PlatformAddress = z
  .url({ protocol: /^https?$/ })
  .max(MAX_PLATFORM_URL_LENGTH)
  // A broken character is told by answerCall after the schema, in its own words (and a stored one
  // is reset by the settings reader), not as an address over http or with a password.
  .refine((url) => !url.isWellFormed() || isAllowedPlatformUrl(url), {
    message:
      'The platform address must be https:// (http:// only for this computer), without a user name or password',
  })

/** What the app is: shown in the window title line and in bug reports. */
export const AppInfo = z.object({
  version: z.string(),
  platform: AppPlatform,
  protocolVersion: z.literal(PROTOCOL_VERSION),
  /** The platform the sign-in form suggests: the embedded reference platform when one runs. */
  defaultPlatformUrl: PlatformAddress.nullable(),
})
/** What the app is: shown in the window title line and in bug reports. */
export type AppInfo = z.infer<typeof AppInfo>

/**
 * Where the host writes its log file: shown in Settings and named by errors that point to the log.
 * `path` is null for a host that writes no file; `opened` says whether the host could show the
 * folder itself (the browser shell cannot: the page shows the path instead).
 */
export const LogFolder = z.object({ path: z.string().nullable(), opened: z.boolean() })
/** Where the host writes its log file, and whether it just showed it. */
export type LogFolder = z.infer<typeof LogFolder>

/** A web page the app may hand to the system browser: an http(s) WebUrl, without credentials. */
export const ExternalUrl = WebUrl

/** What signing in ended as: the expert, or why not, in words the sign-in form shows. */
export const SignInResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), expert: Expert }),
  z.object({
    ok: z.literal(false),
    reason: z.enum([
      'unreachable',
      'not_a_platform',
      'incompatible',
      'wrong_credentials',
      'invalid_input',
      'failed',
    ]),
    message: z.string(),
  }),
])
/** What signing in ended as. */
export type SignInResult = z.infer<typeof SignInResult>

/** The open invites and the recently missed ones (taken by someone else, expired, withdrawn). */
export const InviteLists = z.object({ open: z.array(Invite), missed: z.array(Invite) })
/** The open invites and the recently missed ones. */
export type InviteLists = z.infer<typeof InviteLists>

/** The most entities of one kind a `cache.changed` push carries; a larger change says `full` instead. */
export const MOST_CHANGED = 100

/**
 * What one applied batch changed, so a page updates without reading the cache again. Entities are
 * as the cache holds them after the batch; `version` grows by one per push from the same host, so
 * a page can tell a lost or repeated push. `full` says the change was too large or too broad
 * (a snapshot, a sign-out) to carry: read everything again.
 */
export const CacheChange = z
  .object({
    version: z.number().int().nonnegative(),
    full: z.boolean(),
    /** The expert, when the batch changed it. */
    expert: Expert.optional(),
    invites: z.array(Invite).max(MOST_CHANGED),
    sessions: z.array(Session).max(MOST_CHANGED),
    messages: z.array(Message).max(MOST_CHANGED),
  })
  .strict()
/** What one applied batch changed. */
export type CacheChange = z.infer<typeof CacheChange>

/**
 * A page of past sessions, most recent first (src/shared/rules/history-order.ts); pass the last
 * row's booked start and id as `after` to get the next.
 */
export const HistoryRequest = z
  .object({
    limit: z.number().int().min(1).max(500),
    after: z.object({ start: Timestamp, id: Id }).strict().optional(),
    /** Narrow the list (kind, outcome, client, search); the cache filters, page by page. */
    filter: HistoryFilterSchema.optional(),
  })
  .strict()

/** How the app's clock stands against the platform's (clock-skew.ts words it for the expert). */
const PlatformClockState: z.ZodType<ClockState> = z.object({
  offsetMs: z.number().int().min(-8.64e15).max(8.64e15),
  measured: z.boolean(),
})

/**
 * The platform's time as the host estimates it (its clock plus the measured offset): the
 * renderer's countdowns and Start window follow it, not the page's own clock. `clock` says how
 * far the computer's clock is off, for times the host took on the computer's clock.
 */
export const HostTime = z.object({ now: Timestamp, clock: PlatformClockState })
/** The host's current time. */
export type HostTime = z.infer<typeof HostTime>

/**
 * The settings the window shows and changes. The stored settings (SettingsSchema in
 * src/main/core/ports/settings.ts) are this schema with defaults, and every change is validated
 * against it again before it is stored.
 */
export const AppSettings = z.object({
  /** The platform last signed in to (prefills the sign-in form); null for the embedded one. */
  platformUrl: PlatformAddress.nullable(),
  remindersEnabled: z.boolean(),
  soundEnabled: z.boolean(),
  launchAtLogin: z.boolean(),
  /** Switch to away while the computer is idle or locked, and back when the expert returns. */
  autoAwayEnabled: z.boolean(),
  /** How many minutes without input count as idle. */
  autoAwayMinutes: z.number().int().min(1).max(240),
  /** Which releases the updater follows. */
  updateChannel: UpdateChannel,
})
/** The settings the window shows and changes. */
export type AppSettings = z.infer<typeof AppSettings>

/**
 * Whether notifications reach the expert (the Notifier port's health): `advice` says what is wrong
 * and what to do, for the banner and the Settings line.
 */
export const NotificationHealth = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok') }).strict(),
  z.object({ status: z.enum(['unsupported', 'failing', 'silenced']), advice: z.string().max(500) }).strict(),
])
/** Whether notifications reach the expert. */
export type NotificationHealth = z.infer<typeof NotificationHealth>

/**
 * What became of the launch-at-login setting: carried out, or not, with `problem` saying why and
 * what the expert can do instead (for the line beside the switch in Settings).
 */
export const LoginItemStatus = z.discriminatedUnion('applied', [
  z.object({ applied: z.literal(true) }).strict(),
  z.object({ applied: z.literal(false), problem: z.string().min(1).max(500) }).strict(),
])
/** What became of the launch-at-login setting. */
export type LoginItemStatus = z.infer<typeof LoginItemStatus>

/** A sentence from the host for the window's notices (a Join from a notification that came too late). */
export const HostNotice = z
  .object({ text: z.string().max(2_000), tone: z.enum(['info', 'success', 'warning', 'error']) })
  .strict()
/** A sentence from the host for the window's notices. */
export type HostNotice = z.infer<typeof HostNotice>

type CommandSchemas = typeof commandSchemas

/** What opening a session's room ended as: the URL handed to the system browser, or why not. */
export const RoomOpening = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.object({ url: z.string() }) }),
  z.object({ ok: z.literal(false), error: CommandFailure }),
])
/** What opening a session's room ended as. */
export type RoomOpening = z.infer<typeof RoomOpening>

/**
 * What "Add to calendar" ended as: the .ics file (so a page whose host has no calendar app can
 * download it) and whether the host handed it to the OS's calendar app, or why not.
 */
export const CalendarExport = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    result: z.object({ fileName: z.string(), content: z.string(), opened: z.boolean() }),
  }),
  z.object({ ok: z.literal(false), error: CommandFailure }),
])
/** What "Add to calendar" ended as. */
export type CalendarExport = z.infer<typeof CalendarExport>

/** The outcome of a platform command as the renderer receives it. */
function commandOutcome<N extends CommandName>(name: N) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), result: commandSchemas[name].result as CommandSchemas[N]['result'] }),
    z.object({ ok: z.literal(false), error: CommandFailure }),
  ])
}

/** A renderer call that sends one platform command: its payload is the command's own schema. */
function commandEntry<N extends CommandName>(
  name: N,
): { request: CommandSchemas[N]['payload']; response: ReturnType<typeof commandOutcome<N>>; command: N } {
  return { request: commandSchemas[name].payload, response: commandOutcome(name), command: name }
}

/** The shape every invoke entry has; `satisfies` below checks each entry against it. */
interface InvokeEntry {
  readonly request: z.ZodType
  readonly response: z.ZodType
}

/** What "Restart to update" answered: restarting, or why not yet. */
export const RestartOutcome = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), message: z.string() }),
])

/** A thread open for replies and how many of its client's messages the expert has not read. */
export const UnreadThread = z.object({ requestId: Id, count: z.number().int().positive() }).strict()
/** The threads with unread client messages, in no particular order. */
export const UnreadThreads = z.array(UnreadThread).max(UNREAD_THREADS_LISTED)
/** The threads with unread client messages. */
export type UnreadThreads = z.infer<typeof UnreadThreads>

/** Set when the press was on a client's message: the window shows the item with its thread open. */
const ThreadFlag = z.literal(true).optional()

/** What a press on a notification asks the pages to show: an invite, its main button focused, or a session. */
export const FocusTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('invite'), inviteId: Id, thread: ThreadFlag }).strict(),
  z.object({ kind: z.literal('session'), sessionId: Id, thread: ThreadFlag }).strict(),
])
/** What a press on a notification asks the pages to show. */
export type FocusTarget = z.infer<typeof FocusTarget>

/** Renderer → main calls that answer. */
export const invokeContract = {
  /** The app's version, platform and the platform protocol version it speaks. */
  'app.getInfo': { request: z.void(), response: AppInfo },
  /** The platform's time by the host's clock (a ManualClock in tests); the renderer reads it once a second. */
  'app.getTime': { request: z.void(), response: HostTime },
  /** Bring the full window to the front (the popover's "Open Standby"). */
  'app.showWindow': { request: z.void(), response: z.void() },
  /**
   * The invite or session the host was last asked to show and no page has taken yet (a link that
   * came while the window's page was still loading, before it listened to `app.showItem`); once.
   */
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
    request: z.object({
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
    }),
    response: SignInResult,
  },
  /** Sign out and forget the cached data. */
  'auth.signOut': { request: z.void(), response: z.void() },
  /** The signed-in expert as last synced (profile, availability, stats); null when signed out. */
  'expert.get': { request: z.void(), response: Expert.nullable() },
  /** Open and missed invites from the cache. */
  'invites.list': { request: z.void(), response: InviteLists },
  /** Booked and live sessions, soonest first, from the cache. */
  'sessions.upcoming': { request: z.void(), response: z.array(Session) },
  /** Ended and cancelled sessions, most recent first, from the cache. */
  'sessions.history': { request: HistoryRequest, response: z.array(Session) },
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
    response: z.array(Message).max(THREAD_MESSAGES_LISTED),
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
