import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { unsupportedNode } from '../../../scripts/node-version'

const ENGINES = (JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } }).engines
  .node

describe("package.json's Node.js range", () => {
  it('lets every supported Node.js through, this one included', () => {
    for (const version of [
      'v20.19.0',
      'v20.20.2',
      'v22.12.0',
      'v22.21.1',
      'v24.0.0',
      'v25.2.1',
      process.version,
    ])
      expect(unsupportedNode(version, ENGINES), version).toBeNull()
  })

  it('stops an older or a skipped one with what it needs, what it has and what to do', () => {
    for (const version of ['v18.20.8', 'v20.18.3', 'v21.7.3', 'v22.11.0', 'v23.11.1']) {
      expect(unsupportedNode(version, ENGINES), version).toBe(
        `Standby needs Node.js ${ENGINES} (package.json's engines); this is Node.js ${version}. ` +
          'Install a supported Node.js (from nodejs.org, or `nvm install 22`), then run `npm ci` again: ' +
          'better-sqlite3 is built for the Node.js that installs it.',
      )
    }
  })

  it('refuses nothing it cannot read', () => {
    expect(unsupportedNode('not a version', ENGINES)).toBeNull()
    expect(unsupportedNode('v18.0.0', '')).toBeNull()
    expect(unsupportedNode('v18.0.0', '~18 || lts')).toBeNull()
  })
})
