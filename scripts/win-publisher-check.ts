/**
 * After `npm run dist` on Windows: the signed installer's certificate subject must satisfy
 * electron-builder.yml's `win.signtoolOptions.publisherName`, by the rule electron-updater applies
 * to every later update (each attribute of one listed name equal in the subject). electron-builder
 * writes that list into the app without comparing it with the certificate, so a subject guessed
 * wrong (an organisation spelt otherwise, a missing locality) ships an app that refuses every
 * update after it. The build fails here instead, saying the subject to write.
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { parseDn } from 'builder-util-runtime'

// electron-builder's own YAML reader; it ships no types of its own.
const { load } = createRequire(import.meta.url)('js-yaml') as { load: (text: string) => unknown }

/** What PowerShell says of an installer's Authenticode signature. */
export interface SignatureReport {
  /** Get-AuthenticodeSignature's status (`Valid`, `NotSigned`, …). */
  readonly status: string
  /** The signer certificate's subject; empty when unsigned. */
  readonly subject: string
}

/** Why an installer's signer is not one `publisherNames` accepts, or null when one is. */
export function publisherFault(subject: string, publisherNames: ReadonlyArray<string>): string | null {
  const signer = parseDn(subject)
  const accepted = publisherNames.some((name) => {
    const wanted = parseDn(name)
    if (wanted.size === 0) return name === signer.get('CN')
    return [...wanted.keys()].every((key) => wanted.get(key) === signer.get(key))
  })
  if (accepted) return null
  return `its certificate's subject "${subject}" has not every attribute of any publisherName in electron-builder.yml (${publisherNames.join(' | ')}); installed copies would refuse every update signed with it. Put the subject's attributes there (docs/releasing.md, "Signing, per OS")`
}

/** The publisherName list electron-builder.yml gives. */
export function configuredPublishers(yaml: string): string[] {
  const config = load(yaml) as { win?: { signtoolOptions?: { publisherName?: unknown } } } | null
  const names = config?.win?.signtoolOptions?.publisherName
  const list = Array.isArray(names) ? names : names === undefined ? [] : [names]
  return list.filter((name): name is string => typeof name === 'string')
}

/** Whether the release machine's environment asks electron-builder to sign Windows builds. */
export function signingAsked(env: NodeJS.ProcessEnv): boolean {
  return ['WIN_CSC_LINK', 'CSC_LINK', 'AZURE_CLIENT_ID'].some((name) => (env[name] ?? '') !== '')
}

/**
 * The faults of the installers in `dist`: each must be signed by a certificate `publisherNames`
 * accepts; an unsigned one is a fault only when signing was asked for (a local test build is not).
 */
export function installerFaults(
  installers: ReadonlyArray<string>,
  publisherNames: ReadonlyArray<string>,
  report: (installer: string) => SignatureReport,
  signing: boolean,
): string[] {
  const faults: string[] = []
  for (const installer of installers) {
    const { status, subject } = report(installer)
    if (status !== 'Valid') {
      if (signing || subject !== '')
        faults.push(
          `${installer}: its signature is not valid (${status}), so no installed copy would install it`,
        )
      continue
    }
    const fault = publisherFault(subject, publisherNames)
    if (fault !== null) faults.push(`${installer}: ${fault}`)
  }
  return faults
}

/** Get-AuthenticodeSignature of `installer`, its path handed over as a variable, not as command text. */
function authenticode(installer: string): SignatureReport {
  const out = execFileSync(
    'powershell.exe',
    [
      '-NoProfile',
      '-NonInteractive',
      '-Command',
      '$s = Get-AuthenticodeSignature -LiteralPath $env:STANDBY_INSTALLER; "$($s.Status)"; "$($s.SignerCertificate.Subject)"',
    ],
    { env: { ...process.env, STANDBY_INSTALLER: installer }, encoding: 'utf8', windowsHide: true },
  )
  const [status = '', subject = ''] = out.split(/\r?\n/)
  return { status: status.trim(), subject: subject.trim() }
}

function main(): void {
  if (process.platform !== 'win32') return
  const root = join(import.meta.dirname, '..')
  const dist = join(root, 'dist')
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
  // This build's installers only: dist may still hold an earlier build's.
  const installers = readdirSync(dist)
    .filter((name) => /\.exe$/i.test(name) && name.includes(version) && !/^__uninstaller/i.test(name))
    .map((name) => join(dist, name))
  const names = configuredPublishers(readFileSync(join(root, 'electron-builder.yml'), 'utf8'))
  const faults = installerFaults(installers, names, authenticode, signingAsked(process.env))
  if (faults.length === 0) return
  console.error(`The Windows build must not be published:\n${faults.join('\n')}`)
  process.exitCode = 1
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) main()
