/**
 * electron-builder.yml against electron-builder's own configuration schema (shipped in
 * app-builder-lib), and the fields the release depends on: signed, notarized macOS builds with
 * their entitlements, a per-user Windows installer whose publisher the updater checks, AppImage
 * and deb with the standby:// scheme, and a feed URL that comes from the environment.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..', '..')
const require = createRequire(import.meta.url)
const { load } = require('js-yaml') as { load: (text: string) => unknown }

interface BuilderConfig {
  readonly protocols: ReadonlyArray<{ readonly schemes: ReadonlyArray<string> }>
  readonly generateUpdatesFilesForAllChannels: boolean
  readonly mac: Record<string, unknown> & { readonly target: ReadonlyArray<string> }
  readonly win: Record<string, unknown> & { readonly signtoolOptions: { readonly publisherName: unknown } }
  readonly nsis: Record<string, unknown>
  readonly linux: Record<string, unknown> & { readonly target: ReadonlyArray<string> }
  readonly publish: Record<string, unknown>
}

const text = readFileSync(join(root, 'electron-builder.yml'), 'utf8')
const config = load(text) as BuilderConfig

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's configuration schema", () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as Record<
      string,
      unknown
    >
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema)
    const valid = validate(config)
    expect(validate.errors ?? []).toEqual([])
    expect(valid).toBe(true)
  })

  it('builds a signed, notarized macOS app with only the entitlements it needs, and the zip the updater uses', () => {
    expect(config.mac.target).toEqual(['dmg', 'zip'])
    expect(config.mac).toMatchObject({ hardenedRuntime: true, notarize: true })
    const entitlements = readFileSync(join(root, String(config.mac['entitlements'])), 'utf8')
    const keys = [...entitlements.matchAll(/<key>([^<]+)<\/key>/g)].map((match) => match[1])
    expect(keys).toEqual(['com.apple.security.cs.allow-jit'])
    expect(config.mac['entitlementsInherit']).toBe(config.mac['entitlements'])
  })

  it('installs per user on Windows and names the publisher the updater checks', () => {
    expect(config.win['target']).toEqual(['nsis'])
    expect(config.nsis).toMatchObject({ perMachine: false })
    // Whole subjects: a common name alone is matched by any certificate issued in that name.
    const names = config.win.signtoolOptions.publisherName
    expect(Array.isArray(names) && names.length > 0).toBe(true)
    for (const name of names as unknown[])
      expect(name).toMatch(/^CN=[^,]+(, (O|C|L|S|ST|SERIALNUMBER)=[^,]+)*$/)
    for (const name of names as string[]) expect(name).toMatch(/, O=.*, C=/)
    expect(config.win['verifyUpdateCodeSignature']).toBe(true)
  })

  it('ships an AppImage and a deb that open standby:// links', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
    expect(config.protocols.flatMap((protocol) => protocol.schemes)).toEqual(['standby'])
    expect(config.linux['mimeTypes']).toEqual(['x-scheme-handler/standby'])
  })

  it('publishes to a generic feed named by the environment, with beta and stable metadata', () => {
    expect(config.publish).toEqual({ provider: 'generic', url: '${env.STANDBY_UPDATE_URL}' })
    expect(config.generateUpdatesFilesForAllChannels).toBe(true)
  })

  it('holds no secret: every credential is an environment variable of the release machine', () => {
    expect(text).not.toMatch(
      /password\s*:|cscLink\s*:|cscKeyPassword\s*:|certificatePassword|appleIdPassword|APPLE_APP_SPECIFIC_PASSWORD\s*:/i,
    )
  })
})
