/**
 * Windows releases for the Updater adapter's tests: electron-updater's own NsisUpdater, with
 * `electron` replaced by the typed fake, downloads an installer from a loopback release server and
 * asks PowerShell who signed it. PowerShell is the one thing played here (this machine has none):
 * through child_process, where the check starts it, so what the check does with each answer is its own.
 */
import childProcess, { type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { EventEmitter } from 'node:events'
import { appendFileSync, readFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { createRequire } from 'node:module'
import { NsisUpdater } from 'electron-updater'
import { beforeEach, expect, vi } from 'vitest'
import { createElectronUpdater } from '../../src/main/electron/adapters/electron-updater'
import { singleInstanceLock } from '../../src/main/electron/single-instance'
import { useAppImageReleases } from './appimage-release'
import { resetFakeElectron } from './fake-electron'
import { recordingLog } from './recording-log'

/** The publisher's name, the common name and organisation of its certificate's subject. */
export const PUBLISHER = 'Standby Software Ltd'

const { load } = createRequire(import.meta.url)('js-yaml') as { load: (text: string) => unknown }

/** The certificate subjects electron-builder.yml names, which app-update.yml carries to the installed copy. */
const PUBLISHER_NAMES = (
  load(readFileSync(join(import.meta.dirname, '..', '..', 'electron-builder.yml'), 'utf8')) as {
    win: { signtoolOptions: { publisherName: string[] } }
  }
).win.signtoolOptions.publisherName

/** The installer of `version` as a release publishes it. */
export const installerOf = (version: string): Buffer => Buffer.from(`MZ Standby ${version} installer`)

/**
 * A Windows release as electron-builder publishes it: the installer and latest.yml naming its
 * sha512; `installer` another signed installer a hostile feed names under this version.
 */
function windowsRelease(
  version: string,
  file = `Standby-Setup-${version}.exe`,
  installer = installerOf(version),
) {
  const sha512 = createHash('sha512').update(installer).digest('base64')
  const feed = [
    `version: ${version}`,
    'files:',
    `  - url: ${file}`,
    `    sha512: ${sha512}`,
    `    size: ${installer.length}`,
  ].join('\n')
  // electron-updater names the channel's file by the OS it runs on: latest-linux.yml on this one.
  return { 'latest.yml': feed, 'latest-linux.yml': feed, [file]: installer }
}

/**
 * Registers the cleanup after each test and returns `installedWindowsCopy`: an installed Windows
 * copy of 1.2.3 whose app-update.yml names a feed of 1.3.0 and the publisher, checked already.
 */
export function useWindowsReleases() {
  const { serve, packagedCopy } = useAppImageReleases()
  beforeEach(() => {
    resetFakeElectron()
    // Windows 10: electron-updater skipped the check on older Windows whatever Standby asked.
    vi.spyOn(os, 'release').mockReturnValue('10.0.19045')
  })

  /** A run of the copy: its updater (`raw` electron-updater's own) and log, checked for 1.3.0. */
  async function run() {
    const log = recordingLog()
    const raw = new NsisUpdater()
    const updater = createElectronUpdater({ updater: raw, log, instanceLock: singleInstanceLock })
    expect(await updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
    return { updater, raw, log }
  }

  async function installedWindowsCopy(installerName = 'Standby-Setup-1.3.0.exe', installer?: Buffer) {
    const files: Record<string, string | Buffer> = windowsRelease('1.3.0', installerName, installer)
    const server = await serve(files)
    const dir = packagedCopy(server.url)
    appendFileSync(
      join(dir, 'resources', 'app-update.yml'),
      `publisherName:\n${PUBLISHER_NAMES.map((name) => `  - ${JSON.stringify(name)}\n`).join('')}`,
    )
    // Where electron-updater keeps the download (XDG_CACHE_HOME on this OS, which packagedCopy set).
    const pending = join(dir, 'cache', 'standby-updater', 'pending', installerName)
    /** Standby started again on this computer, with what the last run downloaded. */
    const nextRun = run
    /** The feed now offers `version` (its installer uploaded beside the earlier ones). */
    const publish = (version: string): void => void Object.assign(files, windowsRelease(version))
    return { ...(await run()), server: server.server, installer: pending, nextRun, publish }
  }

  return { installedWindowsCopy }
}

/**
 * What PowerShell answers: its Authenticode report of the installer (after `preamble`), a failure to run at all,
 * (`stuck`) no answer to the check in time while it still runs otherwise, or (`prints`) text.
 */
export type PowerShell =
  | { report: (path: string) => object; preamble?: string }
  | { fails: string }
  | { stuck: string }
  | { prints: string }

/**
 * Play PowerShell wherever the check may start it: each run answers `answer` only once a reminder
 * timer, set as it starts, has fired (a PowerShell slow to start, as on a busy computer). A run
 * that holds the main process (execFileSync) runs out of its time first, as the timer cannot fire
 * meanwhile. Returns, per run, whether the reminder had fired by the time PowerShell answered,
 * and the files it was asked about.
 */
export function powerShell(answer: PowerShell): {
  remindersOnTime: boolean[]
  asked: string[]
  ran: string[]
  programs: string[]
} {
  const remindersOnTime: boolean[] = []
  const asked: string[] = []
  const ran: string[] = []
  const programs: string[] = []
  vi.spyOn(childProcess, 'execFile').mockImplementation(((...args: unknown[]) => {
    programs.push(args[0] as string)
    const command = (args[1] as string[]).at(-1) ?? ''
    const env = (args[2] as { env?: Record<string, string | undefined> } | undefined)?.env ?? {}
    const { path, rest } = literalPathOf(command, env)
    const callback = args.at(-1) as (error: Error | null, stdout: string, stderr: string) => void
    // The version in the installer's resources: here, the one its bytes name (installerOf).
    if (rest.startsWith(').VersionInfo.ProductVersion')) {
      const carried = /Standby (\S+) installer/.exec(readFileSync(path, 'latin1'))?.[1] ?? ''
      setTimeout(() => callback(null, `${carried}\r\n`, ''))
      return {} as ChildProcess
    }
    asked.push(path)
    // Whatever follows the file but the report's conversion PowerShell would run as well.
    if (rest.trim() !== '| ConvertTo-Json -Compress') ran.push(rest)
    setTimeout(() => {
      remindersOnTime.push(true)
      if ('fails' in answer) callback(new Error(answer.fails), '', answer.fails)
      else if ('stuck' in answer) callback(new Error(answer.stuck), '', '')
      else if ('prints' in answer) callback(null, answer.prints, '')
      else callback(null, (answer.preamble ?? '') + JSON.stringify(answer.report(path)), '')
    })
    return {} as ChildProcess
  }) as typeof childProcess.execFile)
  vi.spyOn(childProcess, 'execFileSync').mockImplementation(() => {
    let fired = false
    setTimeout(() => (fired = true))
    remindersOnTime.push(fired)
    throw new Error('Command failed: powershell.exe (killed after 10 s)')
  })
  return { remindersOnTime, asked, ran, programs }
}

/** PowerShell's single quotes: the typewriter one and the typographic ones, which it reads alike. */
const SINGLE_QUOTES = new Set(["'", '\u2018', '\u2019', '\u201A', '\u201B'])

/**
 * The file `command` asks about, read as PowerShell reads it (a variable of `env`, or a
 * single-quoted string in which any of its single quotes, doubled, is one), and the rest of it.
 */
function literalPathOf(
  command: string,
  env: Record<string, string | undefined>,
): { path: string; rest: string } {
  const start = command.indexOf('-LiteralPath ') + '-LiteralPath '.length
  const variable = /^\$env:(\w+)/.exec(command.slice(start))
  if (variable !== null)
    return { path: env[variable[1] ?? ''] ?? '', rest: command.slice(start + variable[0].length) }
  let path = ''
  let i = start + 1
  for (; i < command.length; i++) {
    const ch = command.charAt(i)
    if (SINGLE_QUOTES.has(ch)) {
      if (!SINGLE_QUOTES.has(command.charAt(i + 1))) break
      i++
      path += command.charAt(i)
    } else path += ch
  }
  return { path, rest: command.slice(i + 1) }
}

/** PowerShell's report of a file with a valid signature by `subject`. */
export const signedBy = (subject: string) => (path: string) => ({
  Status: 0,
  Path: path,
  SignerCertificate: { Subject: subject },
})

/** PowerShell's report of a file validly signed by the publisher. */
export const signedByPublisher = signedBy(`CN=${PUBLISHER}, O=${PUBLISHER}, C=GB`)

/**
 * Each program electron-updater's install starts (the installer, or elevate.exe with it), recorded
 * instead of run (this machine has no Windows); `fails` is the first start's error, as Node reports it.
 */
export function recordStarts(fails?: { code: string }): { program: string; args: readonly string[] }[] {
  const starts: { program: string; args: readonly string[] }[] = []
  vi.spyOn(childProcess, 'spawn').mockImplementation(((program: string, args: readonly string[]) => {
    starts.push({ program, args })
    const child = new EventEmitter() as ChildProcess
    if (fails === undefined || starts.length > 1) Object.assign(child, { pid: 4242 })
    else setImmediate(() => child.emit('error', Object.assign(new Error(fails.code), fails)))
    return Object.assign(child, { unref: () => undefined })
  }) as unknown as typeof childProcess.spawn)
  return starts
}
