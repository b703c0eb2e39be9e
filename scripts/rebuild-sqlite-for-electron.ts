// Builds better-sqlite3's native addon for the installed Electron into
// .cache/electron-sqlite/<target>/better_sqlite3.node, which an unpackaged Electron loads through
// better-sqlite3's `nativeBinding` option (src/main/db/electron-native-binding.ts). node_modules
// keeps its Node build for the tests, the benches and the browser shell: the build runs on a
// staging copy of the package, never in place. Skips when the addon for this exact target exists.
//
//   npx tsx scripts/rebuild-sqlite-for-electron.ts [--force] [--dry-run] [--optional]
//
// --optional: on failure, print one line and exit 0 (for `predev`; `npm start` calls
// ensureElectronSqlite itself and falls back to the browser shell, see start-host.ts). The build needs Electron's headers from electronjs.org, or a prebuilt
// addon from GitHub, so it cannot run on a machine without internet access such as this
// project's CI; what can run without building (the plan, the staging copy) is unit-tested.
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import {
  installedVersion,
  planElectronAddon,
  type AddonTarget,
  type ElectronAddonPlan,
} from '../src/main/db/electron-native-binding'

/** Builds the addon inside a staging folder whose node_modules holds a copy of better-sqlite3. */
export type AddonBuilder = (stagingDir: string, target: AddonTarget) => Promise<void>

/** What to build and how. */
export interface EnsureOptions {
  readonly projectRoot: string
  readonly force: boolean
  readonly dryRun: boolean
  /** Defaults to @electron/rebuild; tests pass a fake. */
  readonly build?: AddonBuilder
  readonly log?: (line: string) => void
}

/** The target for the Electron and better-sqlite3 installed in `projectRoot`, on this machine. */
export function installedTarget(projectRoot: string): AddonTarget {
  return {
    electronVersion: installedVersion(projectRoot, 'electron'),
    driverVersion: installedVersion(projectRoot, 'better-sqlite3'),
    platform: process.platform,
    arch: process.arch,
  }
}

/** Build the Electron addon unless it is already there; returns the plan that was followed. */
export async function ensureElectronSqlite(options: EnsureOptions): Promise<ElectronAddonPlan> {
  const log = options.log ?? ((line: string) => console.log(line))
  const target = installedTarget(options.projectRoot)
  const plan = planElectronAddon(options.projectRoot, target, { force: options.force, exists: existsSync })
  const shown = relative(options.projectRoot, plan.addonPath)
  if (plan.action === 'skip') {
    log(`better-sqlite3 for Electron: ${plan.reason} (${shown})`)
    return plan
  }
  if (options.dryRun) {
    log(`better-sqlite3 for Electron: would build ${shown}`)
    return plan
  }
  log(`better-sqlite3 for Electron ${target.electronVersion}: building ${shown}`)
  stageDriver(options.projectRoot, plan.stagingDir, target)
  try {
    await (options.build ?? buildWithElectronRebuild)(plan.stagingDir, target)
    const built = join(
      plan.stagingDir,
      'node_modules',
      'better-sqlite3',
      'build',
      'Release',
      'better_sqlite3.node',
    )
    if (!existsSync(built)) throw new Error(`the build finished without producing ${built}`)
    const abi = addonAbi(readFileSync(built))
    if (abi === null || abi === Number(process.versions.modules)) {
      throw new Error(
        `the build is for Node's ABI (${abi ?? 'unknown'}), not Electron's: node-gyp used Node's headers ` +
          "(check that npm's `nodedir` is not set for this build)",
      )
    }
    // Copy then rename, so a build interrupted half-way never leaves a file that looks finished.
    const partial = `${plan.addonPath}.partial`
    cpSync(built, partial)
    renameSync(partial, plan.addonPath)
  } finally {
    rmSync(plan.stagingDir, { recursive: true, force: true })
  }
  log(`better-sqlite3 for Electron: built ${shown}`)
  return plan
}

/**
 * The NODE_MODULE_VERSION an addon was compiled for, from the registration symbol Node and
 * Electron look up when they load it (node_register_module_v<N>); null if there is none.
 */
export function addonAbi(addon: Buffer): number | null {
  const match = /node_register_module_v(\d+)/.exec(addon.toString('latin1'))
  return match === null ? null : Number(match[1])
}

/** A copy of node_modules/better-sqlite3 without its Node build, in a package of its own. */
export function stageDriver(projectRoot: string, stagingDir: string, target: AddonTarget): void {
  const source = join(projectRoot, 'node_modules', 'better-sqlite3')
  const copy = join(stagingDir, 'node_modules', 'better-sqlite3')
  rmSync(stagingDir, { recursive: true, force: true })
  mkdirSync(dirname(copy), { recursive: true })
  const skipped = ['build', 'bin', 'prebuilds'].map((name) => join(source, name))
  cpSync(source, copy, {
    recursive: true,
    filter: (path) => !skipped.some((s) => path === s || path.startsWith(s + sep)),
  })
  writeFileSync(
    join(stagingDir, 'package.json'),
    JSON.stringify({
      name: 'standby-electron-sqlite-staging',
      private: true,
      dependencies: { 'better-sqlite3': target.driverVersion },
    }),
  )
}

/** The real build: @electron/rebuild on the staging folder only. */
async function buildWithElectronRebuild(stagingDir: string, target: AddonTarget): Promise<void> {
  // npm hands its config to scripts as npm_config_* variables. A `nodedir` among them (set on
  // machines that build addons offline) makes node-gyp compile against that Node's headers
  // whatever --target says, which would quietly produce a Node build; node-gyp must fetch
  // Electron's headers instead.
  for (const key of Object.keys(process.env)) {
    if (key.toLowerCase() === 'npm_config_nodedir') delete process.env[key]
  }
  const { rebuild } = await import('@electron/rebuild')
  await rebuild({
    buildPath: stagingDir,
    // Stops the search for node_modules at the staging folder, so the project's own
    // node_modules/better-sqlite3 (the Node build) is never found and never rebuilt.
    projectRootPath: stagingDir,
    electronVersion: target.electronVersion,
    platform: target.platform as NodeJS.Platform,
    arch: target.arch,
    onlyModules: ['better-sqlite3'],
    force: true,
    mode: 'sequential',
    disablePreGypCopy: true,
  })
}

async function main(argv: ReadonlyArray<string>): Promise<void> {
  const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')
  const optional = argv.includes('--optional')
  try {
    await ensureElectronSqlite({
      projectRoot,
      force: argv.includes('--force'),
      dryRun: argv.includes('--dry-run'),
    })
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
    console.error(
      `Could not build better-sqlite3 for Electron (${reason}). It needs Electron's headers or a ` +
        'prebuilt addon from the internet, and a C++ toolchain; Electron cannot open the cache until then.',
    )
    if (!optional) process.exitCode = 1
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(process.argv.slice(2))
}
