import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { devWithoutElectron, fetchElectronBinary, findElectronBinary } from '../../../scripts/electron-binary'
import { useTempDirs } from '../../support/temp-dir'

const tempDir = useTempDirs()

/** A checkout whose electron package has `install` as its install.js. */
function checkout(install: string): string {
  const root = tempDir()
  mkdirSync(join(root, 'node_modules', 'electron', 'dist'), { recursive: true })
  writeFileSync(join(root, 'node_modules', 'electron', 'install.js'), install)
  return root
}

/** An install.js that downloads nothing, as on a machine without internet. */
const OFFLINE = 'process.exit(1)\n'
/** An install.js that "downloads" the binary the way the electron package lays it out. */
const ONLINE = `const { writeFileSync } = require('node:fs')
const { join } = require('node:path')
writeFileSync(join(__dirname, 'dist', 'electron'), '')
writeFileSync(join(__dirname, 'path.txt'), 'electron')
`

describe("Electron's binary for npm start and npm run dev", () => {
  it('says why there is none and what runs instead, once the download failed', () => {
    const root = checkout(OFFLINE)
    const said: string[] = []
    const binary = fetchElectronBinary((line) => said.push(line), root)
    expect(said).toEqual(["Fetching Electron's binary (first launch)…"])
    expect(binary).toEqual({
      found: false,
      why: expect.stringContaining('node_modules/electron/path.txt is missing'),
    })
    expect(devWithoutElectron(binary.found ? '' : binary.why)).toBe(
      'npm run dev launches Electron, but no Electron binary was downloaded (node_modules/electron/path.txt ' +
        'is missing); run `node node_modules/electron/install.js` to get one. Offline, `npm run shell` runs ' +
        'the same core and UI in your browser.',
    )
  })

  it('finds the binary the download laid down, and then downloads nothing', () => {
    const root = checkout(ONLINE)
    const said: string[] = []
    const path = join(root, 'node_modules', 'electron', 'dist', 'electron')
    expect(fetchElectronBinary((line) => said.push(line), root)).toEqual({ found: true, path })
    expect(fetchElectronBinary((line) => said.push(line), root)).toEqual({ found: true, path })
    expect(said).toHaveLength(1)
  })

  it('says so when path.txt names a file that is not there', () => {
    const root = checkout(OFFLINE)
    writeFileSync(join(root, 'node_modules', 'electron', 'path.txt'), 'electron')
    expect(findElectronBinary(root)).toEqual({
      found: false,
      why: `the Electron binary ${join(root, 'node_modules', 'electron', 'dist', 'electron')} named by path.txt does not exist`,
    })
  })
})
