// Which source files carry a package into whatever imports them, worked out from the sources so
// that lint's layer rules cover a new file without anyone updating a list.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

/** True when the specifiers of an import or export (`type X`, `{ type A, type B }`) are all types. */
function typeOnly(specifiers) {
  const braced = /^\{([^}]*)\}$/s.exec(specifiers.trim())
  const names = braced ? braced[1].split(',').filter((n) => n.trim() !== '') : []
  return (
    specifiers.trim().startsWith('type ') ||
    (braced !== null && names.every((n) => n.trim().startsWith('type ')))
  )
}

/** The absolute path of the file a relative import from `file` lands on, or undefined for a package. */
export function resolveImport(file, source) {
  if (!source.startsWith('.')) return undefined
  const base = resolve(dirname(file), source)
  return [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')].find(
    (f) => /\.tsx?$/.test(f) && existsSync(f),
  )
}

/** What `file` imports or re-exports for its values (packages by name, files by absolute path). */
function valueImports(file) {
  return [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s+([^;]*?)\s+from\s+'([^']+)'/gm)]
    .filter(([, specifiers]) => !typeOnly(specifiers))
    .map(([, , source]) => resolveImport(file, source) ?? source)
}

/**
 * The files under `roots` that load `pkg` when imported for their values: those that import it,
 * and those that import one of them for its values. Absolute paths.
 */
export function carriersOf(pkg, roots) {
  const files = roots.flatMap((root) =>
    readdirSync(root, { recursive: true })
      .filter((f) => /\.tsx?$/.test(f))
      .map((f) => resolve(root, f)),
  )
  const imports = new Map(files.map((file) => [file, valueImports(file)]))
  const carriers = new Set([pkg])
  for (let grew = true; grew;) {
    grew = false
    for (const [file, sources] of imports) {
      if (!carriers.has(file) && sources.some((s) => carriers.has(s))) grew = carriers.add(file)
    }
  }
  carriers.delete(pkg)
  return carriers
}

/** True when an import or export declaration brings in types only. */
function typeOnlyDeclaration(node) {
  if (node.importKind === 'type' || node.exportKind === 'type') return true
  const specifiers = node.specifiers ?? []
  return specifiers.length > 0 && specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type')
}

/**
 * An ESLint rule for code that runs without Electron: no value import (static, re-export or
 * `import()`) of a file in `carriers`, however its relative path is spelled.
 */
export function noCarrierImportRule(pkg, carriers) {
  return {
    meta: { type: 'problem', schema: [], docs: { description: `Disallow files that load ${pkg}` } },
    create(context) {
      const check = (node, source) => {
        const target = typeof source === 'string' ? resolveImport(context.filename, source) : undefined
        if (target === undefined || !carriers.has(target)) return
        context.report({
          node,
          message: `'${source}' loads ${pkg}, which this layer runs without: import its types only, or move what you need out of that file.`,
        })
      }
      const declaration = (node) => {
        if (node.source && !typeOnlyDeclaration(node)) check(node, node.source.value)
      }
      return {
        ImportDeclaration: declaration,
        ExportNamedDeclaration: declaration,
        ExportAllDeclaration: declaration,
        ImportExpression: (node) => check(node, node.source.value),
      }
    },
  }
}
