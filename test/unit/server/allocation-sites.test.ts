import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const child = fileURLToPath(new URL('../../support/pretenured-sends-child.ts', import.meta.url))

describe("the platform's process and V8's allocation sites", () => {
  // V8 allocates a site's objects straight in the old generation once most of the site's objects
  // outlived a scavenge: after a storm of connections, the places in socket.io, ws and Node's
  // streams that make a socket's records also made each fan-out's packets and write records old,
  // and every scavenge then kept and promoted the young frames and texts they pointed at.
  it('keeps short-lived objects young after long-lived ones came from the same place', () => {
    const out = execFileSync(
      process.execPath,
      // The young generation at its largest from the start: V8 moves a site only then.
      ['--import', 'tsx', '--expose-gc', '--max-semi-space-size=1', '--min-semi-space-size=1', child],
      { encoding: 'utf8' },
    )
    const { grown } = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { grown: number }
    // The sends' texts add up to many megabytes; none of them is still needed.
    expect(grown).toBeLessThan(1024 * 1024)
  })
})
