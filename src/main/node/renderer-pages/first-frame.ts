/**
 * The host's side of the pre-rendered first frame (src/shared/first-frame.ts): read what the
 * window shows from the app, pick the locale and time zone the page will use, render with the
 * built pre-render module, and put markup and data into index.html. Any failure costs only the
 * pre-render: the page then renders on its own, as it would without one.
 */
import { existsSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import {
  FIRST_FRAME_META_NAME,
  type FirstFrameData,
  type RenderFirstFrame,
  type Surface,
} from '../../../shared/first-frame'
import type { AppApi } from '../../core/app-api'
import type { Logger } from '../../core/ports/logger'
import { errorMessage } from '../../../shared/error-message'

/** The data the window's first frame shows, read through the same handlers the page would call. */
export async function readFirstFrameData(api: AppApi): Promise<FirstFrameData> {
  const [now, info, connection, expert, invites, upcoming, remindersSent, settings] = await Promise.all([
    api['app.getTime'](undefined),
    api['app.getInfo'](undefined),
    api['connection.getState'](undefined),
    api['expert.get'](undefined),
    api['invites.list'](undefined),
    api['sessions.upcoming'](undefined),
    api['sessions.remindersSent'](undefined),
    api['settings.get'](undefined),
  ])
  const { clock } = now
  const { sessions, later } = upcoming
  const rest = { info, connection, expert, invites, remindersSent, settings }
  return { now: now.now, clock, ...rest, upcoming: sessions, upcomingLater: later }
}

/**
 * The locale and time zone a page on this machine formats with, as Intl resolves them: the
 * given locale (the browser's Accept-Language, or Electron's app locale) when it is a valid tag,
 * and this machine's time zone. The page checks both and redraws if it would differ.
 */
export function displayOf(locale: string | undefined): { locale: string; timeZone: string } {
  let options: Intl.ResolvedDateTimeFormatOptions
  try {
    options = new Intl.DateTimeFormat(locale).resolvedOptions()
  } catch {
    // Not a language tag Intl knows: the machine's own locale.
    options = new Intl.DateTimeFormat().resolvedOptions()
  }
  return { locale: options.locale, timeZone: options.timeZone }
}

/** The first language of an Accept-Language header ("en-GB,en;q=0.9" → "en-GB"). */
export function firstLanguage(header: string | undefined): string | undefined {
  const first = header?.split(',')[0]?.split(';')[0]?.trim()
  return first === undefined || first === '' || first === '*' ? undefined : first
}

/**
 * index.html with the frame's markup in #root, inert until the page has hydrated it, and its id
 * in the head (the page fetches the data by it). The popover's page is marked on <html> as the
 * page itself would mark it, so the frame is painted with the popover's layout.
 */
export function pageWithFirstFrame(
  indexHtml: string,
  markup: string,
  frame: { readonly id: string; readonly surface: Surface },
): string {
  const root = '<div id="root"></div>'
  if (!indexHtml.includes(root)) throw new Error('index.html has no empty <div id="root"></div>')
  if (!indexHtml.includes('</head>')) throw new Error('index.html has no </head>')
  // The id is ours (base64url): nothing in it needs escaping. Functions as replacements, so
  // markup is inserted literally ("$&" in a title stays "$&").
  const page = indexHtml
    .replace('</head>', () => `<meta name="${FIRST_FRAME_META_NAME}" content="${frame.id}" /></head>`)
    // Inert (no clicks, no typing, hidden from assistive tech) until React has taken it over: a
    // form typed into before that would lose its text.
    .replace(root, () => `<div id="root" inert>${markup}</div>`)
  return frame.surface === 'popover' ? page.replace(/<html\b/, '<html class="is-popover"') : page
}

/**
 * Load the built pre-render (out/first-frame/render-first-frame.mjs). Null, with one log line,
 * when it is missing or broken: the app works without it, each window just paints later.
 */
export async function loadFirstFrameRenderer(path: string, log: Logger): Promise<RenderFirstFrame | null> {
  if (!existsSync(path)) {
    log.warn(
      `No first-frame pre-render at ${path}; windows will paint after the renderer loads. Run npm run build.`,
    )
    return null
  }
  try {
    const module = (await import(pathToFileURL(path).href)) as { renderFirstFrame?: unknown }
    if (typeof module.renderFirstFrame !== 'function') throw new Error('it exports no renderFirstFrame')
    return module.renderFirstFrame as RenderFirstFrame
  } catch (error) {
    log.warn(
      `The first-frame pre-render at ${path} could not be loaded (${errorMessage(error)}); windows render on their own.`,
    )
    return null
  }
}
