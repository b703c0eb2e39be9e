/**
 * Signing in over HTTP, with errors that say what went wrong: the platform is unreachable, the
 * server is not a Standby platform, it speaks another protocol, or the password is wrong.
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
): Promise<SignInOutcome> {
  const checked = checkPlatformUrl(rawUrl)
  if (!checked.ok) return { ok: false, reason: 'invalid_input', message: checked.message }
  const platformUrl = checked.url
  let infoBody: unknown
  try {
    const res = await fetchImpl(`${platformUrl}${HTTP_PATHS.info}`, {
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
    infoBody = await res.json().catch(() => undefined)
  } catch (error) {
    return {
      ok: false,
      reason: 'unreachable',
      message: `Could not reach ${platformUrl} (${describeFetchError(error)}). Check the address and your connection.`,
    }
  }
  const info = PlatformInfo.safeParse(infoBody)
  if (!info.success) {
    return {
      ok: false,
      reason: 'not_a_platform',
      message: `${platformUrl} answered, but it is not a Standby platform. Check the address.`,
    }
  }
  if (info.data.protocolVersion !== PROTOCOL_VERSION) {
    return {
      ok: false,
      reason: 'incompatible',
      message: describeVersionMismatch(PROTOCOL_VERSION, info.data.protocolVersion, 'app'),
    }
  }
  try {
    const res = await fetchImpl(`${platformUrl}${HTTP_PATHS.signIn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
    const body: unknown = await res.json().catch(() => undefined)
    if (res.status === 401)
      return { ok: false, reason: 'wrong_credentials', message: 'Wrong email or password.' }
    const message = (body as { error?: { message?: string } } | undefined)?.error?.message
    // The platform's sentence says how long to wait before the next try.
    if (res.status === 429)
      return { ok: false, reason: 'failed', message: message ?? 'Too many sign-in attempts; wait a minute.' }
    if (res.status === 400) {
      return {
        ok: false,
        reason: 'invalid_input',
        message: message ?? 'The platform did not accept that email or password.',
      }
    }
    const signedIn = SignInResponse.safeParse(body)
    if (!res.ok || !signedIn.success) {
      return {
        ok: false,
        reason: 'failed',
        message: `The platform could not sign you in (HTTP ${res.status}). Try again in a moment.`,
      }
    }
    return { ok: true, token: signedIn.data.token, expert: signedIn.data.expert, platformUrl }
  } catch (error) {
    return {
      ok: false,
      reason: 'unreachable',
      message: `Lost the platform while signing in (${describeFetchError(error)}). Try again.`,
    }
  }
}

function describeFetchError(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError') return `no answer within ${TIMEOUT_MS / 1000} s`
    const cause = (error as { cause?: { code?: string } }).cause
    if (cause?.code === 'ECONNREFUSED') return 'connection refused'
    if (cause?.code === 'ENOTFOUND') return 'unknown host'
    return cause?.code ?? error.message
  }
  return String(error)
}
