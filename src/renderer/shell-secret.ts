/**
 * The browser shell's secret for this run. The shell prints a URL whose query carries it (only
 * this loopback server ever sees it); the page keeps it in sessionStorage and removes it from the
 * address. Its own small module so the page's entry can take it while the rest of the page
 * downloads: the storage and history calls are slow the first time in a page.
 */
import { SECRET_PARAM } from '../shared/ipc/shell-socket'

const SECRET_KEY = 'standby.shellSecret'

let taken: { readonly secret: string | null } | undefined

/**
 * This run's secret: from the address (its query, or an older fragment), which is then cleaned
 * so the secret stays neither in the address bar nor in history; else from the session, so a
 * reload still connects. Null when the page was opened without one. Read once per page.
 */
export function takeShellSecret(): string | null {
  taken ??= { secret: readSecret() }
  return taken.secret
}

function readSecret(): string | null {
  const url = new URL(window.location.href)
  const found = url.searchParams.get(SECRET_PARAM) ?? new URLSearchParams(url.hash.slice(1)).get(SECRET_PARAM)
  if (found) {
    sessionStorage.setItem(SECRET_KEY, found)
    url.searchParams.delete(SECRET_PARAM)
    history.replaceState(null, '', url.pathname + url.search)
    return found
  }
  return sessionStorage.getItem(SECRET_KEY)
}
