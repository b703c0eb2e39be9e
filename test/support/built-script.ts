/**
 * A TypeScript script a test runs as a child process, bundled once per test file so that each
 * spawn is plain Node on one file. Under `node --import tsx` every spawn loaded tsx, then resolved,
 * transformed and compiled the script's whole module graph again: most of a child's start, and
 * seconds apiece on a busy machine, which a test spawning the app nine times paid nine times.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build, type Loader, type Plugin } from 'esbuild'
import { afterAll, beforeAll } from 'vitest'

/** Native addons stay outside the bundle, loaded from node_modules as under tsx. */
const NATIVE = ['better-sqlite3']

/**
 * Each of the project's modules keeps its own import.meta (url, dirname, filename), as under
 * tsx: bundled, they would all name the bundle in its temp folder, and a module that reads a file
 * beside it (the Node version check reads package.json) or resolves a package from where it is
 * (the platform's checkpoint worker finds better-sqlite3) would look there and find nothing. Each
 * module declares its own, and esbuild's define points import.meta at it: a parse, so a string or
 * a comment naming import.meta is left as written, and the bundler gives each module's declaration
 * a name of its own. The declaration goes on the first line, after a shebang, so lines keep their
 * numbers in a stack trace. A package's JavaScript too: the define reaches every module.
 */
const MODULE_META = '__standbyImportMeta'
const whereWritten: Plugin = {
  name: 'import-meta-where-written',
  setup: (b) =>
    b.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8')
      // Only where it is named: a declaration before a CommonJS file's 'use strict' would void it.
      if (!source.includes('import.meta')) return undefined
      const meta = { url: pathToFileURL(args.path).href, dirname: dirname(args.path), filename: args.path }
      const shebang = /^#![^\n]*\n?/.exec(source)?.[0] ?? ''
      return {
        contents: `${shebang}const ${MODULE_META} = ${JSON.stringify(meta)};${source.slice(shebang.length)}`,
        loader: loaderFor(args.path),
      }
    }),
}

/** esbuild's loader for a script file, by its extension. */
function loaderFor(path: string): Loader {
  const jsx = path.endsWith('x')
  return /\.[cm]?tsx?$/.test(path) ? (jsx ? 'tsx' : 'ts') : jsx ? 'jsx' : 'js'
}

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
      define: { 'import.meta': MODULE_META },
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
        whereWritten,
      ],
      banner: {
        // Under a name of its own: a bundled module may import createRequire itself.
        js: "import { createRequire as bannerRequire } from 'node:module'; const require = bannerRequire(import.meta.url);",
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
