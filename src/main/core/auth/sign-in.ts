/**
 * Signing in over HTTP, with errors that say what went wrong: the platform is unreachable, the
 * server is not a Standby platform, it speaks another protocol, the password is wrong, or the
 * platform is busy or behind a proxy that could not reach it (sign-in-refusal.ts).
 */
import {
  describeVersionMismatch,
  HTTP_PATHS,
  PlatformInfo,
  PROTOCOL_VERSION,
  SignInResponse,
  type Expert,
} from '../../../shared/protocol'
import { checkPlatformUrl } from '../../../shared/platform-url'
import { isPlausiblePlatformTime } from '../../../shared/protocol/time'
import { REDIRECT_STATUSES } from '../../../shared/redirect-status'
import { discardBody, readCappedJson, type CappedJson } from './capped-json'
import { describeCheckError, describeSignInRefusal } from './sign-in-refusal'
import {
  describeFetchFailure,
  describeNetworkCode,
  isPlainHttpElsewhere,
  PLAIN_HTTP_REDIRECT,
  type NetworkFailure,
} from '../connection/network-failure'
import { platformAddressAt } from '../connection/redirect-address'
import { NamesFound } from '../connection/names-found'
import { platformAtShorterPath, PlatformInfoAnyClock, shorterPathWaitMs } from './shorter-path-platform'

/** What a sign-in attempt ended as. */
export type SignInOutcome =
  | { readonly ok: true; readonly token: string; readonly expert: Expert; readonly platformUrl: string }
  | {
      readonly ok: false
      readonly reason:
        'unreachable' | 'not_a_platform' | 'incompatible' | 'wrong_credentials' | 'invalid_input' | 'failed'
      readonly message: string
    }

/** How long each HTTP call of the sign-in may take. */
const TIMEOUT_MS = 8_000

/** A platform's info is a few hundred bytes: a larger answer is something else, and is not read. */
const INFO_MAX_BYTES = 64 * 1024
/** The sign-in's answer (a token and the expert with their stats) is a few kilobytes. */
const SIGN_IN_MAX_BYTES = 1024 * 1024

/**
 * What to say about a platform whose clock reads a time no working platform's clock reads: its rules
 * (start windows, cancellations, reminders) run by that clock, so nothing it says can be timed.
 */
function clockIsWrong(platformUrl: string, serverTime: number): string {
  const year = new Date(serverTime).getUTCFullYear()
  const reads = Number.isNaN(year) ? 'an impossible time' : `the year ${year}`
  return `${platformUrl} is a Standby platform, but its clock reads ${reads}, so the times of its sessions cannot be trusted. Tell the platform's operator or support to set its clock right, then sign in again.`
}

/**
 * What to say about an answer that began (its status and headers came) and then failed: it ran out
 * of time, or the connection broke part way. Something answered at the address, so neither is a
 * failure to reach it, and the advice about a wrong address or scheme would send the expert astray.
 */
function answerUnfinished(platformUrl: string, what: 'check' | 'sign-in', error: unknown): string {
  const answer =
    what === 'check' ? `${platformUrl} began to answer` : `${platformUrl} began to answer the sign-in`
  // The sign-in goes to an address its check has just found to be a Standby platform: only the
  // check's answer can cast doubt on the address.
  if ((error as Error | null)?.name === 'TimeoutError')
    return what === 'check'
      ? `${answer}, but its answer did not all arrive within ${TIMEOUT_MS / 1000} s: the connection may be very slow, or what answers there is not a Standby platform. Try again; if it keeps happening, check the address and your connection.`
      : `${answer}, but its answer did not all arrive within ${TIMEOUT_MS / 1000} s: the connection or the platform may be very slow. Try again; if it keeps happening, check your connection.`
  return `${answer}, but the connection broke before its answer was complete: the network or something in front of the platform (a proxy) may be unreliable. Try again; if it keeps happening, check your connection.`
}

/** What to say about a platform check whose answer said it was compressed and could not be unpacked. */
function damagedInfo(platformUrl: string, code: string): string {
  return `${platformUrl} answered, but its answer arrived damaged (${code}): it said it was compressed and could not be unpacked, so Standby cannot tell whether it is a Standby platform. Check the address; if it is right, try again, and if it keeps happening, tell the platform's support.`
}

/**
 * What to say when something in front of the platform answers its check instead (a platform never
 * refuses it): a login gateway or proxy asking for a sign-in of its own, or a firewall refusing
 * this computer; undefined for any other status.
 */
