/** A Logger for tests that keeps every line, errors included, so a test can search all of it. */
import { vi } from 'vitest'
import type { Logger } from '../../src/main/node/log'
import { stallTimer } from './stall-timer'

/** How long the log may take no entry before a wait on it gives up, saying what was logged. */
const FAILSAFE_MS = 20_000

/** A Logger whose entries a test can read back. */
export interface RecordingLog extends Logger {
  /** One string per entry: level, message and the error (with its stack) if any. */
  readonly lines: string[]
  /** Everything logged, as one string. */
  text(): string
  /** Resolves once an entry holding `text` is logged, or at once if one was: a named event, not a poll. */
  logged(text: string): Promise<void>
}

/** A fresh recording log; its methods are vi.fn spies too. */
export function recordingLog(): RecordingLog {
  const lines: string[] = []
  const waiting = new Set<() => void>()
  const entry =
    (level: string) =>
    (message: string, error?: unknown): void => {
      const cause =
        error === undefined
          ? ''
          : ` ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`
      lines.push(`${level} ${message}${cause}`)
      for (const wake of [...waiting]) wake()
    }
  return {
    lines,
    text: () => lines.join('\n'),
    logged: (text) =>
      new Promise((resolve, reject) => {
        const failsafe = stallTimer(FAILSAFE_MS, () => {
          waiting.delete(check)
          reject(new Error(`Nothing logged holds "${text}" yet; logged:\n${lines.join('\n')}`))
        })
        const check = (): void => {
          if (!lines.some((line) => line.includes(text))) return failsafe.progress()
          failsafe.stop()
          waiting.delete(check)
          resolve()
        }
        waiting.add(check)
        check()
      }),
    info: vi.fn(entry('info')),
    warn: vi.fn(entry('warn')),
    error: vi.fn(entry('error')),
  }
}
