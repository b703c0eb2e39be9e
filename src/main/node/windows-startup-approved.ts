/**
 * Windows' own switch for each startup app: a value under Explorer\StartupApproved\Run named as
 * its Run value. Windows starts the entry when the value's first byte is even (02, or 06 as some
 * installers and Windows itself write) and not when it is odd (03, 07: turned off, then the time).
 * Electron counts only 00 and 02 as on (browser_win.cc), so an entry Windows starts reads as
 * turned off there: Standby reads the value itself.
 */
import { execFileSync } from 'node:child_process'
import { win32 } from 'node:path'
import type { Logger } from '../core/ports/logger'
import { errorMessage } from '../../shared/error-message'

/** Which Run key an entry is in, as Electron's launch items say: the user's or the machine's. */
export type RunScope = 'user' | 'machine'

/** The StartupApproved\Run value of `name` in `scope`; null when there is none. Throws when it cannot tell. */
export type StartupApprovedReader = (scope: RunScope, name: string) => Uint8Array | null

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

/** Runs reg.exe with `args` and returns what it printed; throws as execFileSync does. */
export type RegExe = (args: ReadonlyArray<string>) => Buffer

/** Windows' own reg.exe (Node has no registry API), no shell; a slow one is given up on. */
const runRegExe: RegExe = (args) =>
  execFileSync(win32.join(process.env['SystemRoot'] ?? 'C:\\Windows', 'System32', 'reg.exe'), args, {
    timeout: 2_000,
    windowsHide: true,
    stdio: ['ignore', 'pipe', 'ignore'],
  })

/**
 * Reads values with reg.exe, which runs on the main process at every look (a start, the window
 * gaining focus). Only a REG_BINARY it printed counts: reg.exe exits 1 for a value not there and
 * for every failure alike, so nothing else tells of a value. Once it fails it is not asked again
 * this run: a reg.exe that hangs would stall each focus, one that cannot answer would cost a start
 * of it every time for nothing.
 */
export function regExeStartupApproved(options: {
  readonly log: Logger
  readonly run?: RegExe
}): StartupApprovedReader {
  const run = options.run ?? runRegExe
  let failed = false
  return (scope, name) => {
    if (failed) throw new Error('reg.exe failed earlier in this run')
    const hive = scope === 'user' ? 'HKCU' : 'HKLM'
    const key = `${hive}\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\StartupApproved\\Run`
    try {
      const value = regQueryBinary(regOutputText(run(['query', key, '/v', name])))
      if (value === null) throw new Error('its output held no REG_BINARY value')
      return value
    } catch (error) {
      failed = true
      options.log.warn(
        `Launch at login: reg.exe could not read Windows' startup switch of ${JSON.stringify(name)}: ${errorMessage(error)}. Until Standby restarts, it goes by Electron's reading, which takes some entries Windows starts for turned off.`,
      )
      throw error
    }
  }
}
