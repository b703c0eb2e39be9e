/**
 * What the host says about itself and asks the pages to show, as the IPC contract (contract.ts)
 * carries it: the app's identity, the platform's time, the log folder, links handed to the system
 * browser, notices, what a pressed notification points at, and restarting to update. Apart from
 * contract.ts to keep it short; the channels themselves stay listed there.
 */
import { z } from 'zod'
import type { PlatformClockState as ClockState } from '../clock-skew'
import { Id, Timestamp } from '../protocol/entities'
import { PROTOCOL_VERSION } from '../protocol/handshake'
import { WebUrl } from '../protocol/web-url'
import { PlatformAddress } from './sign-in-schemas'

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
  defaultPlatformUrl: PlatformAddress.nullable(),
})
/** What the app is: shown in the window title line and in bug reports. */
export type AppInfo = z.infer<typeof AppInfo>

/**
 * Where the host writes its log file: shown in Settings and named by errors that point to the log.
 * `path` is null for a host that writes no file; `opened` says whether the host could show the
 * folder itself (the browser shell cannot: the page shows the path instead); `problem` why the file
 * cannot be written now and what to do, null while it is.
 */
export const LogFolder = z.object({
  path: z.string().nullable(),
  opened: z.boolean(),
  problem: z.string().max(16_000).nullable(),
})
/** Where the host writes its log file, and whether it just showed it. */
export type LogFolder = z.infer<typeof LogFolder>

/** A web page the app may hand to the system browser: an http(s) WebUrl, without credentials. */
export const ExternalUrl = WebUrl

/** How the app's clock stands against the platform's (clock-skew.ts words it for the expert). */
export const PlatformClockState: z.ZodType<ClockState> = z.object({
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

/** A sentence from the host for the window's notices (a Join from a notification that came too late). */
export const HostNotice = z
  .object({ text: z.string().max(2_000), tone: z.enum(['info', 'success', 'warning', 'error']) })
  .strict()
/** A sentence from the host for the window's notices. */
export type HostNotice = z.infer<typeof HostNotice>

/** What "Restart to update" answered: restarting, or why not yet. */
export const RestartOutcome = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), message: z.string() }),
])

/** Set when the press was on a client's message: the window shows the item with its thread open. */
const ThreadFlag = z.literal(true).optional()

/**
 * Set when a standby:// link asked: any web page can open one, at a moment it picks, so the item
 * comes into view with no button that commits (Join, Book, Start) focused, and a key the expert
 * meant for another app cannot accept anything.
 */
const LinkFlag = z.literal(true).optional()

/** What a press on a notification asks the pages to show: an invite, its main button focused, or a session. */
export const FocusTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('invite'), inviteId: Id, thread: ThreadFlag, link: LinkFlag }).strict(),
  z.object({ kind: z.literal('session'), sessionId: Id, thread: ThreadFlag, link: LinkFlag }).strict(),
])
/** What a press on a notification asks the pages to show. */
export type FocusTarget = z.infer<typeof FocusTarget>