function gatewayInTheWay(status: number, platformUrl: string): string | undefined {
  if (status === 401)
    return `Something at ${platformUrl} asked for a sign-in of its own before the platform could answer: a proxy or login gateway in front of it may need you to sign in to it first (open the address in a browser), or the address is wrong. Your password was not sent.`
  if (status === 403)
    return `Something at ${platformUrl} refused this computer before the platform could answer: a firewall or gateway in front of it may block this network (ask whoever runs it), or the address is wrong. Your password was not sent.`
  return undefined
}

/**
 * What happened to a platform check that failed before any answer began: something that answered
 * (another protocol, plain http, a certificate) is not an address nothing answers at.
 */
function checkFailure(platformUrl: string, failure: NetworkFailure): string {
  if (failure.notAPlatform === true)
    return `${platformUrl} answered, but it is not a Standby platform: it ${failure.what}`
  if (failure.answered === true) return `${platformUrl} ${failure.what}`
  return `Could not reach ${platformUrl} (${failure.what})`
}

/** The platform address a redirect of `asked` (under `platformUrl`) names, for a sentence; null if unreadable. */
function redirectTarget(res: Response, platformUrl: string, asked: string): string | null {
  const location = res.headers.get('location')
  return location === null ? null : platformAddressAt(location, asked, asked.slice(platformUrl.length))
}

/** Whether a redirect of `asked` points back at `asked` itself, as its next request would ask it. */
function redirectsToItself(res: Response, asked: string): boolean {
  const location = res.headers.get('location')
  const next = location === null ? null : URL.parse(location, asked)
  return next !== null && next.href === URL.parse(asked)?.href
}

/** An answer that is not a sign-in, told by `describe` (the check's own for its answer) as a sentence with what to do next. */
function refused(
  res: Response,
  body: CappedJson,
  platformUrl: string,
  describe = describeSignInRefusal,
): SignInOutcome {
  const answer = {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    date: res.headers.get('date'),
    body,
  }
  return { ok: false, ...describe(answer, platformUrl, Date.now()) }
}

/** A redirect names where it sends: a 3xx without a Location, a 300 or a 304 sends nowhere, so is none. */
const isRedirect = (res: Response): boolean =>
  REDIRECT_STATUSES.has(res.status) && res.headers.has('location')
/** A server's error: a status past 599 is no HTTP status, and what sent it no web server. */
const isServerError = (res: Response): boolean => res.status >= 500 && res.status <= 599

/** A redirect of `asked` (at `platformUrl`), not followed: hang up on it and say where it pointed. */
async function refuseRedirect(
  res: Response,
  platformUrl: string,
  asked: string,
  reason: 'not_a_platform' | 'failed',
  say: (target: string) => string,
): Promise<SignInOutcome> {
  await discardBody(res)
  const target = redirectTarget(res, platformUrl, asked)
  // Sent back to the very address asked (a proxy redirecting to itself): advice to sign in with "its
  // address" would send the expert round the same loop; told as the connection line tells it. One
  // sent to another page of the same computer (a site's home page) is no loop, only no platform.
  if (target !== null && redirectsToItself(res, asked)) {
    const loop = describeNetworkCode(`HTTP ${res.status} to ${target}`, platformUrl)
    return { ok: false, reason, message: `${platformUrl} ${loop.what}. ${loop.remedy}` }
  }
  // Signing in there would only be refused for plain http, back to the address typed.
  if (target !== null && isPlainHttpElsewhere(target)) {
    return {
      ok: false,
      reason,
      message: `${platformUrl} sent Standby on to ${target}, ${PLAIN_HTTP_REDIRECT.what}. ${PLAIN_HTTP_REDIRECT.remedy}: tell whoever runs the platform.`,
    }
  }
  return { ok: false, reason, message: say(target ?? 'another address') }
}

/** Normalize what the expert typed as the platform address; null when it is not one the app may use. */
export function normalizePlatformUrl(input: string): string | null {
  const checked = checkPlatformUrl(input)
  return checked.ok ? checked.url : null
}

