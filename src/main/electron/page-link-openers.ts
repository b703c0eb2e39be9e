/**
 * How links leave the app: a page's link opens at once on the platform or the download page, and
 * elsewhere once the expert says so; what pages open, by a call or by window.open alike, is bounded.
 */
import { systemClock } from '../../shared/clock'
import { pageLinkOpener } from '../core/ipc/page-links'
import { pageOpens, type PageOpens } from '../core/ipc/page-opens'
import type { ExternalBrowser } from '../core/ports/external-browser'
import type { Logger } from '../core/ports/logger'
import { askToOpenLink, createSystemBrowser } from './adapters/system-browser'

/** The system browser and the ways the app and its pages open links in it. */
export interface PageLinkOpeners {
  readonly browser: ExternalBrowser
  /** Opens a link: at once on the platform or the download page, elsewhere once the expert says so. */
  readonly openExternal: (url: string) => Promise<void>
  /** What pages have opened outside the app, within one bound. */
  readonly opensForPages: PageOpens
  /** Opens a page's link, refused past the bound. */
  readonly openForPage: (url: string) => Promise<void>
}

/** The openers; `platformUrl` is the platform's address once the runtime knows it (null before). */
export function createPageLinkOpeners(options: {
  readonly platformUrl: () => string | null
  readonly downloadUrl: string
  readonly log: Logger
}): PageLinkOpeners {
  const { log } = options
  const browser = createSystemBrowser()
  const openExternal = pageLinkOpener({
    open: (url) => browser.open(url),
    ask: askToOpenLink,
    platformUrl: options.platformUrl,
    alsoTrusted: [options.downloadUrl],
    log,
  })
  const opensForPages = pageOpens(systemClock, log)
  const openForPage = (url: string): Promise<void> => {
    const refusal = opensForPages.take('open the link')
    return refusal === null ? openExternal(url) : Promise.reject(new Error(refusal))
  }
  return { browser, openExternal, opensForPages, openForPage }
}
