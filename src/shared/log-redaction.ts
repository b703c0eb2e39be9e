/**
 * What never reaches a log: tokens, passwords and message texts. Every line the app's loggers
 * write passes through here, so a caller that slips (an error quoting a header, a field named
 * `password`) still leaves no secret on disk. Callers must not pass message bodies at all: a
 * sentence cannot be told from a message by its shape.
 */
import { isLogFields, type LogFields } from './logger'

/** What stands in for a removed value. */
export const REDACTED = '[redacted]'

/** Words that make a field's value a secret or someone's words, in any case or compound. */
const SECRET_WORDS: ReadonlySet<string> = new Set([
  'token',
  'password',
  'passwd',
  'passphrase',
  'pwd',
  'secret',
  'authorization',
  'auth',
  'cookie',
  'apikey',
  'credential',
  'body',
  'text',
])
/** Whole field names that hold someone's words though none of their parts is a secret word. */
const SECRET_KEYS: ReadonlySet<string> = new Set([
  'message',
  'apikey',
  'privatekey',
  'signingkey',
  'accesskey',
])

/**
 * A named secret inside text: `token=…`, `"password":"…"`, `Authorization: …`, `pwd=…`. A name
 * that ends in `token` or `secret` (`x-api-token`) is read from the start of its run of letters,
 * `-` and `_`, never from inside it: tried from every `-` of a long run (`a-a-a-…`), each try read to
 * the run's end, and a line of 40 KB took seconds to write. Exported for its test.
 */
