// A measured figure in a comment goes stale the day the code or the machine changes, and nothing
// re-measures it: figures belong in a bench's output and the README, comments keep the reason.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '../../..')
const FOLDERS = ['src', 'server/src', 'bench', 'test', 'scripts']

/** A time or a size with its unit (…ms, …MiB, …KiB, …µs), as a bench would print it. */
const MEASURED = /\d[\d.,–-]*\s?(ms|µs|MiB|KiB)\b/
/** Lines that state a goal rather than a measurement. */
const TARGET = /\btarget\b/i

function files(dir: string): string[] {
  let entries
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch {
    return []
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : files(path)
    return /\.(ts|tsx|mts|mjs|css)$/.test(entry.name) ? [path] : []
  })
}

/** The comment part of a line, when the line is or ends with a comment. */
function commentOf(line: string): string | null {
  const trimmed = line.trimStart()
  if (trimmed.startsWith('*') || trimmed.startsWith('/*')) return trimmed
  const at = line.indexOf('// ')
  return at >= 0 && !line.slice(0, at).includes("'") && !line.slice(0, at).includes('`')
    ? line.slice(at)
    : null
}

describe('comments', () => {
  it('quote no measured figures', () => {
    const found: string[] = []
    for (const file of FOLDERS.flatMap((folder) => files(join(ROOT, folder)))) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          const comment = commentOf(line)
          if (comment !== null && MEASURED.test(comment) && !TARGET.test(comment)) {
            found.push(`${relative(ROOT, file)}:${index + 1}: ${comment.trim()}`)
          }
        })
    }
    expect(found).toEqual([])
  })
})
