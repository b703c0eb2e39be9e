// The platform holds each fan-out's stream lookups (`expert_events`) after its sends and writes
// several fan-outs' at once, so a statement that reads the table before the held ones are written
// misses events already sent: a replay that skips them, a snapshot without the invite. Nothing in
// SQLite says so, so every statement naming the table is listed here with what writes them first,
// and a new one fails this test until someone has checked it and added it.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '../../..')
const SERVER = join(ROOT, 'server/src')
/** Migrations run before the event log opens, so nothing is held yet. */
const MIGRATIONS = join(SERVER, 'db/migrations')

/**
 * Each file whose code names `expert_events`, how many times, and what writes the held lookups
 * before any of those statements runs.
 */
const CHECKED: Readonly<Record<string, { readonly mentions: number; readonly heldWrittenBy: string }>> = {
  'server/src/expert-event-lookup.ts': {
    mentions: 12,
    heldWrittenBy:
      'the table is its own: EventLog calls settle() before replay, digestAt and prune, and its repair runs before the log opens',
  },
  'server/src/marketplace/snapshot.ts': {
    mentions: 1,
    heldWrittenBy: 'snapshotFor calls ctx.events.settle() before its read transaction',
  },
  'server/src/past-invites.ts': {
    mentions: 3,
    heldWrittenBy: 'runs only inside ExpertEventLookup.prune, which EventLog.prune settles first',
  },
  'server/src/store/invite-figure-reads.ts': {
    mentions: 2,
    heldWrittenBy: 'each read calls beforeReads, which the Marketplace wires to events.settleLookups()',
  },
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return path === MIGRATIONS ? [] : files(path)
    return entry.name.endsWith('.ts') ? [path] : []
  })
}

/** How often the code of `text` (its comment lines left out) names the table. */
function mentions(text: string): number {
  return text
    .split('\n')
    .filter((line) => !/^\s*(\*|\/\/|\/\*|--)/.test(line))
    .reduce((count, line) => count + (line.match(/\bexpert_events\b/g)?.length ?? 0), 0)
}

describe("the platform's statements on the stream lookups", () => {
  it('each come after the lookups held from the last fan-outs are written', () => {
    const found: Record<string, number> = {}
    for (const file of files(SERVER)) {
      const count = mentions(readFileSync(file, 'utf8'))
      if (count > 0) found[relative(ROOT, file)] = count
    }
    const listed = Object.fromEntries(Object.entries(CHECKED).map(([file, { mentions: n }]) => [file, n]))
    // A file or statement new here: make it write the held lookups first (EventLog.settle or
    // settleLookups), then list it above with what does.
    expect(found).toEqual(listed)
  })
})
