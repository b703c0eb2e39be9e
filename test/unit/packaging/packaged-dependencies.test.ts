// What an installer carries from node_modules: electron-builder packs the production closure of
// package.json's `dependencies`, and electron-vite leaves exactly those out of the main bundle, to
// be loaded from node_modules at run time. So the closure must hold every package the main
// process imports, and nothing only the reference platform, the browser shell, tests or benches use.
import { readFileSync } from 'node:fs'
import { isBuiltin } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..', '..')

interface LockEntry {
  readonly dependencies?: Readonly<Record<string, string>>
  readonly optionalDependencies?: Readonly<Record<string, string>>
}
interface Manifest {
  readonly dependencies: Readonly<Record<string, string>>
}

/** Every package npm installs for `npm install --omit=dev`, by name, walking package-lock.json. */
function productionClosure(): ReadonlySet<string> {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    readonly packages: Readonly<Record<string, LockEntry>>
  }
  const names = new Set<string>()
  const seen = new Set<string>()
  // Node's lookup: the nearest node_modules/<name> from the requiring package up to the root.
  const locate = (from: string, name: string): string | undefined => {
    for (let dir = from; ; dir = dir.slice(0, Math.max(0, dir.lastIndexOf('/node_modules/')))) {
      const candidate = `${dir === '' ? '' : `${dir}/`}node_modules/${name}`
      if (candidate in lock.packages) return candidate
      if (dir === '') return undefined
    }
  }
  const visit = (path: string): void => {
    if (seen.has(path)) return
    seen.add(path)
    const entry = lock.packages[path] ?? {}
    for (const name of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) {
      const found = locate(path, name)
      if (found === undefined) continue // an optional dependency for another platform
      names.add(name)
      visit(found)
    }
  }
  visit('')
  return names
}

/** The package a bare import names: `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier)
}

/**
 * The packages the main process loads at run time: the bare imports of every module reachable
 * from src/main/index.ts, type-only imports left out (the compiler erases them).
 */
function mainProcessImports(): ReadonlySet<string> {
  const packages = new Set<string>()
  const files = new Set<string>()
  const visit = (file: string): void => {
    if (files.has(file)) return
    files.add(file)
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)
    const onSpecifier = (specifier: string): void => {
      if (specifier.startsWith('.')) {
        const base = resolve(dirname(file), specifier)
        const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]
        const target = candidates.find((path) => /\.tsx?$/.test(path) && ts.sys.fileExists(path))
        if (target === undefined) throw new Error(`${file}: cannot resolve ${specifier}`)
        visit(target)
      } else if (!isBuiltin(specifier) && specifier !== 'electron') {
        packages.add(packageOf(specifier))
      }
    }
    const walk = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        const clause = node.importClause
        const typeOnly =
          clause !== undefined &&
          (clause.isTypeOnly ||
            (clause.name === undefined &&
              clause.namedBindings !== undefined &&
              ts.isNamedImports(clause.namedBindings) &&
              clause.namedBindings.elements.length > 0 &&
              clause.namedBindings.elements.every((element) => element.isTypeOnly)))
        if (!typeOnly) onSpecifier(node.moduleSpecifier.text)
      } else if (
        ts.isExportDeclaration(node) &&
        node.moduleSpecifier &&
        ts.isStringLiteral(node.moduleSpecifier)
      ) {
        if (!node.isTypeOnly) onSpecifier(node.moduleSpecifier.text)
      } else if (
        ts.isCallExpression(node) &&
        node.expression.kind === ts.SyntaxKind.ImportKeyword &&
        node.arguments[0] !== undefined &&
        ts.isStringLiteral(node.arguments[0])
      ) {
        onSpecifier(node.arguments[0].text)
      }
      ts.forEachChild(node, walk)
    }
    walk(source)
  }
  visit(join(root, 'src', 'main', 'index.ts'))
  return packages
}

/** Packages that only the reference platform, the browser shell, tests, benches or the build use. */
const NOT_FOR_INSTALLERS = [
  'socket.io',
  'engine.io',
  'socket.io-adapter',
  'conf', // the browser shell's settings; electron-store brings its own copy
  'vitest',
  'playwright',
  'axe-core',
  'electron',
  'electron-builder',
  'electron-vite',
  '@electron/rebuild',
  'vite',
  'tsx',
  'typescript',
  'eslint',
  'prettier',
  'react',
  'react-dom',
] as const

describe('the dependencies an installer carries', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest
  const closure = productionClosure()
  const imported = mainProcessImports()

  it('hold every package the main process imports, as a direct dependency kept out of the bundle', () => {
    expect(imported.size).toBeGreaterThan(0)
    for (const name of imported) {
      expect(Object.keys(manifest.dependencies), `${name} is imported by the main process`).toContain(name)
      expect(closure.has(name), name).toBe(true)
    }
  })

  it('hold no package that only the platform, the browser shell, tests, benches or the build use', () => {
    const direct = new Set(Object.keys(manifest.dependencies))
    for (const name of NOT_FOR_INSTALLERS) {
      expect(direct.has(name), `${name} in dependencies`).toBe(false)
      // conf arrives with electron-store, which the app does run.
      if (name !== 'conf') expect(closure.has(name), `${name} in the production closure`).toBe(false)
    }
  })

  it('list as dependencies only what the main process imports', () => {
    expect(imported.has('electron-updater')).toBe(true)
    expect(Object.keys(manifest.dependencies).filter((name) => !imported.has(name))).toEqual([])
  })
})
