import { describe, expect, it } from 'vitest'
import { startPlatformServer } from '../../../../server/src/platform-server'

/** Start the platform with `connections`; what it rejects with, or undefined once it listens. */
async function startRefusal(connections: Record<string, number>): Promise<string | undefined> {
  try {
    const platform = await startPlatformServer({ dbPath: ':memory:', port: 0, connections })
    await platform.close()
    return undefined
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}

describe('connection limits the platform is started with', () => {
  it('refuses to start on a wait or a cap that would close or refuse every connection, naming it', async () => {
    // Past a timer's most, socket.io's identify wait would fire at once: every WebSocket closed on arrival.
    expect(await startRefusal({ identifyMs: 2 ** 31 })).toMatch(
      /^connections\.identifyMs must be a number of milliseconds from 1 to \d+, not 2147483648\.$/,
    )
    expect(await startRefusal({ identifyMs: 0 })).toMatch(/^connections\.identifyMs must be .*, not 0\.$/)
    expect(await startRefusal({ identifyMs: Number.NaN })).toMatch(/^connections\.identifyMs .*, not NaN\.$/)
    expect(await startRefusal({ firstRequestMs: -1 })).toMatch(/^connections\.firstRequestMs /)
    expect(await startRefusal({ perAddress: 0 })).toMatch(/^connections\.perAddress must be a whole number/)
    expect(await startRefusal({ perLoopbackAddress: 1.5 })).toMatch(/^connections\.perLoopbackAddress /)
  })

  it('starts with the longest identify wait a timer holds', async () => {
    expect(await startRefusal({ identifyMs: 2 ** 31 - 1 })).toBeUndefined()
  })
})
