/**
 * Where the Electron binary is, found without downloading it: `require('electron')` would fetch
 * one when it is missing, so this reads the same path.txt that the electron package writes after
 * its download, and checks that the file it names exists.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** The binary, or why there is none. */
export type ElectronBinary =
  { readonly found: true; readonly path: string } | { readonly found: false; readonly why: string }

const PACKAGE = join(import.meta.dirname, '../../../node_modules/electron')

/** The Electron binary of node_modules (or ELECTRON_OVERRIDE_DIST_PATH, as the electron package reads it). */
export function findElectronBinary(): ElectronBinary {
  const pathFile = join(PACKAGE, 'path.txt')
  if (!existsSync(pathFile)) {
    return {
      found: false,
      why: 'no Electron binary was downloaded (node_modules/electron/path.txt is missing); run `node node_modules/electron/install.js` to get one',
    }
  }
  const dist = process.env['ELECTRON_OVERRIDE_DIST_PATH'] ?? join(PACKAGE, 'dist')
  const path = join(dist, readFileSync(pathFile, 'utf8').trim())
  if (!existsSync(path))
    return { found: false, why: `the Electron binary ${path} named by path.txt does not exist` }
  return { found: true, path }
}