export const NAMED_SECRET =
  /(["']?(?:(?<![a-z_-])[a-z_-]*token|\bpass(?:word|wd|phrase)|\bpwd|(?<![a-z_-])[a-z_-]*secret|\b(?:authorization|cookie|(?:api|private|secret|access|signing)[-_]?key|auth))\b["']?\s*[:=]\s*)(?!\[redacted\])("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s&,;)}\]]+)/gi
/**
 * A secret in a URL's query or fragment, by its parameter's name whatever the value's length: a
 * signed link's signature and credential (`X-Amz-Signature=`, `sig=`), a sign-in's one-time `code=`,
 * any `…token=`, `…secret=`, `…password=`, a `key=` or `…_key=`. Only after `?`, `&`, `;` or `#`,
 * so a field such as `code: ENOENT` or a parameter such as `zipcode=` keeps its value. The name is
 * judged as the server reads it: percent-decoded (`%73ig=` is `sig=`), and each of its bracketed
 * parts (`auth[token]=`). A value ends at a `?` too: a link to go on to (`next=/cb?code=…`)
 * carries parameters of its own, each judged by its name; a secret's value that went on past a `?`
 * goes whole (REDACTED_TAIL), and so does a link escaped as a value that holds a secret
 * (holdsEscapedSecret). Session ids go too (`sid=`, `JSESSIONID=`, `session_id=`).
 */
const QUERY_PARAMETER = /([?&#;])([^=?&#;\s"'<>]+)=(?!\[redacted\])[^?&#;\s"'<>)\]}]*/g
/** What a redacted query value still held after a "?": the server reads it as part of the secret. */
const REDACTED_TAIL = /(=\[redacted\])\?(?:\[redacted\]|[^&#;\s"'<>)\]}])*/g
const SECRET_PARAMETER =
  /^(?:[\w.-]*(?:token|secret|password|passwd|pwd|credentials?|signature|auth)|(?:[\w.-]*[-_.]|api|private|access|signing|account)?key|sig|code|pass|sid|(?:[\w.-]*[-_.])?(?:j|php)?sess(?:ion)?(?:[-_.]?id)?)$/i
/** A parameter's name in a link: after `?`, `&`, `;` or `#`. */
const PARAMETER_NAME = /[?&#;]([^=?&#;\s"'<>]+)=/g
/**
 * An escaped `?`, `&`, `#` or `=`, or `%` (escaped twice): a value that holds one may be a link with
 * parameters of its own.
 */
const ESCAPED_LINK_MARK = /%(?:3f|26|23|3d|25)/i

/**
 * Whether a parameter's value is a link, escaped as a value is (`next=%2Fcb%3Fcode%3D…`), that
 * carries a secret parameter of its own: it goes whole, as the server that follows it reads it.
 * Unescaped twice at most: a link inside a link inside a link is escaped twice.
 */
function holdsEscapedSecret(value: string): boolean {
  let link = value
  for (let depth = 0; depth < 2 && ESCAPED_LINK_MARK.test(link); depth++) {
    try {
      link = decodeURIComponent(link.replaceAll('+', ' '))
    } catch {
      return false
    }
    for (const [, name] of link.matchAll(PARAMETER_NAME)) if (isSecretParameter(name ?? '')) return true
  }
  return false
}

function isSecretParameter(name: string): boolean {
  let decoded = name
  try {
    decoded = decodeURIComponent(name.replaceAll('+', ' '))
  } catch {
    // A malformed escape: judged as written.
  }
  return decoded.split(/[[\]]+/).some((part) => SECRET_PARAMETER.test(part))
}
/**
 * An authorization or cookie header written as a header (`Name: value`, unquoted): its value runs
 * to the end of the header, whatever its scheme (`Token …`, `Digest username=…, response=…`) or
 * however many cookies it carries, so all of it goes, up to a closing bracket.
 */
const HEADER_CREDENTIAL = /(\b(?:proxy-)?authorization|\bcookie)(\s*:\s*)(?!["'[])[^\n)}\]]+/gi
/** Someone's words in JSON: `"body": "…"`, `"text": "…"`. */
const JSON_WORDS = /("(?:[a-z]*body|[a-z]*text)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi
/**
 * A URL's userinfo with a password, all of it: the password up to the last `@` before the path,
 * since it may hold a raw `@` of its own (`ada:p@ss@host`), and the name too, which is as often the
 * token itself (`https://TOKEN:x-oauth-basic@host`, `https://TOKEN:@host`).
 */
const URL_PASSWORD = /\/\/[^/\s:@]*:[^\s/]*@/g
/**
 * A URL's userinfo with no password, up to the last `@` before the host: `https://TOKEN@host` is
 * how a token is often put in a link, and a name alone there says nothing the log needs.
 */
const URL_USER = /\/\/[^/?#\\\s:]+@/g
/** A bearer or basic credential after its scheme. */
const SCHEME_CREDENTIAL = /\b(Bearer|Basic)\s+[\w.~+/-]+=*/gi
/** A run of word characters, `-` and `.`: a JSON Web Token lies inside one (redactJwts). */
const DOTTED_WORD = /[\w.-]+/g
/**
 * An opaque run of letters and digits as long as a random token (the platform's are base64url):
 * long enough that words and ids do not match (see looksRandom).
 */
const OPAQUE = /[A-Za-z0-9_-]{32,}/g
/** A UUID: an id or an idempotency key, which says nothing on its own. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** `text` with every token-shaped or named secret replaced by [redacted]. */
export function redactLogText(text: string): string {
  return text
    .replace(HEADER_CREDENTIAL, (_match, name: string, colon: string) => `${name}${colon}${REDACTED}`)
    .replace(SCHEME_CREDENTIAL, (_match, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(DOTTED_WORD, (word) => (word.includes('eyJ') ? redactJwts(word) : word))
    .replace(URL_PASSWORD, `//${REDACTED}@`)
    .replace(URL_USER, `//${REDACTED}@`)
    .replace(JSON_WORDS, (_match, name: string) => `${name}"${REDACTED}"`)
    .replace(QUERY_PARAMETER, (match, mark: string, name: string) =>
      isSecretParameter(name) || holdsEscapedSecret(match.slice(mark.length + name.length + 1))
        ? `${mark}${name}=${REDACTED}`
        : match,
    )
    .replace(REDACTED_TAIL, '$1')
    .replace(NAMED_SECRET, (_match, name: string) => `${name}${REDACTED}`)
    .replace(OPAQUE, (run) => (looksRandom(run) ? REDACTED : run))
}

/**
 * At most `max` characters of `text` for a log line or a sentence, redacted before it is cut: a cut
 * through a secret leaves its start too short to be known for one by its shape. Only a bounded
 * prefix is read, so a huge text costs no more than a short one.
 */
export function redactedExcerpt(text: string, max: number): string {
  const cut = redactLogText(text.slice(0, max * 4)).slice(0, max)
  // A cut through the mark itself ("token=[red") still says what was there.
  const open = cut.lastIndexOf('[')
  return open >= 0 && cut.length - open < REDACTED.length && REDACTED.startsWith(cut.slice(open))
    ? `${cut.slice(0, open)}${REDACTED}`
    : cut
}

/**
 * `word` (a DOTTED_WORD; exported for its test) with each JSON Web Token in it redacted: from an `eyJ` that starts a word
 * (after `.`, `-` or the word's start) and has more after it, through the next two segments
 * between dots, the second of them not empty. Read segment by segment, once: the regex that says
 * the same (/\beyJ[\w-]+\.[\w-]+\.[\w-]*\/g) reads to the end of the run from every `eyJ` in
 * it, which a line of `eyJa-eyJa-…` made take seconds.
 */
export function redactJwts(word: string): string {
  const segments = word.split('.')
  let out = ''
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] ?? ''
    const at = i + 2 < segments.length && segments[i + 1] !== '' ? tokenStart(segment) : -1
    if (at < 0) {
      out += i + 1 < segments.length ? `${segment}.` : segment
      continue
    }
    out += segment.slice(0, at) + REDACTED
    i += 2
    if (i + 1 < segments.length) out += '.'
  }
  return out
}

/** Where a token's `eyJ` starts in a segment: at its start or after a `-`, with more after it; -1 if nowhere. */
function tokenStart(segment: string): number {
  for (let at = segment.indexOf('eyJ'); at >= 0; at = segment.indexOf('eyJ', at + 1))
    if ((at === 0 || segment[at - 1] === '-') && at + 3 < segment.length) return at
  return -1
}

/**
 * A run with a digit and a letter, or a long one mixing cases (a random token drawn without a
 * digit), that is not a UUID.
 */
function looksRandom(run: string): boolean {
  if (UUID.test(run)) return false
  const letters = /[A-Za-z]/.test(run)
  return (letters && /\d/.test(run)) || (run.length >= 40 && /[a-z]/.test(run) && /[A-Z]/.test(run))
}

/** True when a field named `key` holds a secret or someone's words: `accessToken`, `x-api-key`, `messageBody`. */
export function isSecretKey(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
  const joined = words.join('')
  const secretWord = (word: string): boolean =>
    SECRET_WORDS.has(word) || SECRET_WORDS.has(word.replace(/s$/, ''))
  return SECRET_KEYS.has(joined) || words.some(secretWord) || joined.endsWith('apikey')
}

/** Named fields with the values of secret-named keys replaced by [redacted]. */
export function redactLogFields(fields: LogFields): LogFields {
  return Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [key, isSecretKey(key) ? REDACTED : value]),
  )
}

/** A log line's detail made safe to print: fields by key; an error or value is redacted as text later. */
export function redactLogDetail(detail: unknown): unknown {
  return isLogFields(detail) ? redactLogFields(detail) : detail
}
