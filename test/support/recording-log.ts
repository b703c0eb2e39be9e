/** A Logger for tests that keeps every line, errors included, so a test can search all of it. */
import { vi } from 'vitest'
import type { Logger } from '../../src/main/node/log'

/** A Logger whose entries a test can read back. */
export interface RecordingLog extends Logger {
  /** One string per entry: level, message and the error (with its stack) if any. */
  readonly lines: string[]
  /** Everything logged, as one string. */
  text(): string
}

/** A fresh recording log; its methods are vi.fn spies too. */
export function recordingLog(): RecordingLog {
  const lines: string[] = []
  const entry =
    (level: string) =>
    (message: string, error?: unknown): void => {
      const cause =
        error === undefined
          ? ''
          : ` ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`
      lines.push(`${level} ${message}${cause}`)
    }
  return {
    lines,
    text: () => lines.join('\n'),
    info: vi.fn(entry('info')),
    warn: vi.fn(entry('warn')),
    error: vi.fn(entry('error')),
  }
}
