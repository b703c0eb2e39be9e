/**
 * What to tell the expert when the sign-in's answer is not a sign-in: the platform's own sentence
 * when it sent one, otherwise a sentence made from the status and Retry-After. Never a bare status
 * code, and never an automatic retry: the wait is the expert's to keep.
 */
import { Sentence } from '../../../shared/protocol'
import { parseRetryAfter } from '../../../shared/retry-after'
import { describeWait } from '../../../shared/wait-words'
import type { CappedJson } from './capped-json'

/** A sign-in that did not end with a token, as the form shows it. */
export interface SignInRefusal {
  readonly reason: 'wrong_credentials' | 'invalid_input' | 'not_a_platform' | 'failed'
  readonly message: string
}

/** The parts of an answer to the sign-in that say why it was refused. */
export interface SignInAnswer {
  readonly status: number
  readonly retryAfter: string | null
  /** The answer's Date header: what an HTTP date in Retry-After is counted from. */
  readonly date?: string | null
  readonly body: CappedJson
}

/**
 * The platform's own sentence in a refusal, as one line a sign-in form can show; undefined when the
 * answer holds none (any JSON may come back, from anything at that address).
 */
export function platformSentence(body: unknown): string | undefined {
  const message = (body as { error?: { message?: unknown } } | null | undefined)?.error?.message
  const sentence = Sentence.min(1).safeParse(message)
  return sentence.success ? sentence.data : undefined
}

/** The protocol's error code in a refusal's JSON, if it holds one. */
function errorCode(body: unknown): unknown {
  return (body as { error?: { code?: unknown } } | null | undefined)?.error?.code
}

/** "try again in 5 seconds" from Retry-After, or `otherwise` when the answer named no wait. */
function tryAgain(answer: SignInAnswer, nowMs: number, otherwise: string): string {
  const waitMs = parseRetryAfter(answer.retryAfter, nowMs, answer.date)
  return waitMs === undefined ? otherwise : `try again in ${describeWait(waitMs)}`
}

/** Why a sign-in answer that holds no token was refused, in a sentence with what to do next. */
export function describeSignInRefusal(
  answer: SignInAnswer,
  platformUrl: string,
  nowMs: number,
): SignInRefusal {
  const { status, body } = answer
  const json = body.kind === 'json' ? body.value : undefined
  const sentence = platformSentence(json)
  // Only the platform's own refusal (`unauthorized`, in its JSON) is a wrong password: a proxy's or
  // gateway's 401, a page or JSON of its own, asks for a sign-in of its own, and retyping the
  // password would never get past it. Nor is a firewall's 400 page a refusal of what was typed.
  if (status === 401 && errorCode(json) === 'unauthorized')
    return { reason: 'wrong_credentials', message: 'Wrong email or password.' }
  if (status === 401 && json !== undefined)
    return {
      reason: 'not_a_platform',
      message: `Something at ${platformUrl} asked for a sign-in of its own, not as a Standby platform does: a proxy or gateway in front of the platform may need you to sign in to it first (open the address in a browser), or the address is wrong. Your Standby password was not checked.`,
    }
  if (status === 400 && json !== undefined)
    return {
      reason: 'invalid_input',
      message: sentence ?? 'The platform did not accept that email or password.',
    }
  // The platform's sentences for a wait (locked account, busy) already say how long.
  if ((status === 429 || status >= 500) && sentence !== undefined)
    return { reason: 'failed', message: sentence }
  if (status === 429) {
    const when = tryAgain(answer, nowMs, 'wait a minute before trying again')
    return { reason: 'failed', message: `Too many sign-in attempts; ${when}.` }
  }
  if (status === 503) {
    const when = tryAgain(answer, nowMs, 'try again in a few minutes')
    return { reason: 'failed', message: `${platformUrl} is busy or down for maintenance; ${when}.` }
  }
  if (status === 502 || status === 504) {
    const when = tryAgain(answer, nowMs, 'try again in a minute')
    return {
      reason: 'failed',
      message: `The server in front of ${platformUrl} could not get an answer from the platform; it may be restarting. Your password was not refused: ${when}.`,
    }
  }
  if (status >= 500) {
    const when = tryAgain(answer, nowMs, 'try again in a minute')
    return {
      reason: 'failed',
      message: `${platformUrl} ran into a problem while signing you in; ${when}. If it keeps happening, tell the platform's support.`,
    }
  }
  if (sentence !== undefined) return { reason: 'failed', message: sentence }
  if (body.kind === 'too_large')
    return {
      reason: 'not_a_platform',
      message: `${platformUrl} answered the sign-in with far more than a sign-in holds, so Standby stopped reading. Check the address.`,
    }
  if (body.kind === 'damaged')
    return {
      reason: 'failed',
      message: `${platformUrl} answered the sign-in, but its answer arrived damaged (${body.code}): it said it was compressed and could not be unpacked. Try again; if it keeps happening, tell the platform's support.`,
    }
  if (body.kind === 'not_json')
    return {
      reason: 'not_a_platform',
      message: `${platformUrl} answered the sign-in with a web page or other text, not as a Standby platform. Check the address; if it is right, the platform may be under maintenance, so try again later.`,
    }
  return {
    reason: 'failed',
    message: `${platformUrl} answered the sign-in in a form Standby cannot read. Check the address; if it is right, tell the platform's support.`,
  }
}

/**
 * What to tell the expert when the platform check (before any password is sent) is answered with a
 * server error or a busy status. A busy platform and the platform's own sentence are said as for
 * the sign-in, a gateway's as for it but with the password unsent; any other server error comes as well from a web app at a wrong address
 * as from a platform restarting, and the sign-in's "while signing you in" named neither.
 */
export function describeCheckError(answer: SignInAnswer, platformUrl: string, nowMs: number): SignInRefusal {
  const json = answer.body.kind === 'json' ? answer.body.value : undefined
  const { status } = answer
  if ((status < 500 && status !== 429) || status === 503 || platformSentence(json) !== undefined)
    return describeSignInRefusal(answer, platformUrl, nowMs)
  // The check is no sign-in attempt: "Too many sign-in attempts" would blame the expert's password.
  if (status === 429)
    return {
      reason: 'failed',
      message: `${platformUrl} asked Standby to slow down before it checked whether a Standby platform is there; your password was not sent: ${tryAgain(answer, nowMs, 'wait a minute before trying again')}.`,
    }
  const when = tryAgain(answer, nowMs, 'try again in a minute')
  // The sign-in's "Your password was not refused" would tell the expert it had been sent.
  if (status === 502 || status === 504)
    return {
      reason: 'failed',
      message: `The server in front of ${platformUrl} could not get an answer from the platform; it may be restarting. Your password was not sent: ${when}.`,
    }
  return {
    reason: 'failed',
    message: `${platformUrl} answered Standby's check with a server error before it could tell whether a Standby platform is there, so your password was not sent. If the address is right, the platform may be restarting: ${when}, and if it keeps happening, tell the platform's support; otherwise check the address.`,
  }
}
