/**
 * Windows: who signed a downloaded installer, asked of PowerShell without holding the main process.
 * electron-updater's own check, once PowerShell failed, asked PowerShell again synchronously whether
 * it works at all (up to ten seconds, execFileSync), and meanwhile invites, reminders and the window
 * stood still; it asked only to decide whether to pass the installer unchecked, which Standby never
 * does. Here every answer that is not a valid signature by the publisher, of this very file, refuses
 * it: a failure to run, a late or unreadable answer, a report without the file's path.
 */
import childProcess from 'node:child_process'
import { normalize, win32 } from 'node:path'
import { errorMessage } from '../../../shared/error-message'
import { parseDistinguishedName } from './update-distinguished-name'

/** The start of the refusal, which update-error-words.ts tells apart from a wrong publisher. */
export const SIGNATURE_UNCHECKED = 'Windows could not check who signed the downloaded installer'

/** How long PowerShell has to answer: electron-updater's own bound, for a busy machine's first start. */
const ANSWER_MS = 20_000

/** The most PowerShell's report may be: a certificate's report is a few kilobytes. */
const MAX_REPORT_BYTES = 1024 * 1024

/** PowerShell's Authenticode status of a valid signature. */
const VALID = 0

/**
 * Runs one PowerShell command with `variables` added to its environment; resolves with what it
 * printed, rejects when it failed or complained.
 */
export type PowerShellRunner = (
  command: string,
  variables: Readonly<Record<string, string>>,
) => Promise<string>

/** The environment variable that hands PowerShell the installer's path. */
const INSTALLER_VARIABLE = 'STANDBY_UPDATE_INSTALLER'

/**
 * Windows PowerShell itself, in Windows' own folder: a bare `powershell.exe` is looked for in the
 * current folder first (a Downloads folder Standby was started from, say), then along PATH.
 */
export function windowsPowerShell(systemRoot = process.env['SystemRoot']): string {
  const windows = systemRoot !== undefined && win32.isAbsolute(systemRoot) ? systemRoot : 'C:\\Windows'
  return win32.join(windows, 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe')
}

/** Windows PowerShell, run as electron-updater runs it (no profile, no input, its own module path). */
export const runPowerShell: PowerShellRunner = (command, variables) =>
  new Promise((resolve, reject) => {
    // A module path inherited from PowerShell 7 makes Windows PowerShell fail to load its own.
    const { PSModulePath: _inherited, ...env } = process.env
    childProcess.execFile(
      windowsPowerShell(),
      ['-NoProfile', '-NonInteractive', '-InputFormat', 'None', '-Command', command],
      {
        env: { ...env, ...variables },
        timeout: ANSWER_MS,
        maxBuffer: MAX_REPORT_BYTES,
        windowsHide: true,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (error !== null) return reject(error)
        // PowerShell reports a failed command on stderr and may still exit 0.
        if (stderr.trim() !== '') return reject(new Error(`PowerShell said: ${stderr.trim()}`))
        resolve(stdout)
      },
    )
  })

/** What of PowerShell's report the check reads. */
interface AuthenticodeReport {
  Status?: unknown
  Path?: unknown
  SignerCertificate?: { Subject?: unknown } | null
}

/**
 * Checks that `installer` carries a valid signature by one of `publisherNames` (a full
 * distinguished name, every part of it matched, or only a common name, as electron-updater
 * matches them): null when it does, else why not. A refusal starting SIGNATURE_UNCHECKED means
 * PowerShell gave no usable answer; any other names what the signature is.
 */
export async function checkAuthenticode(
  publisherNames: readonly string[],
  installer: string,
  run: PowerShellRunner = runPowerShell,
): Promise<string | null> {
  // The path reaches PowerShell as a variable's value, never as command text: the feed names the
  // file, and PowerShell ends a quoted string at typographic quotes too (’), so no escaping of the
  // text is safe from a name that closes the string and runs what follows.
  // UTF-8 out, so a publisher named with letters beyond ASCII reads as written.
  const command = `[Console]::OutputEncoding = [System.Text.Encoding]::UTF8; Get-AuthenticodeSignature -LiteralPath $env:${INSTALLER_VARIABLE} | ConvertTo-Json -Compress`
  let report: AuthenticodeReport
  try {
    const printed = await run(command, { [INSTALLER_VARIABLE]: installer })
    // A console told to write UTF-8 may start with its byte order mark, which JSON does not allow.
    const parsed: unknown = JSON.parse(printed.replace(/^\uFEFF/, ''))
    if (typeof parsed !== 'object' || parsed === null) throw new Error('its answer is no report')
    report = parsed as AuthenticodeReport
  } catch (error) {
    return `${SIGNATURE_UNCHECKED} (${errorMessage(error).split('\n')[0] ?? ''})`
  }
  // Unlike electron-updater, a report that names no file is no report of this one.
  if (typeof report.Path !== 'string' || normalize(report.Path) !== normalize(installer)) {
    return `${SIGNATURE_UNCHECKED} (PowerShell reported on ${String(report.Path)}, not on ${installer})`
  }
  const subject = report.SignerCertificate?.Subject
  if (report.Status === VALID && typeof subject === 'string' && signedBy(publisherNames, subject)) return null
  return `publisherNames: ${publisherNames.join(' | ')}, status: ${String(report.Status)}, signed by: ${String(subject)}`
}

/** Whether the certificate's `subject` is one of `publisherNames`, matched as electron-updater does. */
function signedBy(publisherNames: readonly string[], subject: string): boolean {
  const signer = parseDistinguishedName(subject, 'windows')
  return publisherNames.some((name) => {
    const wanted = parseDistinguishedName(name)
    if (wanted.size === 0) return name === signer.get('CN')
    return [...wanted].every(([key, value]) => signer.get(key) === value)
  })
}
