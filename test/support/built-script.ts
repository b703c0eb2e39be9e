/**
 * A TypeScript script a test runs as a child process, bundled once per test file so that each
 * spawn is plain Node on one file. Under `node --import tsx` every spawn loaded tsx, then resolved,
 * transformed and compiled the script's whole module graph again: most of a child's start, and
 * seconds apiece on a busy machine, which a test spawning the app nine times paid nine times.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { afterAll, beforeAll } from 'vitest'

/** Native addons stay outside the bundle, loaded from node_modules as under tsx. */
const NATIVE = ['better-sqlite3']

/**
 * Bundles `entry` before the file's tests and removes the bundle after them; returns a function
 * that gives the bundle's path, for `spawn(process.execPath, [path, ...args])`.
 */
export function useBuiltScript(entry: URL): () => string {
  let dir: string | undefined
  let script: string | undefined
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'standby-script-'))
    const outfile = join(dir, 'script.mjs')
    const resolveFromEntry = createRequire(entry)
    await build({
      entryPoints: [fileURLToPath(entry)],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: `node${process.versions.node}`,
      logLevel: 'warning',
      // The bundle lives in a temp folder with no node_modules above it: a native addon is
      // imported by its absolute path, and bundled CommonJS gets a `require` to reach Node's own.
      plugins: [
        {
          name: 'native-addons-by-path',
          setup: (b) =>
            b.onResolve({ filter: new RegExp(`^(${NATIVE.join('|')})$`) }, (args) => ({
              path: resolveFromEntry.resolve(args.path),
              external: true,
            })),
        },
      ],
      banner: {
        js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      },
    })
    script = outfile
  })
  afterAll(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true })
  })
  return () => {
    if (script === undefined) throw new Error('useBuiltScript: the script is built in beforeAll')
    return script
  }
}
