import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  chooseNativeBinding,
  electronAddonPath,
  installedVersion,
  nativeBindingForThisProcess,
  planElectronAddon,
  type RuntimeFacts,
} from '../../../../src/main/db/electron-native-binding'

const target = { electronVersion: '45.5.0', driverVersion: '12.11.1', platform: 'darwin', arch: 'arm64' }
const addon = join(
  '/repo',
  '.cache',
  'electron-sqlite',
  'electron-45.5.0-darwin-arm64-better-sqlite3-12.11.1',
  'better_sqlite3.node',
)
const facts = (overrides: Partial<RuntimeFacts>): RuntimeFacts => ({
  electronVersion: '45.5.0',
  isPackaged: false,
  projectRoot: '/repo',
  driverVersion: '12.11.1',
  platform: 'darwin',
  arch: 'arm64',
  ...overrides,
})

describe('choosing the native binding', () => {
  it('is the checkout’s Electron build when running unpackaged in Electron', () => {
    expect(chooseNativeBinding(facts({}))).toBe(addon)
  })

  it('is node_modules’ own build in plain Node and in a packaged app', () => {
    expect(chooseNativeBinding(facts({ electronVersion: undefined }))).toBeUndefined()
    expect(chooseNativeBinding(facts({ isPackaged: true }))).toBeUndefined()
  })

  it('names a different file for every Electron, driver, platform and architecture', () => {
    const variants = [
      target,
      { ...target, electronVersion: '46.0.0' },
      { ...target, driverVersion: '12.12.0' },
      { ...target, platform: 'linux' },
      { ...target, arch: 'x64' },
    ]
    expect(new Set(variants.map((t) => electronAddonPath('/repo', t))).size).toBe(variants.length)
  })

  it('is undefined for this test process, which is plain Node', () => {
    expect(nativeBindingForThisProcess(false, process.cwd())).toBeUndefined()
  })

  it('reads installed versions from node_modules', () => {
    expect(installedVersion(process.cwd(), 'better-sqlite3')).toMatch(/^12\./)
    expect(installedVersion(process.cwd(), 'electron')).toMatch(/^\d+\.\d+\.\d+/)
  })
})

describe('planning the Electron build', () => {
  it('skips when the addon for exactly this target exists', () => {
    const plan = planElectronAddon('/repo', target, { force: false, exists: (p) => p === addon })
    expect(plan).toEqual({ action: 'skip', addonPath: addon, reason: 'already built for Electron 45.5.0' })
  })

  it('builds in a staging folder beside the addon when it is missing, or when forced', () => {
    const staging = join(addon, '..', 'staging')
    expect(planElectronAddon('/repo', target, { force: false, exists: () => false })).toEqual({
      action: 'build',
      addonPath: addon,
      stagingDir: staging,
    })
    expect(planElectronAddon('/repo', target, { force: true, exists: () => true })).toMatchObject({
      action: 'build',
    })
  })

  it('builds again after an Electron upgrade', () => {
    const upgraded = { ...target, electronVersion: '46.0.0' }
    expect(planElectronAddon('/repo', upgraded, { force: false, exists: (p) => p === addon })).toMatchObject({
      action: 'build',
    })
  })
})
