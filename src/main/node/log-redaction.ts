/**
 * What never reaches a log: tokens, passwords and message texts. Every line the app's loggers
 * write passes through here, so a caller that slips (an error quoting a header, a field named
 * `password`) still leaves no secret on disk. Callers must not pass message bodies at all: a
 * sentence cannot be told from a message by its shape.
 */
import { isLogFields, type LogFields } from '../../shared/logger'

/** What stands in for a removed value. */
export const REDACTED = '[redacted]'

/** Field names whose values are secrets or someone's words. */
const SECRET_KEY =
  /token|password|passwd|secret|authorization|cookie|api[-_]?key|credential|^(body|text|message)$/i

/** A named secret inside text: `token=…`, `"password":"…"`, `Authorization: …`. */
const NAMED_SECRET =
  /(["']?\b(?:[a-z_]*token|password|passwd|secret|authorization|cookie|api[-_]?key|auth)\b["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s&,;)}\]]+)/gi
/** A bearer or basic credential after its scheme. */
const SCHEME_CREDENTIAL = /\b(Bearer|Basic)\s+[\w.~+/-]+=*/gi
/** A JSON Web Token. */
const JWT = /\beyJ[\w-]+\.[\w-]+\.[\w-]*/g
/**
 * An opaque run of letters and digits as long as a random token (the platform's are base64url):
 * long enough that words and ids do not match, and holding both a digit and a letter.
 */
const OPAQUE = /[A-Za-z0-9_-]{32,}/g
/** A UUID: an id or an idempotency key, which says nothing on its own. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** `text` with every token-shaped or named secret replaced by [redacted]. */
export function redactLogText(text: string): string {
  return text
    .replace(SCHEME_CREDENTIAL, (_match, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(JWT, REDACTED)
    .replace(NAMED_SECRET, (_match, name: string) => `${name}${REDACTED}`)
    .replace(OPAQUE, (run) => (/\d/.test(run) && /[A-Za-z]/.test(run) && !UUID.test(run) ? REDACTED : run))
}

/** Named fields with the values of secret-named keys replaced by [redacted]. */
export function redactLogFields(fields: LogFields): LogFields {
  return Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [key, SECRET_KEY.test(key) ? REDACTED : value]),
  )
}

/** A log line's detail made safe to print: fields by key; an error or value is redacted as text later. */
export function redactLogDetail(detail: unknown): unknown {
  return isLogFields(detail) ? redactLogFields(detail) : detail
}
