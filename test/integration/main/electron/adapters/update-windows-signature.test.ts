/**
 * Windows: electron-updater's own NsisUpdater downloads an installer from a loopback release server
 * and Standby asks PowerShell, played here (test/support/windows-release.ts), who signed it.
 */
import { dirname, join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import {
  powerShell,
  PUBLISHER,
  signedBy,
  signedByPublisher,
  useWindowsReleases,
} from '../../../../support/windows-release'

const { installedWindowsCopy } = useWindowsReleases()

describe("a Windows installer's signature", () => {
  it('is checked, and an installer signed by the publisher downloads', async () => {
    powerShell({ report: signedByPublisher })
    const { updater } = await installedWindowsCopy()
    await expect(updater.download(() => {})).resolves.toBeUndefined()
  })

  it.each([
    ['a typographic quote, as in a name like O\u2019Brien', 'Standby\u2019; Start-Process calc; \u2019.exe'],
    ['a typewriter quote, a dollar and a backtick', "Standby'; Start-Process $calc `; '.exe"],
  ])(
    'checks an installer whose name (the feed names it) holds %s as that very file, and runs nothing of its name',
    async (_case, name) => {
      const { asked, ran } = powerShell({ report: signedByPublisher })
      const { updater, installer } = await installedWindowsCopy(name)
      await expect(updater.download(() => {})).resolves.toBeUndefined()
      expect(asked).toEqual([join(dirname(installer), `temp-${name}`)])
      expect(ran).toEqual([])
    },
  )

  it("starts Windows' own PowerShell, not a powershell.exe in the current folder or along PATH", async () => {
    vi.stubEnv('SystemRoot', 'D:\\Windows')
    const { programs } = powerShell({ report: signedByPublisher })
    const { updater } = await installedWindowsCopy()
    await updater.download(() => {})
    // Asked who signed the installer, then which version it carries.
    expect(programs).toEqual(Array(2).fill('D:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe'))
  })

  it("reads a report that starts with UTF-8's byte order mark, which a console told to write UTF-8 may put first", async () => {
    powerShell({ report: signedByPublisher, preamble: '\uFEFF' })
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
      /PowerShell reported on .*explorer\.exe, not on .*Standby-Setup-1\.3\.0\.exe/,
    ],
    [
      'a report that names no file',
      { report: (path: string) => ({ ...signedBy(`CN=${PUBLISHER}`)(path), Path: undefined }) },
      /PowerShell reported on undefined/,
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
    [
      "a name that reads as the publisher's only with a backslash, which Windows writes as it is",
      `CN=\\${PUBLISHER}, O=Elsewhere Ltd, C=GB`,
    ],
    ["a name that reads as the publisher's only ending in a backslash", `O=Elsewhere Ltd, CN=${PUBLISHER}\\`],
    [
      "a certificate with the publisher's common name issued in another country",
      `CN=${PUBLISHER}, O=${PUBLISHER}, C=US`,
    ],
    [
      "a certificate with the publisher's common name issued by another organisation",
      `CN=${PUBLISHER}, O=Someone Else, C=GB`,
    ],
  ])('refuses an installer signed by %s', async (_case, subject) => {
    powerShell({ report: signedBy(subject) })
    const { updater } = await installedWindowsCopy()
    await expect(updater.download(() => {})).rejects.toThrow(
      /^The downloaded installer is not signed by Standby's publisher, so it was refused and nothing was installed/,
    )
  })

  it.each([
    ['not signed at all', { Status: 2, SignerCertificate: null }],
    ["changed since it was signed (the publisher's signature no longer matches)", { Status: 1 }],
  ])('refuses an installer PowerShell reports %s', async (_case, report) => {
    powerShell({
      report: (path) => ({ ...signedByPublisher(path), ...report }),
    })
    const { updater } = await installedWindowsCopy()
    await expect(updater.download(() => {})).rejects.toThrow(
      /^The downloaded installer is not signed by Standby's publisher, so it was refused and nothing was installed/,
    )
  })

  it('refuses an installer whose signature could not be checked: PowerShell cannot run (blocked by the organisation, or missing)', async () => {
    powerShell({ fails: "'powershell.exe' is not recognized as an internal or external command" })
    const { updater } = await installedWindowsCopy()
    await expect(updater.download(() => {})).rejects.toThrow(
      /^Windows could not check who signed the downloaded installer, so it was refused and nothing was installed: Windows PowerShell, which checks it, did not run, or gave no answer Standby could use \(it may be blocked on this computer\) \(.*'powershell\.exe' is not recognized/,
    )
  })

  it.each([
    ['that fails', { fails: 'Get-AuthenticodeSignature : blocked by group policy' }],
    ['that answers', { report: signedByPublisher }],
  ] as const)(
    'goes on serving while a slow PowerShell %s: a reminder due meanwhile fires before the check ends',
    async (_case, answer) => {
      // electron-updater asked a failing PowerShell again, holding the main process (execFileSync).
      const { remindersOnTime } = powerShell(answer)
      const { updater } = await installedWindowsCopy()
      await updater.download(() => {}).catch(() => undefined)
      expect(remindersOnTime).toEqual([true])
    },
  )
})
