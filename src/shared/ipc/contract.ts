/**
 * The IPC contract: every call the renderer may make into the main process, and every event the
 * main process may push to the renderer. Main, preload and renderer all type their IPC against
 * these two maps, so a channel cannot be renamed or reshaped on one side only.
 *
 * A key is `namespace.method`; the preload turns it into `window.standby.namespace.method`.
 * Requests are parsed with their schema in the main process; responses and push payloads are
 * produced by our own code, and their schemas document the shape (and let a non-Electron host
 * such as the browser shell check what it carries).
 */
import { z } from 'zod'
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
})
/** What the app is: shown in the window title line and in bug reports. */
export type AppInfo = z.infer<typeof AppInfo>

/** A web page the app may hand to the system browser; anything else (file:, javascript:, custom schemes) is refused. */
export const ExternalUrl = z.url({ protocol: /^https?$/, normalize: true }).max(2048)

/** The one line that says what Standby is doing, shown in the tray menu and in the window. */
export const StatusLine = z.object({ text: z.string().max(200) })
/** The one line that says what Standby is doing, shown in the tray menu and in the window. */
export type StatusLine = z.infer<typeof StatusLine>

/** The shape every invoke entry has; `satisfies` below checks each entry against it. */
interface InvokeEntry {
  readonly request: z.ZodType
  readonly response: z.ZodType
}

/** Renderer → main calls that answer. */
export const invokeContract = {
  /** The app's version, platform and the platform protocol version it speaks. */
  'app.getInfo': { request: z.void(), response: AppInfo },
  /** Open an http(s) link in the system browser rather than inside the app. */
  'shell.openExternal': { request: ExternalUrl, response: z.void() },
} as const satisfies Record<`${string}.${string}`, InvokeEntry>

/** Main → renderer events, each with the schema of its payload. */
export const pushContract = {
  /** The tray status line changed; the window shows the same text. */
  'app.statusChanged': StatusLine,
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
