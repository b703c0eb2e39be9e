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
import { z } from 'zod'
import type { PlatformClockState as ClockState } from '../clock-skew'
import { CommandFailure } from '../command-outcome'
import { ConnectionState } from '../connection-state'
import { commandSchemas, type CommandName } from '../protocol/commands'
import { Expert, Id, Invite, Message, Session, Timestamp } from '../protocol/entities'
import { PROTOCOL_VERSION } from '../protocol/handshake'

/** The operating systems the app is built for; anything else reports `other`. */
export const AppPlatform = z.enum(['darwin', 'win32', 'linux', 'other'])
/** The operating systems the app is built for; anything else reports `other`. */
export type AppPlatform = z.infer<typeof AppPlatform>

/** What the app is: shown in the window title line and in bug reports. */
export const AppInfo = z.object({
  version: z.string(),
  platform: AppPlatform,
  protocolVersion: z.literal(PROTOCOL_VERSION),
  /** The platform the sign-in form suggests: the embedded reference platform when one runs. */
  defaultPlatformUrl: z.string().nullable(),
})
/** What the app is: shown in the window title line and in bug reports. */
export type AppInfo = z.infer<typeof AppInfo>

/** A web page the app may hand to the system browser; anything else (file:, javascript:, custom schemes) is refused. */
export const ExternalUrl = z.url({ protocol: /^https?$/, normalize: true }).max(2048)

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
  platformUrl: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .nullable(),
  remindersEnabled: z.boolean(),
  soundEnabled: z.boolean(),
  launchAtLogin: z.boolean(),
  /** Switch to away while the computer is idle or locked, and back when the expert returns. */
  autoAwayEnabled: z.boolean(),
  /** How many minutes without input count as idle. */
  autoAwayMinutes: z.number().int().min(1).max(240),
})
/** The settings the window shows and changes. */
export type AppSettings = z.infer<typeof AppSettings>

type CommandSchemas = typeof commandSchemas

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

/**
 * An invite or session the window is asked to show (a deep link, the tray): `open` says whether
 * it is still open (an invite) or booked or live (a session); if not, the window says so.
 * `request` numbers the asks within one run of the host, so a page shows each once, whether it
 * came as the push or from `app.takeShowItem`.
 */
export const ShowItem = z
  .object({
    kind: z.enum(['invite', 'session']),
    id: Id,
    open: z.boolean(),
    request: z.number().int().positive(),
  })
  .strict()
/** An invite or session the window is asked to show. */
export type ShowItem = z.infer<typeof ShowItem>

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
  /**
   * The invite or session the host was last asked to show and no page has taken yet (a link that
   * came while the window's page was still loading, before it listened to `app.showItem`); once.
   */
  'app.takeShowItem': { request: z.void(), response: ShowItem.nullable() },
  /** The stored settings. */
  'settings.get': { request: z.void(), response: AppSettings },
  /** Change some settings; answers with all of them as stored. */
  'settings.update': { request: AppSettings.partial().strict(), response: AppSettings },
  /** Open an http(s) link in the system browser rather than inside the app. */
  'shell.openExternal': { request: ExternalUrl, response: z.void() },
  /** The connection to the platform as the banner shows it. */
  'connection.getState': { request: z.void(), response: ConnectionState },
  /** Sign in to a platform (URL, email, password). */
  'auth.signIn': {
    request: z.object({
      platformUrl: z.string().trim().min(1).max(2048),
      email: z.string().trim().min(1).max(320),
      password: z.string().min(1).max(1_000),
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
  /** The pre-session thread of a request, from the cache. */
  'messages.list': {
    request: z.object({ requestId: Id }).strict(),
    response: z.array(Message),
  },
  /** Take an invite: join an instant one, or book a scheduled one at one of its proposed times. */
  'invites.accept': commandEntry('invite.accept'),
  /** Decline an invite. */
  'invites.decline': commandEntry('invite.decline'),
  /** Message the client of a request before deciding. */
  'messages.send': commandEntry('message.send'),
  /** Join (start) a booked session. */
  'sessions.join': commandEntry('session.join'),
  /** Start billable time. */
  'sessions.startBilling': commandEntry('session.startBilling'),
  /** End a live session as charged, discounted or free. */
  'sessions.end': commandEntry('session.end'),
  /** Set availability (online, optionally until a time; away; busy; offline). */
  'availability.set': commandEntry('availability.set'),
} as const satisfies Record<`${string}.${string}`, InvokeEntry>

/** Main → renderer events, each with the schema of its payload. */
export const pushContract = {
  /** The connection state changed. */
  'connection.stateChanged': ConnectionState,
  /** The cache changed: the invites, sessions, messages and expert that did, or `full` to read all again. */
  'cache.changed': CacheChange,
  /** The settings changed (in this window or another): every page shows the same. */
  'settings.changed': AppSettings,
  /** The platform's clock was measured again and the offset moved: countdowns and the skew notice follow. */
  'clock.changed': PlatformClockState,
  /** Show this invite or session: select it, or say it is no longer open. */
  'app.showItem': ShowItem,
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
