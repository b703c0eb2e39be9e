/**
 * Why a call or a connection to the address the expert typed failed, in words that say what
 * happened and what to do. Node reports it as a bare code (fetch in its error's cause, the socket
 * in its transport's), which names a wrong scheme or an untrusted certificate no better than a
 * network that is down.
 */
import { checkPlatformUrl, isSamePlatform } from '../../../shared/platform-url'
import { errorMessage } from '../../../shared/error-message'
import {
  CLOCK_BOUND_CERTIFICATE,
  HEADERS_TOO_LARGE,
  HUNG_UP,
  isCertificateCode,
  isNotHttpCode,
  NO_ROUTE,
  NOT_A_WEBSOCKET_OPENING,
  NOT_TLS,
} from './network-codes'

/** What went wrong, and what the expert can do about it. */
export interface NetworkFailure {
  /**
   * What happened, without Node's code (the log keeps it: an expert cannot act on one). When
   * `answered`, said of the server right after its address ("does not answer over https"), so a
   * sentence cut short keeps it; otherwise why it is unreachable, in brackets ("connection refused").
   */
  readonly what: string
  /** What to do, as a sentence. */
  readonly remedy: string
  /** Something answered, but not as a platform can: the address is wrong, not the network. */
  readonly notAPlatform?: true
  /**
   * Something at the address answered (a page, another protocol, a certificate): whatever went
   * wrong, it is not a platform out of reach, and a sentence must not say it is.
   */
  readonly answered?: true
}

/**
 * The code the socket transport reports when what answers the platform's WebSocket sends bytes that
 * are no packet of its protocol (engine.io's "parser error"): a WebSocket service of another kind.
 */
export const NOT_THE_PLATFORM_PROTOCOL = 'ERR_NOT_THE_PLATFORM_PROTOCOL'

const CHECK_ADDRESS = 'Check the address and your connection.'

/**
 * What a name lookup that found nothing (Node's ENOTFOUND, Chromium's ERR_NAME_NOT_RESOLVED) means
 * for a name `foundBefore` in this run (names-found.ts): the network is gone, not the address,
 * since macOS reports a lookup made while the computer is offline so too, not as EAI_AGAIN.
 * Undefined for a name never found, which may well be a wrong address.
 */
export function nameNotFound(foundBefore: boolean): NetworkFailure | undefined {
  if (!foundBefore) return undefined
  return {
    what: 'its name could not be looked up, though it was before',
    remedy: 'Check your connection: this computer may be offline, or its name server down.',
  }
}

/**
 * Describe Node's error `code`, or an HTTP answer written "HTTP 404" (a server that answered
 * instead of letting the connection in), a redirect "HTTP 301 to <address>" (a loop when it names
 * `platformUrl`, the address asked); anything else is passed on as it is. `foundBefore`: the
 * address's name was looked up earlier in this run, so it is no unknown host. `reachedBefore`:
 * the platform at this address let Standby in earlier in this run, so the address is right.
 */
export function describeNetworkCode(
  code: string,
  platformUrl?: string,
  foundBefore = false,
  reachedBefore = false,
): NetworkFailure {
  return notTheAddress(describeCode(code, platformUrl, foundBefore || reachedBefore), reachedBefore)
}

/**
 * What to do when the platform that let Standby in at this address earlier no longer can. Advice
 * to check the address (or sign in again with another) would send the expert after one that is
 * right: a platform restarting, a network gone, or something answering in the platform's place
 * (a Wi-Fi sign-in page, a proxy) is what it is.
 */
const REACHED_BEFORE = {
  unreached:
    'The address is right (Standby was connected earlier): the platform may be restarting, or the network is down. If this goes on, check your connection.',
  answered:
    'The address is right (Standby was connected earlier): something on this network may answer in the platform’s place (a Wi-Fi sign-in page, a proxy), or the platform is being updated. If this goes on, try another network or tell the platform’s support.',
  sentOn:
    'The address is right (Standby was connected earlier): something on this network may answer in the platform’s place (a Wi-Fi sign-in page, a proxy). If this goes on, try another network; sign in with the address named only if the platform’s support says it has moved there.',
} as const

/** `failure`, when `reached` (the platform let Standby in there earlier): no advice to check the address, or leave it. */
function notTheAddress(failure: NetworkFailure, reached: boolean): NetworkFailure {
  if (reached && failure.remedy === SENT_ON) return { ...failure, remedy: REACHED_BEFORE.sentOn }
  if (!reached || !/^Check the address/.test(failure.remedy)) return failure
  const { notAPlatform: _notAPlatform, ...rest } = failure
  return { ...rest, remedy: failure.answered === true ? REACHED_BEFORE.answered : REACHED_BEFORE.unreached }
}

