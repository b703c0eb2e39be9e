/**
 * The check `npm run dist` ends with on Windows: a signed installer whose certificate subject
 * electron-builder.yml's publisherName does not match fails the build, by electron-updater's own
 * rule, so a guessed subject cannot ship an app that refuses every later update.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  configuredPublishers,
  installerFaults,
  publisherFault,
  signingAsked,
} from '../../../scripts/win-publisher-check'

const root = join(import.meta.dirname, '..', '..', '..')
const configured = configuredPublishers(readFileSync(join(root, 'electron-builder.yml'), 'utf8'))
const installer = 'dist\\Standby-Setup-1.3.0.exe'

describe("the Windows build's publisher check", () => {
  it('runs after electron-builder in npm run dist', () => {
    const scripts = (
      JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>
      }
    ).scripts
    expect(scripts['dist']).toMatch(/electron-builder && tsx scripts\/win-publisher-check\.ts$/)
  })

  it('reads the publisher names electron-builder.yml gives', () => {
    expect(configured.length).toBeGreaterThan(0)
    expect(configured.every((name) => name.startsWith('CN='))).toBe(true)
  })

  it('fails a build signed by a certificate whose organisation is spelt otherwise than configured', () => {
    const cn = /CN=([^,]+)/.exec(configured[0]!)![1]!
    const subject = `CN=${cn}, O=${cn} Incorporated, L=London, C=GB`
    const faults = installerFaults([installer], configured, () => ({ status: 'Valid', subject }), true)
    expect(faults).toHaveLength(1)
    expect(faults[0]).toContain(`its certificate's subject "${subject}" has not every attribute`)
    expect(faults[0]).toContain('installed copies would refuse every update')
  })

  it('passes a subject with every configured attribute and more', () => {
    const subject = `${configured[0]!}, L=London, SERIALNUMBER=01234567`
    expect(installerFaults([installer], configured, () => ({ status: 'Valid', subject }), true)).toEqual([])
  })

  it('follows electron-updater: a bare name is the common name, quoted values are read as such', () => {
    expect(publisherFault('CN=Standby, O=Standby Ltd, C=GB', ['Standby'])).toBeNull()
    expect(publisherFault('CN="Standby, Ltd", O=Standby Ltd, C=GB', ['CN="Standby, Ltd", C=GB'])).toBeNull()
    expect(publisherFault('CN=Standby, O=Other, C=GB', ['CN=Standby, O=Standby Ltd'])).not.toBeNull()
  })

  it('fails an unsigned installer when signing was asked for, and lets a local unsigned build pass', () => {
    const unsigned = () => ({ status: 'NotSigned', subject: '' })
    expect(installerFaults([installer], configured, unsigned, true)[0]).toContain('not valid (NotSigned)')
    expect(installerFaults([installer], configured, unsigned, false)).toEqual([])
    expect(signingAsked({ WIN_CSC_LINK: 'C:\\cert.pfx' })).toBe(true)
    expect(signingAsked({ AZURE_CLIENT_ID: 'id' })).toBe(true)
    expect(signingAsked({ WIN_CSC_LINK: '' })).toBe(false)
  })
})
