/**
 * Windows' own switch for each startup app: a value under Explorer\StartupApproved\Run named as
 * its Run value. Windows starts the entry when the value's first byte is even (02, or 06 as some
 * installers and Windows itself write) and not when it is odd (03, 07: turned off, then the time).
 * Electron counts only 00 and 02 as on (browser_win.cc), so an entry Windows starts reads as
 * turned off there: Standby reads the value itself.
 */
import { execFile } from 'node:child_process'
import { win32 } from 'node:path'
import type { Logger } from '../core/ports/logger'
import { errorMessage } from '../../shared/error-message'

/** Which Run key an entry is in, as Electron's launch items say: the user's or the machine's. */
export type RunScope = 'user' | 'machine'

/** Whether Windows starts a Run value at login, by its StartupApproved value (null: none). */
export function windowsStartsEntry(approved: Uint8Array | null): boolean {
  return approved === null || approved.length === 0 || approved[0]! % 2 === 0
}

/**
 * The text reg.exe printed: its console's code page, or UTF-16 where a tool or setting makes it
 * write that. Only the ASCII of the type and the hex digits is read, so any single-byte page does.
 */
export function regOutputText(printed: Buffer): string {
  return printed.includes(0) ? printed.toString('utf16le') : printed.toString('latin1')
}

/**
 * The bytes `reg query … /v name` printed for a REG_BINARY value; null when the output has none
 * or its digits are not whole bytes. The type's name is not translated; the value's name (any text,
 * REG_BINARY and a line break too) comes first, so the value is the last one printed.
 */
export function regQueryBinary(output: string): Uint8Array | null {
  const found = /\sREG_BINARY[ \t]+([0-9A-Fa-f]*)\s*$/.exec(output)
  if (found === null) return null
  const hex = found[1]!
  if (hex.length % 2 !== 0) return null
  return Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16))
}

/** Runs reg.exe with `args` and resolves to what it printed; rejects as execFile reports a failure. */
export type RegExe = (args: ReadonlyArray<string>) => Promise<Buffer>

/** Windows' own reg.exe (Node has no registry API), no shell, off the main thread; a slow one is given up on. */
const runRegExe: RegExe = (args) =>
  new Promise((resolve, reject) => {
    execFile(
      win32.join(process.env['SystemRoot'] ?? 'C:\\Windows', 'System32', 'reg.exe'),
      args,
      { timeout: 2_000, windowsHide: true, encoding: 'buffer', shell: false },
      (error, stdout) => (error === null ? resolve(stdout) : reject(error)),
    )
  })

/**
 * Windows' StartupApproved values as last read by reg.exe. A look starts a read and returns at
 * once: reg.exe running on the main process would freeze every window and the tray until it ends.
 */
export interface StartupApprovedReader {
  /** The value last read of `name` in `scope`; undefined while none was read. */
  known(scope: RunScope, name: string): Uint8Array | undefined
  /**
   * Starts reading it again, unless a read of it is running; `onChange` hears a new answer.
   * Settles once the read is done with, its answer taken or dropped; it never rejects.
   */
  look(scope: RunScope, name: string): Promise<void>
  /** The entries were written: what was read, or is being read, of them no longer holds. */
  forget(): void
  /** Hears when a read changed what `known` answers; returns what stops it. */
  onChange(listener: () => void): () => void
}

/**
 * Reads values with reg.exe at each look (a start, the window gaining focus). Only a REG_BINARY it
 * printed counts: reg.exe exits 1 for a value not there and for every failure alike, so nothing
 * else tells of a value. Once it fails it is not asked again this run: one that cannot answer
 * would cost a start of it at every focus for nothing.
 */
export function regExeStartupApproved(options: {
  readonly log: Logger
  readonly run?: RegExe
}): StartupApprovedReader {
  const run = options.run ?? runRegExe
  const values = new Map<string, Uint8Array>()
  const running = new Set<string>()
  const listeners = new Set<() => void>()
  let failed = false
  // A read started before the entries were written answers of what they were: it is dropped.
  let written = 0
  // A look the news of a read brings about would only read the same value again.
  let telling = false
  const keyOf = (scope: RunScope, name: string): string => `${scope}\n${name}`
  const heard = (key: string, value: Uint8Array): void => {
    const before = values.get(key)
    values.set(key, value)
    if (before !== undefined && sameBytes(before, value)) return
    telling = true
    try {
      for (const listener of [...listeners]) listener()
    } finally {
      telling = false
    }
  }
  const failedWith = (name: string, error: unknown): void => {
    if (failed) return
    failed = true
    options.log.warn(
      `Launch at login: reg.exe could not read Windows' startup switch of ${JSON.stringify(name)}: ${errorMessage(error)}. Until Standby restarts, it goes by Electron's reading, which takes some entries Windows starts for turned off.`,
    )
  }
  return {
    known: (scope, name) => values.get(keyOf(scope, name)),
    look(scope, name) {
      const key = keyOf(scope, name)
      if (failed || telling || running.has(key)) return Promise.resolve()
      running.add(key)
      const at = written
      const hive = scope === 'user' ? 'HKCU' : 'HKLM'
      const path = `${hive}\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\StartupApproved\\Run`
      return started(() => run(['query', path, '/v', name]))
        .then((printed) => {
          const value = regQueryBinary(regOutputText(printed))
          if (value === null) throw new Error('its output held no REG_BINARY value')
          return value
        })
        .then(
          (value) => {
            if (at !== written) return
            running.delete(key)
            heard(key, value)
          },
          (error: unknown) => {
            if (at !== written) return
            running.delete(key)
            failedWith(name, error)
          },
        )
    },
    forget() {
      written += 1
      values.clear()
      running.clear()
    },
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

/** What `start` began, a throw from it as a rejection: the spawn itself starts before the look returns. */
function started<T>(start: () => Promise<T>): Promise<T> {
  try {
    return start()
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)))
  }
}

/** Whether two values hold the same bytes. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, at) => byte === b[at])
}
