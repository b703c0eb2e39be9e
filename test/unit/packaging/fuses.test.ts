import { writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTempDirs } from '../../support/temp-dir'

const root = join(import.meta.dirname, '..', '..', '..')
const require = createRequire(join(root, 'package.json'))

/** electron-builder's own reading and schema check of electron-builder.yml, as `npm run dist` does. */
interface BuilderConfig {
  readonly electronFuses?: Readonly<Record<string, unknown>> | null
  readonly asar?: unknown
}
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<BuilderConfig>
  validateConfiguration(config: BuilderConfig, debugLogger: unknown): Promise<void>
}
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown }
/** electron-builder's step that turns `electronFuses` into the wire it writes into the binary. */
const { PlatformPackager } = require('app-builder-lib') as {
  PlatformPackager: { prototype: { generateFuseConfig(fuses: unknown): Promise<Record<string, unknown>> } }
}
/** The fuse library electron-builder flips the binary with, and reads it back with. */
const fuses = require('@electron/fuses') as {
  FuseV1Options: Record<string, number | string>
  flipFuses(path: string, config: Record<string, unknown>): Promise<number>
  getCurrentFuseWire(path: string): Promise<Record<number, number>>
}
/** Where the wire starts in the binary, and what each byte of it says. */
const { SENTINEL, FuseState } = require('@electron/fuses/dist/constants') as {
  SENTINEL: string
  FuseState: Record<number, string>
}
const tempDir = useTempDirs()

/**
 * A stand-in for the Electron binary: the fuse wire as Electron ships it (its version, its length,
 * then one byte per fuse at Electron's defaults: run as node, NODE_OPTIONS, --inspect and file://
 * privileges on; the rest off).
 */
function electronBinary(): string {
  const defaults = '10110001'
  const wire = Buffer.concat([
    Buffer.from('ELF…code before the wire…'),
    Buffer.from(SENTINEL),
    Buffer.from([1, defaults.length]),
    Buffer.from(defaults),
    Buffer.from('…code after the wire'),
  ])
  const path = join(tempDir(), 'standby')
  writeFileSync(path, wire)
  return path
}

describe("the packaged app's Electron fuses", () => {
  it('are set in electron-builder.yml under names electron-builder accepts', async () => {
    const config = await getConfig(root, null, null)
    // The schema refuses a misspelt fuse, which would otherwise be left at Electron's default.
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    })
  })

  it('keep the app in an asar archive, which the integrity and asar-only fuses need', async () => {
    const config = await getConfig(root, null, null)
    expect(config.asar ?? true).not.toBe(false)
  })

  it('are written into the binary by electron-builder as set, every security fuse included', async () => {
    const config = await getConfig(root, null, null)
    const binary = electronBinary()
    await fuses.flipFuses(binary, await PlatformPackager.prototype.generateFuseConfig(config.electronFuses))
    const wire = await fuses.getCurrentFuseWire(binary)
    const read = (name: string): string => String(FuseState[wire[fuses.FuseV1Options[name] as number]!])
    expect({
      RunAsNode: read('RunAsNode'),
      EnableCookieEncryption: read('EnableCookieEncryption'),
      EnableNodeOptionsEnvironmentVariable: read('EnableNodeOptionsEnvironmentVariable'),
      EnableNodeCliInspectArguments: read('EnableNodeCliInspectArguments'),
      EnableEmbeddedAsarIntegrityValidation: read('EnableEmbeddedAsarIntegrityValidation'),
      OnlyLoadAppFromAsar: read('OnlyLoadAppFromAsar'),
      GrantFileProtocolExtraPrivileges: read('GrantFileProtocolExtraPrivileges'),
    }).toEqual({
      RunAsNode: 'DISABLE',
      EnableCookieEncryption: 'ENABLE',
      EnableNodeOptionsEnvironmentVariable: 'DISABLE',
      EnableNodeCliInspectArguments: 'DISABLE',
      EnableEmbeddedAsarIntegrityValidation: 'ENABLE',
      OnlyLoadAppFromAsar: 'ENABLE',
      GrantFileProtocolExtraPrivileges: 'DISABLE',
    })
  })
})
