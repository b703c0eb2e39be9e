/**
 * The window's first frame, pre-rendered by the host. Loading React takes most of the time before
 * the window can paint (bench/ui.ts), so the host renders the same components in Node from its
 * cache and sends the page with that markup plus the data it used. The page paints the markup as
 * soon as the HTML and CSS arrive, then React hydrates it from the same data: no IPC round trip,
 * no blank frame. A page without a frame (or with one it cannot use) renders on its own as before.
 */
import type { ConnectionState } from './connection-state'
import type { AppInfo, AppSettings, InviteLists } from './ipc/contract'
import type { Expert, Session } from './protocol/entities'

/** The full window, or the tray popover. */
export type Surface = 'window' | 'popover'

/** What the window shows, read from the app at one moment. */
export interface FirstFrameData {
  /** The host's time when the frame was rendered: every countdown in it is relative to this. */
  readonly now: number
  readonly info: AppInfo
  readonly connection: ConnectionState
  readonly expert: Expert | null
  readonly invites: InviteLists
  readonly upcoming: ReadonlyArray<Session>
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

/** The id of the element that carries the frame's data in the page. */
export const FIRST_FRAME_ELEMENT_ID = 'standby-first-frame'

/**
 * The frame's data as a JSON data block. Clients write titles and messages, so every character
 * that could end the block or start markup is escaped: the text can never become HTML.
 */
export function firstFrameDataBlock(frame: FirstFrame): string {
  const json = JSON.stringify(frame).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
  return `<script type="application/json" id="${FIRST_FRAME_ELEMENT_ID}">${json}</script>`
}

/** The frame in a data block's text, or null when there is none or it is not a frame. */
export function parseFirstFrame(text: string | null | undefined): FirstFrame | null {
  if (!text) return null
  try {
    const value = JSON.parse(text) as Partial<FirstFrame> | null
    const looksRight =
      typeof value === 'object' &&
      value !== null &&
      typeof value.now === 'number' &&
      (value.surface === 'window' || value.surface === 'popover') &&
      typeof value.locale === 'string' &&
      typeof value.timeZone === 'string' &&
      typeof value.inBrowser === 'boolean' &&
      typeof value.info === 'object' &&
      typeof value.connection === 'object' &&
      typeof value.settings === 'object' &&
      Array.isArray(value.invites?.open) &&
      Array.isArray(value.invites?.missed) &&
      Array.isArray(value.upcoming)
    return looksRight ? (value as FirstFrame) : null
  } catch {
    return null
  }
}
