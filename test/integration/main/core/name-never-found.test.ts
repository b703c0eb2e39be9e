/**
 * A platform address whose name no name server ever answers for (a misspelt server, a network
 * whose name server hangs): each attempt is given up in time with words the expert can act on, and
 * the tries after it join the lookup still under way instead of holding one more of the threads
 * the app's file work shares. The system's lookup is held for that name alone.
 */
import dns from 'node:dns'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useCleanup } from '../../../support/cleanup'
import { startTestCore } from '../../../support/test-core'

const HOST = 'platform.never-found.invalid'

afterEach(() => {
  vi.mocked(dns.lookup).mockRestore?.()
})

/** From now on no lookup of `HOST` is ever answered; `started` counts the lookups of it begun. */
function nameServerHangs(): { started: () => number } {
  let started = 0
  const system = dns.lookup.bind(dns)
  vi.spyOn(dns, 'lookup').mockImplementation(((host: string, ...rest: unknown[]) => {
    if (host === HOST) return void started++
    return (system as (...args: unknown[]) => void)(host, ...rest)
  }) as typeof dns.lookup)
  return { started: () => started }
}

describe('a platform whose name is never found', () => {
  const defer = useCleanup()

  it('gives each attempt up saying the server could not be reached and to check its address, with one lookup under way at most', async () => {
    const lookups = nameServerHangs()
    const core = await startTestCore({
      platformUrl: `https://${HOST}:4455`,
      token: 'token-1',
      expertId: 'exp_ada',
      timings: { connectTimeoutMs: 200 },
    })
    defer(() => core.close(true))
    const said = {
      status: 'offline',
      reason: expect.stringMatching(
        /^Could not reach [^ ]+: its name was not found within 0.2 s\. Check the server address/,
      ),
    }
    const first = await core.waitForState((s) => s.status === 'offline')
    expect(first).toMatchObject(said)
    const firstNext = first.status === 'offline' ? first.nextAttemptAt : undefined
    expect(first.status === 'offline' && first.reason).toContain(HOST)
    // The next try gives up the same way, without a lookup of its own.
    const next = await core.waitForState((s) => s.status === 'offline' && s.nextAttemptAt !== firstNext)
    expect(next).toMatchObject(said)
    expect(lookups.started()).toBe(1)
  })
})