/** describeNetworkCode, before what an address that let Standby in earlier rules out. */
function describeCode(code: string, platformUrl: string | undefined, foundBefore: boolean): NetworkFailure {
  if (code === 'ECONNREFUSED') return { what: 'connection refused', remedy: CHECK_ADDRESS }
  if (code === 'ENOTFOUND')
    return nameNotFound(foundBefore) ?? { what: 'unknown host', remedy: CHECK_ADDRESS }
  // getaddrinfo's temporary failure: no name server answered (a network down, a captive one), so
  // the name was never looked up, and an expert told "unknown host" would change a right address.
  if (code === 'EAI_AGAIN')
    return {
      what: 'no name server answered',
      remedy: 'Check your connection: the network, or its name server, may be down.',
    }
  if (NO_ROUTE.has(code)) return { what: 'the network found no way to it', remedy: CHECK_ADDRESS }
  if (NOT_TLS.has(code)) {
    return {
      what: 'does not answer over https',
      remedy: 'Check the address: a platform on this computer without https is reached with http://.',
      answered: true,
    }
  }
  // Before the rest of the parser's codes: it is an HTTP answer, only one no platform sends.
  if (HEADERS_TOO_LARGE.has(code)) {
    return {
      what: 'answered with headers far larger than a Standby platform sends',
      remedy: 'Check the address and its port: a Standby platform does not answer there.',
      notAPlatform: true,
      answered: true,
    }
  }
  if (isNotHttpCode(code)) {
    return {
      what: 'is another kind of server, not a web server',
      remedy: 'Check the address and its port: a Standby platform does not answer there.',
      notAPlatform: true,
      answered: true,
    }
  }
  if (code === NOT_THE_PLATFORM_PROTOCOL || code === NOT_A_WEBSOCKET_OPENING) {
    return {
      what:
        code === NOT_THE_PLATFORM_PROTOCOL
          ? 'speaks another protocol than a Standby platform'
          : 'answered as no WebSocket server does',
      remedy: 'Check the address and its port: a Standby platform does not answer there.',
      notAPlatform: true,
      answered: true,
    }
  }
  if (HUNG_UP.has(code)) {
    return {
      what: 'the server hung up without answering',
      remedy:
        'Check the address (a platform served over https is reached with https://) and your connection.',
    }
  }
  // OpenSSL's other failures, the server's alerts among them (one naming a certificate is about
  // this computer's, which the server asked for or refused): it answered, over https.
  if (code.startsWith('ERR_SSL_')) {
    return {
      what: 'could not agree on https with Standby',
      remedy:
        'Check the address; if it is right, the platform’s https is set up in a way Standby cannot use: tell whoever runs the platform.',
      answered: true,
    }
  }
  if (isCertificateCode(code)) {
    return {
      what: CLOCK_BOUND_CERTIFICATE.has(code)
        ? 'has an expired or not yet valid certificate'
        : 'has a certificate this computer does not trust',
      remedy: CLOCK_BOUND_CERTIFICATE.has(code)
        ? 'Check this computer’s date and time. If they are right, the platform’s certificate must be renewed; ask whoever runs the platform.'
        : 'Check the address. If it is right, the platform’s certificate must be renewed or trusted by this computer before Standby can connect; ask whoever runs the platform.',
      answered: true,
    }
  }
  // ws refused a frame from the server (its codes start WS_ERR_): the platform was reached and
  // broke the WebSocket protocol, so neither the address nor the network is at fault.
  if (code.startsWith('WS_ERR_')) {
    return {
      what: 'sent a message Standby could not read',
      remedy: "If this goes on, tell the platform's support.",
      answered: true,
    }
  }
  const redirect = /^HTTP (3\d\d) to (\S+)$/.exec(code)
  if (redirect !== null) return describeRedirect(redirect[1] ?? '', redirect[2] ?? '', platformUrl)
  const status = /^HTTP (\d+)$/.exec(code)?.[1]
  if (status !== undefined) {
    // These say nothing against the address: advice to check it, or sign in again, would not help.
    const known = STATUSES_NOT_ABOUT_THE_ADDRESS[status]
    if (known !== undefined) return { ...known, answered: true }
    return status.startsWith('5')
      ? {
          what: `answered HTTP ${status}, an error of its own`,
          remedy: "The platform may be down or restarting. If this goes on, tell the platform's support.",
          answered: true,
        }
      : {
          what: `answered HTTP ${status}, not as a Standby platform`,
          remedy: 'Check the address you signed in with; sign in again with the right one.',
          answered: true,
        }
  }
  return { what: code, remedy: CHECK_ADDRESS }
}

