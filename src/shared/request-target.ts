/**
 * An HTTP request's target (the path and query of its request line) as a URL, read as a path
 * whatever it looks like. `new URL('//api//info', base)` reads a target that starts with two
 * slashes as another host's address, so "//api//info" would be routed, checked and logged as
 * "/info", and "//x/standby-ipc" would pass for the IPC socket's path. A target that is a whole
 * URL (absolute form) is read as one: the server's front door checks its host.
 */

/** The URL of `target` (a request's `req.url`) on `origin`; null when it does not parse. */
export function requestTarget(target: string | undefined, origin: string): URL | null {
  const raw = target ?? '/'
  return URL.parse(raw.startsWith('/') ? `${origin}${raw}` : raw, origin)
}
