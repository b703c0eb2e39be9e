/** Log lines for operators: one line per event, with a level and a few fields. Never a token. */
import { describeValue } from '../../src/shared/describe-untrusted'
import { isLogFields, type Logger, type LogFields } from '../../src/shared/logger'

export type { Logger, LogFields } from '../../src/shared/logger'

// Fields are typed as primitives, but a caller may hand over a value that came off the wire: never
// String() an object here (a nested array's String() recurses through every level).
function formatValue(value: unknown): string {
  if (typeof value === 'string') return /\s/.test(value) ? JSON.stringify(value) : value
  return typeof value === 'object' && value !== null ? describeValue(value) : String(value)
}

// An error (or any value that is not named fields) is printed as one field, `error`.
function asFields(detail: unknown): LogFields | undefined {
  if (detail === undefined || isLogFields(detail)) return detail
  return { error: detail instanceof Error ? `${detail.name}: ${detail.message}` : describeValue(detail) }
}

function format(level: string, message: string, detail?: unknown): string {
  const fields = asFields(detail)
  const extra = fields
    ? Object.entries(fields)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k}=${formatValue(v)}`)
        .join(' ')
    : ''
  return `${new Date().toISOString()} [platform] ${level} ${message}${extra ? ` ${extra}` : ''}`
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
