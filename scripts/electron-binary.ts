/**
 * Where the Electron binary is, found without downloading it: `require('electron')` would fetch
 * one when it is missing, so this reads the same path.txt that the electron package writes after
 * its download, and checks that the file it names exists. `npm start`, `npm run dev` and the
 * Electron smoke test all ask here, so each says the same when there is none.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** The binary, or why there is none. */
export type ElectronBinary =
  { readonly found: true; readonly path: string } | { readonly found: false; readonly why: string }

/** This checkout's folder. */
const ROOT = join(import.meta.dirname, '..')

/** The Electron binary of `root`'s node_modules (or ELECTRON_OVERRIDE_DIST_PATH, as the electron package reads it). */
export function findElectronBinary(root: string = ROOT): ElectronBinary {
  const electron = join(root, 'node_modules', 'electron')
  const pathFile = join(electron, 'path.txt')
  if (!existsSync(pathFile)) {
    return {
      found: false,
      why: 'no Electron binary was downloaded (node_modules/electron/path.txt is missing); run `node node_modules/electron/install.js` to get one',
    }
  }
  const dist = process.env['ELECTRON_OVERRIDE_DIST_PATH'] ?? join(electron, 'dist')
  const path = join(dist, readFileSync(pathFile, 'utf8').trim())
  if (!existsSync(path))
    return { found: false, why: `the Electron binary ${path} named by path.txt does not exist` }
  return { found: true, path }
}

/** The binary, downloading it first when there is none (the electron package's own install step). */
export function fetchElectronBinary(say: (line: string) => void, root: string = ROOT): ElectronBinary {
  const found = findElectronBinary(root)
  if (found.found) return found
  say("Fetching Electron's binary (first launch)…")
  spawnSync(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], {
    stdio: 'ignore',
    timeout: 120_000,
  })
  return findElectronBinary(root)
}

/** What `npm run dev` says when it cannot launch Electron: why, and what runs without it. */
export function devWithoutElectron(why: string): string {
  return `npm run dev launches Electron, but ${why}. Offline, \`npm run shell\` runs the same core and UI in your browser.`
}
