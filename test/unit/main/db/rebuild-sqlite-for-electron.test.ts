// The rebuild script's logic without a real build (which needs Electron's headers from the
// internet): a fake project with a fake better-sqlite3, and a fake builder.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import {
  addonAbi,
  ensureElectronSqlite,
  type AddonBuilder,
} from '../../../../scripts/rebuild-sqlite-for-electron'
import { electronAddonPath } from '../../../../src/main/db/electron-native-binding'
import { useTempDirs } from './cache-test-kit'

const tempDir = useTempDirs()

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, text)
}

/** A project with electron 45.5.0 and a better-sqlite3 12.11.1 whose Node build says "node". */
function fakeProject(): { root: string; nodeBuild: string; addon: string } {
  const root = tempDir()
  write(join(root, 'node_modules', 'electron', 'package.json'), '{"version":"45.5.0"}')
  const driver = join(root, 'node_modules', 'better-sqlite3')
  write(join(driver, 'package.json'), '{"name":"better-sqlite3","version":"12.11.1"}')
  write(join(driver, 'binding.gyp'), '{}')
  write(join(driver, 'src', 'better_sqlite3.cpp'), '// source')
  write(join(driver, 'deps', 'sqlite3', 'sqlite3.c'), '// sqlite')
  const nodeBuild = join(driver, 'build', 'Release', 'better_sqlite3.node')
  write(nodeBuild, 'node')
  const target = {
    electronVersion: '45.5.0',
    driverVersion: '12.11.1',
    platform: process.platform,
    arch: process.arch,
  }
  return { root, nodeBuild, addon: electronAddonPath(root, target) }
}

/** A builder that checks what it was given and writes an "electron" addon into the staging copy. */
const fakeBuilder = (): AddonBuilder & ReturnType<typeof vi.fn> =>
  vi.fn(async (stagingDir: string) => {
    const copy = join(stagingDir, 'node_modules', 'better-sqlite3')
    expect(readdirSync(copy).sort()).toEqual(['binding.gyp', 'deps', 'package.json', 'src'])
    expect(JSON.parse(readFileSync(join(stagingDir, 'package.json'), 'utf8'))).toMatchObject({
      dependencies: { 'better-sqlite3': '12.11.1' },
    })
    write(join(copy, 'build', 'Release', 'better_sqlite3.node'), ELECTRON_ADDON)
  }) as never

/** What a real addon holds where the loader looks for it, for Electron 45's ABI and for this Node's. */
const ELECTRON_ADDON = '\0ELF…node_register_module_v140\0…'
const NODE_ADDON = `\0ELF…node_register_module_v${process.versions.modules}\0…`

describe('rebuild-sqlite-for-electron', () => {
  it('builds from a staging copy into its own folder and leaves the Node build alone', async () => {
    const { root, nodeBuild, addon } = fakeProject()
    const build = fakeBuilder()
    const plan = await ensureElectronSqlite({
      projectRoot: root,
      force: false,
      dryRun: false,
      build,
      log: () => {},
    })
    expect(plan).toMatchObject({ action: 'build', addonPath: addon })
    expect(build).toHaveBeenCalledTimes(1)
    expect(readFileSync(addon, 'utf8')).toBe(ELECTRON_ADDON)
    expect(readFileSync(nodeBuild, 'utf8')).toBe('node')
    expect(readdirSync(dirname(addon))).toEqual(['better_sqlite3.node'])
  })

  it('skips when the addon is already there, and builds again when forced', async () => {
    const { root } = fakeProject()
    const build = fakeBuilder()
    const lines: string[] = []
    const run = (force: boolean) =>
      ensureElectronSqlite({ projectRoot: root, force, dryRun: false, build, log: (l) => lines.push(l) })
    await run(false)
    expect((await run(false)).action).toBe('skip')
    expect(build).toHaveBeenCalledTimes(1)
    expect(lines.at(-1)).toMatch(/already built for Electron 45\.5\.0/)
    await run(true)
    expect(build).toHaveBeenCalledTimes(2)
  })

  it('only says what it would do on a dry run', async () => {
    const { root, addon } = fakeProject()
    const build = fakeBuilder()
    const lines: string[] = []
    const plan = await ensureElectronSqlite({
      projectRoot: root,
      force: false,
      dryRun: true,
      build,
      log: (l) => lines.push(l),
    })
    expect(plan.action).toBe('build')
    expect(build).not.toHaveBeenCalled()
    expect(existsSync(dirname(addon))).toBe(false)
    expect(lines).toEqual([expect.stringMatching(/would build .*better_sqlite3\.node/)])
  })

  it("refuses a build that came out for Node's ABI instead of Electron's", async () => {
    const { root, addon } = fakeProject()
    const build = vi.fn(async (stagingDir: string) =>
      write(
        join(stagingDir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
        NODE_ADDON,
      ),
    )
    await expect(
      ensureElectronSqlite({ projectRoot: root, force: false, dryRun: false, build, log: () => {} }),
    ).rejects.toThrow(/for Node's ABI .*nodedir/)
    expect(existsSync(addon)).toBe(false)
  })

  it('reads the ABI an addon was built for', () => {
    expect(addonAbi(Buffer.from(ELECTRON_ADDON))).toBe(140)
    expect(addonAbi(Buffer.from('no symbol here'))).toBeNull()
    const nodeBuild = join(
      dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')),
      'build',
      'Release',
      'better_sqlite3.node',
    )
    expect(addonAbi(readFileSync(nodeBuild))).toBe(Number(process.versions.modules))
  })

  it('leaves neither an addon nor a staging folder behind when the build fails', async () => {
    const { root, addon } = fakeProject()
    const build = vi.fn(async () => {
      throw new Error('no headers offline')
    })
    await expect(
      ensureElectronSqlite({ projectRoot: root, force: false, dryRun: false, build, log: () => {} }),
    ).rejects.toThrow('no headers offline')
    expect(existsSync(addon)).toBe(false)
    expect(existsSync(join(dirname(addon), 'staging'))).toBe(false)
  })
})
