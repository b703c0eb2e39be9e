// The platform's clock is the truth for its rules and for every day shown as "today" or "this
// year" (the core's PlatformClock, the page's host clock): a rule or a label that reads the
// computer's clock itself (Date.now(), new Date()) goes wrong whenever that clock is set, or set
// across New Year. Every such read in the core, the shared code and the pages is listed here with
// why it is not a rule's; a new one fails this test until someone has checked it and added it.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
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

/** How often the code of `text` (its comment lines left out) reads the computer's clock itself. */
function reads(text: string): number {
  return text
    .split('\n')
    .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line))
    .reduce((count, line) => count + (line.match(/\bDate\.now\(\)|\bnew Date\(\)/g)?.length ?? 0), 0)
}

describe('reads of the computer’s clock in the core, the shared code and the pages', () => {
  it('are each one checked to decide no rule and write no day', () => {
    const found: Record<string, number> = {}
    for (const file of DIRS.flatMap(files)) {
      const count = reads(readFileSync(file, 'utf8'))
      if (count > 0) found[relative(ROOT, file)] = count
    }
    expect(found).toEqual(
      Object.fromEntries(Object.entries(CHECKED).map(([file, { reads }]) => [file, reads])),
    )
  })
})
