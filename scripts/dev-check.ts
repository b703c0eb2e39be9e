/**
 * `predev`: electron-vite's dev server launches Electron, and without its binary fails with
 * "Electron uninstall" after building everything. This fetches the binary as `npm start` does,
 * and where there is none says so in one line, with what runs instead, before anything is built.
 */
import './require-supported-node'
import { devWithoutElectron, fetchElectronBinary } from './electron-binary'

const binary = fetchElectronBinary((line) => console.log(`[standby] ${line}`))
if (!binary.found) {
  console.error(`[standby] ${devWithoutElectron(binary.why)}`)
  process.exit(1)
}
