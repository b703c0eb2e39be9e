/**
 * Imported first by the commands a newcomer runs (`npm start`, `npm run shell`, `npm run server`,
 * `npm run bench`), so an unsupported Node.js stops them with one sentence before anything else
 * is loaded. ES modules run their imports in order, so this runs before the next import.
 */
import { readFileSync } from 'node:fs'
import { unsupportedNode } from './node-version'

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  readonly engines?: { readonly node?: string }
}
const problem = unsupportedNode(process.version, manifest.engines?.node ?? '')
if (problem !== null) {
  console.error(problem)
  process.exit(1)
}
