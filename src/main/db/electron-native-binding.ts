/**
 * Which build of better-sqlite3's native addon to load. The addon is compiled against one ABI:
 * node_modules holds the build for Node (tests, benches, the browser shell), and Electron's main
 * process needs one for Electron's ABI. Unpackaged, Electron loads the build that
 * scripts/rebuild-sqlite-for-electron.ts makes into .cache/electron-sqlite/ (node_modules is left
 * alone); packaged, electron-builder has already rebuilt the app's node_modules for Electron.
 * See README.md in this folder.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/** Where the Electron builds live, relative to the project root (git-ignored). */
export const ELECTRON_SQLITE_DIR = join('.cache', 'electron-sqlite')

/** Everything that makes one build of the addon differ from another. */
export interface AddonTarget {
  readonly electronVersion: string
  /** better-sqlite3's version: its JavaScript and its addon must come from the same release. */
  readonly driverVersion: string
  readonly platform: string
  readonly arch: string
}

/** Where the Electron build for `target` lives in a checkout. */
export function electronAddonPath(projectRoot: string, target: AddonTarget): string {
  const folder = `electron-${target.electronVersion}-${target.platform}-${target.arch}-better-sqlite3-${target.driverVersion}`
  return join(projectRoot, ELECTRON_SQLITE_DIR, folder, 'better_sqlite3.node')
}

/** The facts about the running process that decide which build to load. */
export interface RuntimeFacts {
  /** process.versions.electron: undefined in plain Node. */
  readonly electronVersion: string | undefined
  /** Electron's app.isPackaged; false in plain Node. */
  readonly isPackaged: boolean
  /** The checkout's root (Electron's app.getAppPath() when unpackaged). */
  readonly projectRoot: string
  /** The installed better-sqlite3 version. */
  readonly driverVersion: string
  readonly platform: string
  readonly arch: string
}

/**
 * The `nativeBinding` to pass to better-sqlite3: the Electron build when running unpackaged in
 * Electron; undefined (node_modules' own build) in plain Node and in a packaged app.
 */
export function chooseNativeBinding(facts: RuntimeFacts): string | undefined {
  if (facts.electronVersion === undefined || facts.isPackaged) return undefined
  return electronAddonPath(facts.projectRoot, { ...facts, electronVersion: facts.electronVersion })
}

/** What the rebuild script will do. */
export type ElectronAddonPlan =
  | { readonly action: 'skip'; readonly addonPath: string; readonly reason: string }
  | { readonly action: 'build'; readonly addonPath: string; readonly stagingDir: string }

/**
 * The rebuild script's decision, without touching the disk: build unless the addon for exactly
 * this target already exists (or `force`). The staging copy of better-sqlite3 sits beside the
 * addon, so node_modules' Node build is never rebuilt in place.
 */
export function planElectronAddon(
  projectRoot: string,
  target: AddonTarget,
  options: { readonly force: boolean; readonly exists: (path: string) => boolean },
): ElectronAddonPlan {
  const addonPath = electronAddonPath(projectRoot, target)
  if (!options.force && options.exists(addonPath)) {
    return { action: 'skip', addonPath, reason: `already built for Electron ${target.electronVersion}` }
  }
  return { action: 'build', addonPath, stagingDir: join(addonPath, '..', 'staging') }
}

/** The version in node_modules/<name>/package.json under `projectRoot`. */
export function installedVersion(projectRoot: string, name: string): string {
  const manifest = JSON.parse(
    readFileSync(join(projectRoot, 'node_modules', name, 'package.json'), 'utf8'),
  ) as { version?: unknown }
  if (typeof manifest.version !== 'string') throw new Error(`${name} in ${projectRoot} has no version`)
  return manifest.version
}

/**
 * chooseNativeBinding for this process: the composition root calls it with Electron's
 * `app.isPackaged` and `app.getAppPath()` (plain Node passes false and the project root).
 */
export function nativeBindingForThisProcess(isPackaged: boolean, projectRoot: string): string | undefined {
  const electronVersion = process.versions.electron
  if (electronVersion === undefined || isPackaged) return undefined
  return chooseNativeBinding({
    electronVersion,
    isPackaged,
    projectRoot,
    driverVersion: installedVersion(projectRoot, 'better-sqlite3'),
    platform: process.platform,
    arch: process.arch,
  })
}
