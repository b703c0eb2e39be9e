/** Log lines for operators: one line per event, with a level and a few fields. Never a token. */
import { describeValue } from '../../src/shared/describe-untrusted'
import { redactLogDetail, redactLogText } from '../../src/shared/log-redaction'
import { isLogFields, type Logger, type LogFields } from '../../src/shared/logger'

export type { Logger, LogFields } from '../../src/shared/logger'
/** A client's text for a log field, redacted before it is cut (src/shared/log-redaction.ts). */
export { redactedExcerpt as logExcerpt } from '../../src/shared/log-redaction'

// Fields are typed as primitives, but a caller may hand over a value that came off the wire: never
// String() an object here (a nested array's String() recurses through every level).
function formatValue(value: unknown): string {
  if (typeof value === 'string') return /\s/.test(value) || HIDDEN.test(value) ? JSON.stringify(value) : value
  return typeof value === 'object' && value !== null ? describeValue(value) : String(value)
}

/**
 * Characters that end a line (U+2028, NEL, …), drive the operator's terminal (ESC, other controls)
 * or reorder or hide what it shows (bidi controls, zero-width characters). Text a client sent can
 * reach a line in a field, an error's message or a message built from it: each such character is
 * written as its \uXXXX escape, so every entry stays one line showing what was really sent.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is escaped
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/
const HIDDEN_ALL = new RegExp(HIDDEN.source, 'g')

function escapeHidden(line: string): string {
  return line.replace(HIDDEN_ALL, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

// An error (or any value that is not named fields) is printed as one field, `error`.
function asFields(detail: unknown): LogFields | undefined {
  if (detail === undefined || isLogFields(detail)) return detail
  return { error: detail instanceof Error ? `${detail.name}: ${detail.message}` : describeValue(detail) }
}

// Redacted as the app's log is: a client can put a token or password in a path's query, a header or
// a field, and whatever it sent reaches a line in a field, an error's message or a message.
function format(level: string, message: string, detail?: unknown): string {
  const extra = formatDetail(detail)
  return escapeHidden(
    redactLogText(`${new Date().toISOString()} [platform] ${level} ${message}${extra ? ` ${extra}` : ''}`),
  )
}

// Whatever a handler caught is logged: a log call that threw (a getter or a proxy that throws on
// reading) would turn a handled failure into a crash of the handler, so such a detail is named.
function formatDetail(detail: unknown): string {
  try {
    const fields = asFields(redactLogDetail(detail))
    return fields
      ? Object.entries(fields)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => `${k}=${formatValue(v)}`)
          .join(' ')
      : ''
  } catch {
    return 'detail=(a value that cannot be read)'
  }
}

/** A logger that writes to stderr. */
export function consoleLogger(): Logger {
  return {
    info: (m, f) => console.error(format('info', m, f)),
    warn: (m, f) => console.error(format('warn', m, f)),
    error: (m, f) => console.error(format('error', m, f)),
  }
}

/** A logger that keeps its lines in memory, for tests and quiet benches. */
export class MemoryLogger implements Logger {
  readonly lines: string[] = []
  info(m: string, f?: unknown): void {
    this.lines.push(format('info', m, f))
  }
  warn(m: string, f?: unknown): void {
    this.lines.push(format('warn', m, f))
  }
  error(m: string, f?: unknown): void {
    this.lines.push(format('error', m, f))
  }
}
