/** The declarations a renderer stylesheet gives one selector, for tests of what CSS must hold. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The declarations of every rule in `src/renderer/styles/<file>` whose selector list names exactly
 * `selector`, joined with ";" ('' when none does).
 */
export function stylesheetRule(file: string, selector: string): string {
  const css = readFileSync(join(process.cwd(), 'src/renderer/styles', file), 'utf8')
  return [...css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{([^}]*)\}/g)]
    .filter(([, selectors]) => selectors!.split(',').some((one) => one.trim() === selector))
    .map(([, , declarations]) => declarations)
    .join(';')
}
