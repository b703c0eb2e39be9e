/**
 * Windows' own switch for each startup app: a value under Explorer\StartupApproved\Run named as
 * its Run value. Windows starts the entry when the value's first byte is even (02, or 06 as some
 * installers and Windows itself write) and not when it is odd (03, 07: turned off, then the time).
 * Electron counts only 00 and 02 as on (browser_win.cc), so an entry Windows starts reads as
 * turned off there: Standby reads the value itself.
 */
import { execFileSync } from 'node:child_process'
import { win32 } from 'node:path'

/** Which Run key an entry is in, as Electron's launch items say: the user's or the machine's. */
export type RunScope = 'user' | 'machine'

/** The StartupApproved\Run value of `name` in `scope`; null when there is none. Throws when it cannot tell. */
export type StartupApprovedReader = (scope: RunScope, name: string) => Uint8Array | null

/** Whether Windows starts a Run value at login, by its StartupApproved value (null: none). */
export function windowsStartsEntry(approved: Uint8Array | null): boolean {
  return approved === null || approved.length === 0 || approved[0]! % 2 === 0
}

/**
 * The bytes `reg query … /v name` printed for a REG_BINARY value; null when the output has none.
 * The type's name is not translated; the value's name may hold spaces, so the line is read from its end.
 */
export function regQueryBinary(output: string): Uint8Array | null {
  for (const line of output.split(/\r?\n/)) {
    const found = /\sREG_BINARY\s+([0-9A-Fa-f]*)\s*$/.exec(line)
    if (found === null) continue
    const hex = found[1]!
    if (hex.length % 2 !== 0) return null
    return Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16))
  }
  return null
}

/** reg.exe's exit code when the key or the value is not there. */
const REG_NOT_FOUND = 1

/** Reads the value with Windows' own reg.exe (Node has no registry API); a slow one is given up on. */
export function readStartupApproved(scope: RunScope, name: string): Uint8Array | null {
  const hive = scope === 'user' ? 'HKCU' : 'HKLM'
  const key = `${hive}\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\StartupApproved\\Run`
  const reg = win32.join(process.env['SystemRoot'] ?? 'C:\\Windows', 'System32', 'reg.exe')
  try {
    const output = execFileSync(reg, ['query', key, '/v', name], {
      encoding: 'utf8',
      timeout: 2_000,
      windowsHide: true,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    return regQueryBinary(output)
  } catch (error) {
    if ((error as { status?: unknown }).status === REG_NOT_FOUND) return null
    throw error
  }
}
