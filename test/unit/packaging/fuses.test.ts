import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

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
})
