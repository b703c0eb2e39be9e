/**
 * Windows: electron-updater's own NsisUpdater, with `electron` replaced by the typed fake, downloads
 * an installer from a loopback release server and asks PowerShell who signed it. PowerShell is the
 * one thing played here (this machine has none): through child_process, where electron-updater's
 * own check calls it, so what it does with each answer is its own.
 */
import childProcess, { type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { appendFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { NsisUpdater } from 'electron-updater'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createElectronUpdater } from '../../../../../src/main/electron/adapters/electron-updater'
import { singleInstanceLock } from '../../../../../src/main/electron/single-instance'
import { useAppImageReleases } from '../../../../support/appimage-release'
import { resetFakeElectron } from '../../../../support/fake-electron'
import { recordingLog } from '../../../../support/recording-log'

const { serve, packagedCopy } = useAppImageReleases()

/** The publisher electron-builder.yml names, which app-update.yml carries to the installed copy. */
const PUBLISHER = 'Standby Software Ltd'

beforeEach(() => {
  resetFakeElectron()
  // Windows 10: electron-updater skips the check on older Windows whatever Standby asks.
  vi.spyOn(os, 'release').mockReturnValue('10.0.19045')
})

/** A Windows release as electron-builder publishes it: the installer and latest.yml naming its sha512. */
function windowsRelease(version: string) {
  const installer = Buffer.from(`MZ Standby ${version} installer`)
  const file = `Standby-Setup-${version}.exe`
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

/** An installed Windows copy of 1.2.3 whose app-update.yml names the feed and the publisher. */
async function installedWindowsCopy() {
  const server = await serve(windowsRelease('1.3.0'))
  const dir = packagedCopy(server.url)
  appendFileSync(join(dir, 'resources', 'app-update.yml'), `publisherName:\n  - ${PUBLISHER}\n`)
  const log = recordingLog()
  const updater = createElectronUpdater({ updater: new NsisUpdater(), log, instanceLock: singleInstanceLock })
  expect(await updater.check('stable')).toEqual({ kind: 'available', version: '1.3.0' })
  return { updater, log }
}

/**
 * What PowerShell answers: its Authenticode report of the installer, a failure to run at all,
 * (`stuck`) no answer to the check in time while it still runs otherwise, or (`prints`) text.
 */
type PowerShell =
  { report: (path: string) => object } | { fails: string } | { stuck: string } | { prints: string }

/** Play PowerShell for electron-updater's signature check (execFile) and its test of PowerShell (execFileSync). */
function powerShell(answer: PowerShell): void {
  vi.spyOn(childProcess, 'execFile').mockImplementation(((...args: unknown[]) => {
    const command = (args[1] as string[]).at(-1) ?? ''
    const path = /-LiteralPath '(.*)' \|/.exec(command)?.[1]?.replaceAll("''", "'") ?? ''
    const callback = args.at(-1) as (error: Error | null, stdout: string, stderr: string) => void
    if ('fails' in answer) setImmediate(() => callback(new Error(answer.fails), '', answer.fails))
    else if ('stuck' in answer) setImmediate(() => callback(new Error(answer.stuck), '', ''))
    else if ('prints' in answer) setImmediate(() => callback(null, answer.prints, ''))
    else setImmediate(() => callback(null, JSON.stringify(answer.report(path)), ''))
    return {} as ChildProcess
  }) as typeof childProcess.execFile)
  vi.spyOn(childProcess, 'execFileSync').mockImplementation(() => {
    if ('fails' in answer) throw new Error(answer.fails)
    return Buffer.from('"test"')
  })
}

/** PowerShell's report of a file with a valid signature by `subject`. */
const signedBy = (subject: string) => (path: string) => ({
  Status: 0,
  Path: path,
  SignerCertificate: { Subject: subject },
})

describe("a Windows installer's signature", () => {
  it('is checked, and an installer signed by the publisher downloads', async () => {
    powerShell({ report: signedBy(`CN=${PUBLISHER}, O=${PUBLISHER}, C=GB`) })
    const { updater } = await installedWindowsCopy()
    await expect(updater.download(() => {})).resolves.toBeUndefined()
  })

  it('refuses an installer signed by another publisher', async () => {
    powerShell({ report: signedBy('CN=Someone Else, O=Someone Else, C=GB') })
    const { updater } = await installedWindowsCopy()
    await expect(updater.download(() => {})).rejects.toThrow(
      /^The downloaded installer is not signed by Standby's publisher, so it was refused and nothing was installed/,
    )
  })

  it('refuses an installer whose check PowerShell did not finish in time, saying so', async () => {
    // electron-updater ends the check after 20 seconds; PowerShell itself still runs.
    powerShell({ stuck: 'Command failed: powershell.exe -NoProfile -NonInteractive (killed after 20 s)' })
    const { updater } = await installedWindowsCopy()
    await expect(updater.download(() => {})).rejects.toThrow(
      /^Windows could not check who signed the downloaded installer, so it was refused and nothing was installed: Windows PowerShell, which checks it, did not run, or gave no answer Standby could use \(it may be blocked on this computer\) \(.*killed after 20 s/,
    )
  })

  it.each([
    ['nothing', { prints: '' }, /Unexpected end of JSON input/],
    [
      'text that is no report',
      { prints: 'Get-AuthenticodeSignature : Access is denied.' },
      /is not valid JSON/,
    ],
    [
      'a report of another file',
      { report: () => signedBy(`CN=${PUBLISHER}`)('C:\\Windows\\explorer.exe') },
      /LiteralPath of .*explorer\.exe is different/,
    ],
  ] as const)(
    'refuses an installer when PowerShell answers %s, saying it was not checked',
    async (_case, answer, why) => {
      powerShell(answer)
      const { updater } = await installedWindowsCopy()
      const refusal = updater.download(() => {})
      await expect(refusal).rejects.toThrow(
        /^Windows could not check who signed the downloaded installer, so it was refused and nothing was installed: Windows PowerShell, which checks it, did not run, or gave no answer Standby could use \(it may be blocked on this computer\)/,
      )
      await expect(refusal).rejects.toThrow(why)
    },
  )

  it.each([
    ['not signed at all', { Status: 2, SignerCertificate: null }],
    ["changed since it was signed (the publisher's signature no longer matches)", { Status: 1 }],
  ])('refuses an installer PowerShell reports %s', async (_case, report) => {
    powerShell({
      report: (path) => ({ ...signedBy(`CN=${PUBLISHER}, O=${PUBLISHER}, C=GB`)(path), ...report }),
    })
    const { updater } = await installedWindowsCopy()
    await expect(updater.download(() => {})).rejects.toThrow(
      /^The downloaded installer is not signed by Standby's publisher, so it was refused and nothing was installed/,
    )
  })

  it.each([
    ['PowerShell cannot run (blocked by the organisation, or missing)', '10.0.19045'],
    ['PowerShell cannot run on an older Windows', '6.1.7601'],
  ])('refuses an installer whose signature could not be checked: %s', async (_case, release) => {
    vi.mocked(os.release).mockReturnValue(release)
    powerShell({ fails: "'powershell.exe' is not recognized as an internal or external command" })
    const { updater, log } = await installedWindowsCopy()
    await expect(updater.download(() => {})).rejects.toThrow(
      /^Windows could not check who signed the downloaded installer, so it was refused and nothing was installed: Windows PowerShell, which checks it, did not run, or gave no answer Standby could use \(it may be blocked on this computer\) \(.*'powershell\.exe' is not recognized/,
    )
    expect(log.text()).toContain('Ignoring signature validation')
  })
})
