/**
 * The window's first frame, pre-rendered by the host. Loading React takes most of the time before
 * the window can paint (bench/ui.ts), so the host renders the same components in Node from its
 * cache and sends the page with that markup, keeping the data it used for the page to fetch. The
 * page paints the markup as soon as the HTML and CSS arrive, then React hydrates it from the same
 * data: no blank frame, no waiting for IPC. A page without a frame (or with one it cannot use)
 * renders on its own.
 */
import type { PlatformClockState } from './clock-skew'
import type { ConnectionState } from './connection-state'
import type { AppInfo, AppSettings, InviteLists, RemindersSent } from './ipc/contract'
import type { Expert, Session } from './protocol/entities'

/** The full window, or the tray popover. */
export type Surface = 'window' | 'popover'

/** The surface a page's query asks for: the tray popover for `?view=popover`, else the window. */
export function surfaceOf(search: string): Surface {
  return new URLSearchParams(search).get('view') === 'popover' ? 'popover' : 'window'
}

/** What the window shows, read from the app at one moment. */
export interface FirstFrameData {
  /** The platform's time by the host when the frame was rendered: every countdown in it is relative to this. */
  readonly now: number
  /** How far the computer's clock is off the platform's: the skew notice, and times taken locally. */
  readonly clock: PlatformClockState
  readonly info: AppInfo
  readonly connection: ConnectionState
  readonly expert: Expert | null
  readonly invites: InviteLists
  readonly upcoming: ReadonlyArray<Session>
  /** Whether later sessions are booked than those in `upcoming`. */
  readonly upcomingLater: boolean
  /** The upcoming sessions' reminders marked sent: the frame lists none of them as to come. */
  readonly remindersSent: RemindersSent
  readonly settings: AppSettings
}

/** The data plus how it was rendered; the page hydrates only when it would render the same. */
export interface FirstFrame extends FirstFrameData {
  readonly surface: Surface
  /** The locale and time zone the markup's dates and times were written in, as Intl resolved them. */
  readonly locale: string
  readonly timeZone: string
  /** True when the page runs in an ordinary browser (the browser shell), not in Electron. */
  readonly inBrowser: boolean
}

/** The pre-render: markup for the page's #root. Built into out/first-frame by `npm run build`. */
export type RenderFirstFrame = (frame: FirstFrame) => string

/**
 * The page names its frame in `<meta name="standby-first-frame" content="<id>">` and fetches the
 * frame's data from `firstFramePath(id)`, once. Not inline: the data is many times the size of
 * the markup, and parsing it in the page would delay the very paint the frame is for.
 */
export const FIRST_FRAME_META_NAME = 'standby-first-frame'

/** The address of a frame's data, on the page's own origin. */
export function firstFramePath(id: string): string {
  return `/first-frame/${id}.json`
}

/** The frame id in a path made by `firstFramePath`, or null. */
export function frameIdOfPath(path: string): string | null {
  return /^\/first-frame\/([A-Za-z0-9_-]{16,64})\.json$/.exec(path)?.[1] ?? null
}

/** The frame in a JSON text, or null when there is none or it is not a frame. */
export function parseFirstFrame(text: string | null | undefined): FirstFrame | null {
  if (!text) return null
  try {
    const value = JSON.parse(text) as Partial<FirstFrame> | null
    const looksRight =
      typeof value === 'object' &&
      value !== null &&
      typeof value.now === 'number' &&
      typeof value.clock?.offsetMs === 'number' &&
      typeof value.clock.measured === 'boolean' &&
      (value.surface === 'window' || value.surface === 'popover') &&
      typeof value.locale === 'string' &&
      typeof value.timeZone === 'string' &&
      typeof value.inBrowser === 'boolean' &&
      typeof value.info === 'object' &&
      typeof value.connection === 'object' &&
      typeof value.settings === 'object' &&
      Array.isArray(value.invites?.open) &&
      Array.isArray(value.invites?.missed) &&
      Array.isArray(value.upcoming) &&
      typeof value.upcomingLater === 'boolean' &&
      Array.isArray(value.remindersSent)
    return looksRight ? (value as FirstFrame) : null
  } catch {
    return null
  }
}
