/**
 * The renderer's Content-Security-Policy. It is sent as a response header with every page (by the
 * app's scheme, the browser shell, and the session for the dev server) and repeated in a <meta>
 * in src/renderer/index.html, so a page opened any other way still has it; a unit test keeps the
 * two identical.
 */

/** Directive → sources; joined into the policy string. */
type Policy = Readonly<Record<string, ReadonlyArray<string>>>

const production: Policy = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  // The renderer never talks to the network itself: the main process holds the connection.
  'connect-src': ["'self'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'object-src': ["'none'"],
}

/** The policy of the built app, and the exact text of the <meta> in index.html. */
export const PRODUCTION_CONTENT_SECURITY_POLICY = serialize(production)

/** The policy for a window; a dev server URL relaxes it just enough for Vite's HMR to work. */
export function contentSecurityPolicy(options: { devServerUrl?: string | undefined } = {}): string {
  if (!options.devServerUrl) return PRODUCTION_CONTENT_SECURITY_POLICY
  const hmrSocket = new URL(options.devServerUrl)
  hmrSocket.protocol = hmrSocket.protocol === 'https:' ? 'wss:' : 'ws:'
  return serialize({
    ...production,
    // The React Fast Refresh preamble is an inline module script, and Vite injects CSS as <style>.
    'script-src': ["'self'", "'unsafe-inline'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'connect-src': ["'self'", hmrSocket.origin],
  })
}

function serialize(policy: Policy): string {
  return Object.entries(policy)
    .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
    .join('; ')
}
