// A package imported without being named in package.json resolves today only because another
// package brought it along and npm put it at the top of node_modules; a lockfile written afresh may
// nest it or move it to another version, and the import then breaks, or (room-send.ts compares
// socket.io's adapter with its own import) silently stops matching.
import { readdirSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '../../..')
/** The app, the platform and the benches: what runs, not the build scripts and tests around it. */
const FOLDERS = ['src', 'server/src', 'bench']

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : files(path)
    return /\.(ts|tsx|mts|mjs|js)$/.test(entry.name) ? [path] : []
  })
}

/** Static imports and exports, side-effect imports and `import()` of a bare specifier. */
const IMPORT = /(?:\bfrom\s+|\bimport\s+|\bimport\(\s*)'([^'./\s][^'\s]*)'/g

/** The package a bare specifier names: its scope and name, without a subpath. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/')
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/')
}

describe('dependencies', () => {
  it('each package the app, the platform and the benches import is named in package.json', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>
      devDependencies?: Record<string, string>
    }
    const declared = new Set([
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.devDependencies ?? {}),
    ])
    const builtin = new Set(builtinModules)
    const undeclared: string[] = []
    for (const folder of FOLDERS) {
      for (const file of files(join(ROOT, folder))) {
        for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
          const specifier = match[1] as string
          const name = packageOf(specifier)
          if (specifier.startsWith('node:') || builtin.has(name) || declared.has(name)) continue
          undeclared.push(`${relative(ROOT, file)}: ${specifier}`)
        }
      }
    }
    expect(undeclared).toEqual([])
  })

  it('finds a package imported without being named', () => {
    const found = [
      ..."import { Adapter } from 'socket.io-adapter'\nimport type { X } from '@scope/pkg/sub'".matchAll(
        IMPORT,
      ),
    ]
    expect(found.map((m) => packageOf(m[1] as string))).toEqual(['socket.io-adapter', '@scope/pkg'])
  })
})
