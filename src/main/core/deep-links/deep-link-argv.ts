/**
 * The deep link in a command line. On Windows and Linux the OS starts the app with the link as an
 * argument, both at a cold start (process.argv) and when Standby already runs (the second copy's
 * argv, which Electron hands to the first). Chromium adds switches of its own, and in development
 * the argv starts with the Electron binary and the app's folder, so the link is found by its scheme.
 */
import { DEEP_LINK_SCHEME } from '../../../shared/deep-link'

const PREFIX = `${DEEP_LINK_SCHEME}:`

/**
 * The argument that claims to be a deep link, still unread (readDeepLink decides), or undefined.
 * The OS appends the link last, so of several the last one counts; a switch (`--x=standby:…`) is
 * never one.
 */
export function deepLinkInArgv(argv: ReadonlyArray<unknown>): string | undefined {
  for (let index = argv.length - 1; index >= 0; index--) {
    const arg = argv[index]
    if (typeof arg === 'string' && arg.slice(0, PREFIX.length).toLowerCase() === PREFIX) return arg
  }
  return undefined
}