/**
 * What a redirect to plain http on another computer is, and what to do: signing in with it is
 * refused (http only to this computer), sending the expert back to the address signed in with, as
 * a proxy ending https in front of a platform that writes its own redirects in http sends.
 */
export const PLAIN_HTTP_REDIRECT = {
  what: 'in plain http, which Standby does not use to reach another computer',
  remedy: 'Something in front of the platform is set up wrongly (it should keep to https://)',
} as const

/** True for an address a redirect names that is plain http to another computer: no address to sign in with. */
export function isPlainHttpElsewhere(target: string): boolean {
  const usable = checkPlatformUrl(target)
  return !usable.ok && usable.reason === 'needs_https'
}

/**
 * A redirect the link does not follow (the token goes only to the address signed in with): the
 * address it names is the one to sign in with, unless it names the address asked, over and over.
 */
function describeRedirect(status: string, target: string, platformUrl: string | undefined): NetworkFailure {
  if (platformUrl !== undefined && isSamePlatform(target, platformUrl)) {
    return {
      what: `redirects Standby in a loop, back to the address it asked (HTTP ${status})`,
      remedy:
        'Something in front of the platform is set up wrongly: if this goes on, tell whoever runs the platform.',
      answered: true,
    }
  }
  // Plain http to another computer, as a proxy ending https in front of a platform that writes its
  // redirects in http sends: signing in with it would only be refused, sending back to the address
  // already signed in with.
  if (isPlainHttpElsewhere(target)) {
    return {
      what: `redirects Standby to plain http at ${target} (HTTP ${status}), which Standby does not use to reach another computer`,
      remedy: `${PLAIN_HTTP_REDIRECT.remedy}: if this goes on, tell whoever runs the platform.`,
      answered: true,
    }
  }
  return {
    what: `sends Standby on to ${target} (HTTP ${status})`,
    remedy: SENT_ON,
    answered: true,
  }
}
// What to do about a redirect to another address: sign in with it, if it is the platform's.
const SENT_ON =
  'If that is your platform’s address, sign out and sign in with it; otherwise check the address you signed in with.'

/**
 * What a status that is no verdict on the address means. A platform refuses a connection on its own
 * terms, never with 401 or 403: something in front of it said them (a login gateway or proxy asking
 * for a sign-in of its own, a firewall refusing this computer). A 408 is a request that did not all
 * arrive in time (a slow network), a 429 a gateway limiting how often this computer connects.
 */
const STATUSES_NOT_ABOUT_THE_ADDRESS: Readonly<Record<string, Omit<NetworkFailure, 'answered'>>> = {
  '401': {
    what: 'asked for a sign-in of its own (HTTP 401), as a gateway in front of the platform does',
    remedy:
      'A proxy or login gateway in front of the platform may need you to sign in to it: open the platform address in a browser and sign in there.',
  },
  '403': {
    what: 'refused this computer (HTTP 403), as a firewall in front of the platform does',
    remedy:
      'A firewall or gateway in front of the platform may block this network: ask whoever runs it, or try from another network.',
  },
  '408': {
    what: 'stopped waiting for the connection’s request (HTTP 408)',
    remedy: 'The network may be very slow. If it keeps happening, check your connection.',
  },
  '429': {
    what: 'asked this computer to connect less often (HTTP 429)',
    remedy:
      'If it keeps happening, ask whoever runs the platform whether a gateway in front of it limits connections.',
  },
}

/** Describe a failed fetch whose signal timed out after `timeoutMs`; the rest as for describeNetworkCode. */
export function describeFetchFailure(
  error: unknown,
  timeoutMs: number,
  foundBefore = false,
  reachedBefore = false,
): NetworkFailure {
  const unanswered = (what: string) => notTheAddress({ what, remedy: CHECK_ADDRESS }, reachedBefore)
  if (!(error instanceof Error)) return unanswered(errorMessage(error))
  if (error.name === 'TimeoutError') return unanswered(`no answer within ${timeoutMs / 1000} s`)
  const code = (error as { cause?: { code?: unknown } }).cause?.code
  if (typeof code !== 'string') return unanswered(error.message)
  return describeNetworkCode(code, undefined, foundBefore, reachedBefore)
}
