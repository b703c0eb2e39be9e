// A cache file another account owns (files left by `sudo`, a profile copied from another user),
// met for real by a child process that drops to the unprivileged `nobody` account: readable, the
// run keeps what it had shown; unreadable, it starts empty and says so; the file is never changed.
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cacheThatShowedOne, useTempDirs } from './cache-test-kit'

const tempDir = useTempDirs()
const NOBODY = 65534
const openCacheModule = join(import.meta.dirname, '../../../../src/main/db/open-cache.ts')

/** Run `body` in a child that drops to `nobody` first, its script written in `dir`. */
function asNobody(dir: string, body: string) {
  const script = join(dir, 'child.mts')
  writeFileSync(script, `process.setgid(${NOBODY}); process.setuid(${NOBODY})\n${body}`)
  return spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8' })
}

/**
 * Why no child running as `nobody` can load the code here, for the skip; null when one can. A
 * fresh checkout under a folder only its owner may enter (root's home on a CI machine) is one.
 */
function nobodyCannotRun(): string | null {
  if (process.platform !== 'linux') return 'Linux only'
  if (process.getuid?.() !== 0) return 'needs root to start a child as nobody'
  const dir = mkdtempSync(join(tmpdir(), 'standby-nobody-'))
  try {
    const module = JSON.stringify(openCacheModule)
    // The code, and SQLite's native driver it loads at the first open.
    const probe = asNobody(
      dir,
      `await import(${module}); const { createRequire } = await import('node:module')
      const Database = createRequire(${module})('better-sqlite3'); new Database(':memory:').close()`,
    )
    if (probe.status === 0) return null
    const why = /^\w*Error\b.*$/m.exec(probe.stderr)?.[0] ?? probe.stderr.trim().split('\n')[0]
    return `a child running as nobody cannot load the checkout and node_modules, which every account must be able to read (${why})`
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** What a child running as `nobody` finds opening the cache at `path`. */
function openedAsNobody(path: string): { inMemory: string | null; shown: unknown } {
  const child = asNobody(
    tempDir(),
    `const { openCache } = await import(${JSON.stringify(openCacheModule)})
    const opened = openCache({ path: ${JSON.stringify(path)}, integrityCheck: 'after-unclean-exit' })
    const shown = opened.db.prepare("SELECT id FROM shown_invites").pluck().all()
    process.stdout.write(JSON.stringify({ inMemory: opened.inMemory, shown }))
    opened.close()`,
  )
  expect(child.stderr).toBe('')
  return JSON.parse(child.stdout) as { inMemory: string | null; shown: unknown }
}

const cannot = nobodyCannotRun()

describe.skipIf(cannot !== null)(
  `a cache another account owns${cannot === null ? '' : ` (skipped: ${cannot})`}`,
  () => {
    for (const [mode, kept] of [
      [0o644, true],
      [0o600, false],
    ] as const) {
      it(`(mode ${mode.toString(8)}) starts in memory, says where and what to do, and leaves the file as it is`, () => {
        const dir = tempDir()
        chmodSync(dir, 0o755)
        const path = join(dir, 'cache.db')
        cacheThatShowedOne(path)
        chmodSync(path, mode)
        const bytes = readFileSync(path)
        const found = openedAsNobody(path)
        if (kept) {
          expect(found.shown).toEqual(['inv_shown'])
          expect(found.inMemory).toMatch(
            new RegExp(`^Standby cannot write to its offline cache at ${path} \\(EACCES: permission denied`),
          )
        } else {
          expect(found.shown).toEqual([])
          expect(found.inMemory).toMatch(
            new RegExp(`^Standby cannot read its offline cache at ${path} \\(EACCES: permission denied`),
          )
          expect(found.inMemory).toContain(
            'invites you were shown may be shown again, now and when it next starts',
          )
        }
        expect(found.inMemory).toContain(`Make ${path} and its folder ${dir} writable by your account`)
        expect(readFileSync(path).equals(bytes)).toBe(true)
      })
    }
  },
)
