// The platform's clock is the truth for its rules and for every day shown as "today" or "this
// year" (the core's PlatformClock, the page's host clock): a rule or a label that reads the
// computer's clock itself (Date.now(), new Date()) goes wrong whenever that clock is set, or set
// across New Year. Every such read in the core, the shared code and the pages is listed here with
// why it is not a rule's; a new one fails this test until someone has checked it and added it.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '../../..')
const DIRS = ['src/main/core', 'src/shared', 'src/renderer'].map((dir) => join(ROOT, dir))

/** Each file that reads the computer's clock itself, how many times, and why that is no rule's time. */
const CHECKED: Readonly<Record<string, { readonly reads: number; readonly why: string }>> = {
  'src/shared/clock.ts': { reads: 1, why: 'the system clock itself, which PlatformClock corrects' },
  'src/main/core/auth/sign-in.ts': {
    reads: 1,
    why: 'a Retry-After date is read against the answer’s own Date header; the computer’s clock only without one',
  },
  'src/renderer/store/host-clock.ts': {
    reads: 2,
    why: 'the page’s clock plus the host’s last offset, before the host first answers and when an ask fails',
  },
  'src/renderer/logic/format-display.ts': {
    reads: 1,
    why: 'the current year until the services follow the host’s clock (store/services.ts sets it at once)',
  },
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return files(path)
    return /\.tsx?$/.test(entry.name) ? [path] : []
  })
}

/** `Date` itself, as `Date` or `globalThis.Date`. */
function isDate(node: ts.Expression): boolean {
  if (ts.isIdentifier(node)) return node.text === 'Date'
  return ts.isPropertyAccessExpression(node) && node.name.text === 'Date'
}

/**
 * How often the code of `text` reads the computer's clock itself: `Date.now` called or handed on
 * (`now: Date.now` reads it later), `new Date` with no argument, `Date()`. Read from the syntax
 * tree, so a comment or a string that names them is no read.
 */
function reads(text: string, fileName = 'file.ts'): number {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, kind)
  let count = 0
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'now' && isDate(node.expression)) count++
    if (ts.isNewExpression(node) && isDate(node.expression) && (node.arguments?.length ?? 0) === 0) count++
    if (ts.isCallExpression(node) && isDate(node.expression)) count++
    ts.forEachChild(node, visit)
  }
  visit(source)
  return count
}

describe('the count of reads of the computer’s clock', () => {
  it('counts each way code reads it, and no mention in a comment or a string', () => {
    const code = [
      'const a = Date.now() // Date.now() here is a comment',
      'const b = new Date()',
      'const c = new Date',
      'const d = { now: Date.now }',
      'const e = Date()',
      'const f = globalThis.Date.now()',
      "const g = 'Date.now() and new Date() in a string'",
      'const h = `new Date() in a template`',
      '/* Date.now() */ const i = new Date(0)',
    ].join('\n')
    expect(reads(code)).toBe(6)
  })
})

describe('reads of the computer’s clock in the core, the shared code and the pages', () => {
  it('are each one checked to decide no rule and write no day', () => {
    const found: Record<string, number> = {}
    for (const file of DIRS.flatMap(files)) {
      const count = reads(readFileSync(file, 'utf8'), file)
      if (count > 0) found[relative(ROOT, file)] = count
    }
    expect(found).toEqual(
      Object.fromEntries(Object.entries(CHECKED).map(([file, { reads }]) => [file, reads])),
    )
  })
})
