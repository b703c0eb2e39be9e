/** Keeps a window on our own pages: the web opens in the system browser, never inside the app. */
import { type WebContents } from 'electron'
import { describeAddress } from '../../shared/describe-untrusted'
import { ExternalUrl } from '../../shared/ipc/contract'
import { type Logger } from '../node/log'

/** What the guard needs to tell our pages from the rest and to hand links to the browser. */
export interface NavigationGuardOptions {
  readonly isAppUrl: (url: string) => boolean
  readonly openExternal: (url: string) => Promise<void>
  readonly log: Logger
}

/** Web contents already guarded: each is guarded once, however many ways it is reached. */
const guarded = new WeakSet<WebContents>()

/**
 * Refuses navigation away from the app, in any frame and through any redirect, and every new
 * window; http(s) links open in the browser.
 */
export function guardNavigation(contents: WebContents, options: NavigationGuardOptions): void {
  if (guarded.has(contents)) return
  guarded.add(contents)
  const { isAppUrl, openExternal, log } = options
  const refuseLeaving =
    (what: string) =>
    (event: { readonly url: string; preventDefault(): void }): void => {
      if (isAppUrl(event.url)) return
      event.preventDefault()
      log.warn(`Blocked ${what} away from the app to ${describeAddress(event.url)}`)
    }
  // Electron asks will-frame-navigate first, for every frame, and will-navigate only for a main
  // frame it let through; a redirect is asked about on its own. Each is guarded in case the other
  // is not asked.
  contents.on('will-navigate', refuseLeaving('navigation'))
  contents.on('will-frame-navigate', refuseLeaving('a frame navigation'))
  contents.on('will-redirect', refuseLeaving('a redirect'))
  contents.setWindowOpenHandler(({ url }) => {
    const link = ExternalUrl.safeParse(url)
    if (link.success) {
      openExternal(link.data).catch((error: unknown) =>
        log.warn(`Could not open ${describeAddress(link.data)} in the browser`, error),
      )
    } else {
      log.warn(`Blocked a new window for ${describeAddress(url)}`)
    }
    return { action: 'deny' }
  })
}