/** Check the platform, then exchange email and password for a token. */
export async function signIn(
  rawUrl: string,
  email: string,
  password: string,
  fetchImpl: typeof fetch = fetch,
  namesFound = new NamesFound(),
): Promise<SignInOutcome> {
  const checked = checkPlatformUrl(rawUrl)
  if (!checked.ok) return { ok: false, reason: 'invalid_input', message: checked.message }
  const platformUrl = checked.url
  let infoBody: unknown
  // Whether the check's answer began (its status and headers came): a time that runs out after
  // that is an answer too slow to finish, not an address nothing answers at.
  let answered = false
  const checkStarted = performance.now()
  try {
    // Redirects are not followed: the address they point to was never checked (it may be plain
    // http to another computer), and a sign-in sent after one would carry the password there.
    const asked = `${platformUrl}${HTTP_PATHS.info}`
    const res = await fetchImpl(asked, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'manual' })
    answered = true
    namesFound.note(platformUrl)
    if (isRedirect(res)) {
      return refuseRedirect(
        res,
        platformUrl,
        asked,
        'not_a_platform',
        (to) =>
          `${platformUrl} sent Standby on to ${to} instead of answering. If that is your platform, sign in with its address; otherwise check the address.`,
      )
    }
    const read = await readCappedJson(res, INFO_MAX_BYTES)
    // A platform that is busy, or restarting behind its proxy, is still the right address.
    if (res.status === 429 || isServerError(res)) {
      return refused(res, read, platformUrl, describeCheckError)
    }
    // Reached, but what came cannot be read: neither a wrong address nor a network down.
    if (read.kind === 'damaged')
      return { ok: false, reason: 'failed', message: damagedInfo(platformUrl, read.code) }
    const gateway = gatewayInTheWay(res.status, platformUrl)
    if (gateway !== undefined) return { ok: false, reason: 'not_a_platform', message: gateway }
    infoBody = read.kind === 'json' ? read.value : undefined
  } catch (error) {
    if (answered)
      return { ok: false, reason: 'unreachable', message: answerUnfinished(platformUrl, 'check', error) }
    const known = [namesFound.has(platformUrl), namesFound.wasReached(platformUrl)] as const
    const failure = describeFetchFailure(error, TIMEOUT_MS, ...known)
    return {
      ok: false,
      reason: failure.notAPlatform === true ? 'not_a_platform' : 'unreachable',
      message: `${checkFailure(platformUrl, failure)}. ${failure.remedy}`,
    }
  }
  // Read with any clock first: a platform whose clock is wrong still answered as a platform, and
  // the expert must hear about the clock, not be told to check an address that is right.
  const info = PlatformInfoAnyClock.safeParse(infoBody)
  if (!info.success) {
    const waitMs = shorterPathWaitMs(TIMEOUT_MS, performance.now() - checkStarted)
    const shorter = await platformAtShorterPath(platformUrl, waitMs, fetchImpl)
    return {
      ok: false,
      reason: 'not_a_platform',
      message:
        shorter === null
          ? `${platformUrl} answered, but it is not a Standby platform. Check the address.`
          : `${platformUrl} answered, but it is not a Standby platform: the platform answers at ${shorter}, without the rest of the path. Sign in with ${shorter}.`,
    }
  }
  if (info.data.protocolVersion !== PROTOCOL_VERSION) {
    return {
      ok: false,
      reason: 'incompatible',
      message: describeVersionMismatch(PROTOCOL_VERSION, info.data.protocolVersion, 'app'),
    }
  }
  // Read as the link reads it, then held to the span the platform clock takes answers from: a
  // platform whose time it would ignore cannot time its sessions.
  const serverTime = PlatformInfo.shape.serverTime.safeParse(info.data.serverTime)
  if (!serverTime.success || !isPlausiblePlatformTime(serverTime.data)) {
    return { ok: false, reason: 'failed', message: clockIsWrong(platformUrl, info.data.serverTime) }
  }
  // As for the check: a failure once the sign-in's answer began is an answer cut short, not a lost platform.
  answered = false
  try {
    const asked = `${platformUrl}${HTTP_PATHS.signIn}`
    const res = await fetchImpl(asked, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      // Following a 307 or 308 would send the password again, to an address never checked.
      redirect: 'manual',
    })
    answered = true
    if (isRedirect(res)) {
      return refuseRedirect(
        res,
        platformUrl,
        asked,
        'failed',
        (to) =>
          `${platformUrl} answered the sign-in by sending it on to ${to}, so Standby did not send your password there. If that is your platform, sign in with its address.`,
      )
    }
    const read = await readCappedJson(res, SIGN_IN_MAX_BYTES)
    const signedIn = SignInResponse.safeParse(read.kind === 'json' ? read.value : undefined)
    if (!res.ok || !signedIn.success) {
      return refused(res, read, platformUrl)
    }
    return { ok: true, token: signedIn.data.token, expert: signedIn.data.expert, platformUrl }
  } catch (error) {
    if (answered)
      return { ok: false, reason: 'unreachable', message: answerUnfinished(platformUrl, 'sign-in', error) }
    // The check has just found the platform's name.
    const failure = describeFetchFailure(error, TIMEOUT_MS, true)
    const what = failure.answered === true ? `it ${failure.what}` : failure.what
    return {
      ok: false,
      reason: 'unreachable',
      message: `Lost the platform while signing in (${what}). Try again.`,
    }
  }
}
