/**
 * Electron loads the renderer from its own scheme, standby-app://app/, instead of file://. It is
 * not `standby:`, which names deep links the OS hands to the app (src/shared/deep-link.ts): a
 * link clicked in a browser must never be a page of the app, nor a page of the app a link. The pages
 * come from the same RendererPages as the browser shell's, so the window gets its first frame
 * pre-rendered from the cache (src/shared/first-frame.ts) and the app's CSP as a real header, and
 * a standard scheme lets Chromium keep the compiled code of our scripts between launches.
 */
import type { CustomScheme, Protocol } from 'electron'
import { describeAddress } from '../../shared/describe-untrusted'
import { plainText, type PageResponse, type RendererPages } from '../node/renderer-pages/renderer-pages'

/** The scheme and host of every page of the built app. */
export const APP_SCHEME = 'standby-app'
export const APP_HOST = 'app'
/** The main window's address; the popover's adds ?view=popover. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/`

/** How the scheme behaves: like https for the page (secure, fetch), with V8's code cache. */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
}

/** Declare the scheme; Electron accepts this only before the app is ready. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES])
}

/** What answering needs: the pages once the app can read its cache, and the app's locale. */
export interface AppProtocolOptions {
  readonly pages: Promise<RendererPages>
  /** The locale the page formats in (Electron's app locale). */
  readonly locale: () => string
}

/** Answer the scheme's requests; after the app is ready. */
export function serveAppProtocol(protocol: Pick<Protocol, 'handle'>, options: AppProtocolOptions): void {
  protocol.handle(APP_SCHEME, (request) => answerAppRequest(request, options))
}

/** One request to standby-app://: only GETs for the app's own host. */
export async function answerAppRequest(
  request: Pick<Request, 'url' | 'method'>,
  options: AppProtocolOptions,
): Promise<Response> {
  const url = new URL(request.url)
  const head = request.method === 'HEAD'
  if (url.host !== APP_HOST)
    return response(plainText(404, `Not found: ${describeAddress(request.url)}`), head)
  if (request.method !== 'GET' && !head)
    return response(plainText(405, 'Standby’s pages are only read.'), head)
  const page = await (
    await options.pages
  ).answer({ path: url.pathname, search: url.search, locale: options.locale() })
  return response(page, head)
}

function response(page: PageResponse, head: boolean): Response {
  const body = typeof page.body === 'string' ? page.body : new Uint8Array(page.body)
  return new Response(head ? null : body, { status: page.status, headers: page.headers })
}
