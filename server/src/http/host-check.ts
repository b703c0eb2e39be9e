/**
 * Which Host headers the platform answers. A page on another site whose name was made to resolve
 * to this machine (DNS rebinding) still sends its own name as Host, so only the names this
 * platform is really reached by are accepted: the loopback names, the address it was bound to (and
 * this machine's addresses when bound to all of them), and any name the operator adds.
 */
import { networkInterfaces } from 'node:os'

/** Decides whether a request was addressed to this platform. */
export interface HostCheck {
  /** True when `host` (a Host header) names this platform. */
  allows(host: string | undefined): boolean
  /**
   * True when `origin` (an Origin header) is no web page of another origin: absent (the app and
   * scripts send none), or an http(s) page at the very address the request was sent to, `host`
   * (its Host header), on a name this platform answers to; `reachedPort` is the port the
   * connection came in on.
   */
  allowsOrigin(origin: string | undefined, host: string | undefined, reachedPort: number | undefined): boolean
  /** The sentence a refused request gets: which address to use instead. */
  readonly refusal: string
  /** The Host header to send, for a request that sent none ("127.0.0.1:4455"). */
  readonly example: string
}

const LOOPBACK_NAMES: ReadonlyArray<string> = ['127.0.0.1', 'localhost', '::1']
const WILDCARDS: ReadonlyArray<string> = ['0.0.0.0', '::', '']

function hostPart(name: string): string {
  const bare = name.toLowerCase().replace(/^\[(.*)\]$/, '$1')
  return bare.includes(':') ? `[${bare}]` : bare
}

/**
 * The name part of a Host header ("[::1]:4455" → "[::1]"), or undefined when it is malformed: a
 * port no TCP connection can have came from no client that reached this port honestly.
 */
function nameOf(host: string): string | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(host)
  const port = match?.[2]
  if (port !== undefined && !isTcpPort(Number(port))) return undefined
  return match?.[1]?.toLowerCase()
}

/** The port a Host header names, the http one when it names none. */
function portOf(host: string | undefined): number | undefined {
  const url = host === undefined ? null : URL.parse(`http://${host}`)
  if (url === null) return undefined
  return url.port === '' ? 80 : Number(url.port)
}

/** True for a port a TCP connection can be made to. */
function isTcpPort(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= 65535
}

/**
 * The Host check for a platform bound to `bindHost`:`port`, also accepting `extraNames`. Only the
 * name is checked, on any port: a rebinding page cannot send a loopback name, and a proxy in
 * front of the platform (another port on this machine) must still get through.
 */
export function hostCheck(bindHost: string, port: number, extraNames: ReadonlyArray<string> = []): HostCheck {
  const names = new Set([...LOOPBACK_NAMES, ...extraNames].map(hostPart))
  if (WILDCARDS.includes(bindHost)) {
    for (const addresses of Object.values(networkInterfaces()))
      for (const a of addresses ?? []) names.add(hostPart(a.address))
  } else {
    names.add(hostPart(bindHost))
  }
  const example = `${WILDCARDS.includes(bindHost) ? '127.0.0.1' : hostPart(bindHost)}:${port}`
  const preferred = `http://${example}`
  const allows = (host: string | undefined): boolean => {
    const name = host === undefined ? undefined : nameOf(host)
    return name !== undefined && names.has(name)
  }
  return {
    allows,
    // "null" (a sandboxed frame, a file page) and anything that is not one origin parse to no host.
    // A page on another port of a loopback name is another origin too (any local web server, a
    // dev server running someone's package): a browser lets it open a WebSocket here, or post a
    // form, without asking, so only a page this platform served itself is answered. A proxy in
    // front that keeps the Host header keeps that equality.
    allowsOrigin: (origin, host, reachedPort) => {
      if (origin === undefined) return true
      const url = URL.parse(origin)
      if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== origin)
        return false
      // Read in the page's scheme, so a default port written or left out compares equal.
      const addressed = host === undefined ? null : URL.parse(`${url.protocol}//${host}`)
      if (!allows(url.host) || addressed?.host !== url.host) return false
      // The platform speaks plain http: a request the Host says was sent to the port it came in on
      // came straight here, to an http address, and an https page of the same name and port is
      // another origin (a TLS server on the https port, when the platform listens on the http one).
      // Through a proxy in front (another port) the scheme called is not known here.
      return url.protocol === 'http:' || portOf(host) !== reachedPort
    },
    refusal: `This platform answers only to the names it was started with; use ${preferred}.`,
    example,
  }
}
