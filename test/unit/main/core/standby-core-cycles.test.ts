/**
 * A tray app signs in and out, and reconnects, for weeks without a restart: each cycle must undo
 * what it set up (listeners on the machine's power events and on the core, timers, connections).
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Power } from '../../../../src/main/core/ports/power'
import { createPowerHook } from '../../../../src/main/node/adapters/power-hook'
import { ManualClock } from '../../../../src/shared/clock'
import { PROTOCOL_VERSION, WELCOME_EVENT } from '../../../../src/shared/protocol'
import { FIXTURE_NOW } from '../../../support/fixtures'
import { storeFactory, useTempDirs } from '../db/cache-test-kit'
import { type MemoryConnection } from '../../../support/memory-transport'
import { memoryCore, signInAnyone } from './core-kit'

const PLATFORM = 'http://127.0.0.1:4455'
const tempDir = useTempDirs()
const openStore = storeFactory()

/** `power`, counting the subscriptions still in place. */
function countedPower(power: Power): { readonly power: Power; live(): number } {
  let live = 0
  const counted =
    <A extends unknown[]>(subscribe: (...args: A) => () => void) =>
    (...args: A) => {
      const off = subscribe(...args)
      live++
      let done = false
      return () => {
        if (done) return
        done = true
        live--
        off()
      }
    }
  return {
    power: {
      ...power,
      onSuspend: counted(power.onSuspend),
      onResume: counted(power.onResume),
      onNetworkChange: counted(power.onNetworkChange),
      onLock: counted(power.onLock),
      onUnlock: counted(power.onUnlock),
    },
    live: () => live,
  }
}

function setUp() {
  const clock = new ManualClock(FIXTURE_NOW)
  const hook = createPowerHook()
  const { power, live } = countedPower(hook)
  const { core, connections } = memoryCore({
    clock,
    power,
    cache: openStore(join(tempDir(), 'cache.db')).store,
    fetch: signInAnyone(),
  })
  /** What the core holds on to that a cycle could leave behind. */
  const held = () => ({
    power: live(),
    timers: clock.pendingTimers,
    openConnections: connections.filter((c) => c.state !== 'closed').length,
    coreListeners: [core.states, core.cacheChanged, core.welcomed, core.threadsRead].map((l) => l.size),
  })
  return { core, clock, connections, held, hook }
}

/** The platform welcomes `id` on the attempt under way. */
function welcome(connection: MemoryConnection | undefined, id: string): void {
  connection?.accept()
  connection?.send(WELCOME_EVENT, {
    protocolVersion: PROTOCOL_VERSION,
    expertId: id,
    latestEventId: 0,
    serverTime: FIXTURE_NOW,
  })
}

describe('the core through many cycles', () => {
  it('200 sign-ins and sign-outs, alternating two experts, leave no listener, timer or connection behind', async () => {
    const { core, connections, held } = setUp()
    await core.start()
    const cycle = async (id: string): Promise<void> => {
      expect(await core.signIn(PLATFORM, `${id}@example.test`, 'password')).toMatchObject({ ok: true })
      welcome(connections.at(-1), id)
      expect(core.connection.status).not.toBe('signed_out')
      await core.signOut()
      expect(core.connection.status).toBe('signed_out')
    }
    await cycle('exp_a')
    const after = held()
    for (let i = 0; i < 200; i++) await cycle(i % 2 === 0 ? 'exp_b' : 'exp_a')
    expect(held()).toEqual(after)
    expect(after.openConnections).toBe(0)
    core.stop()
  })

  it('500 reconnects (dropped, woken, the network changed) leave no listener, timer or waiting question behind', async () => {
    const { core, clock, connections, held, hook } = setUp()
    await core.start()
    expect(await core.signIn(PLATFORM, 'exp_a@example.test', 'password')).toMatchObject({ ok: true })
    const connection = connections.at(-1)
    if (connection === undefined) throw new Error('no connection')
    const cycle = (i: number): void => {
      welcome(connection, 'exp_a')
      expect(core.connection.status).not.toBe('signed_out')
      if (i % 3 === 0) connection.drop()
      else if (i % 3 === 1) connection.violate()
      else {
        // Woken while connected: the check goes unanswered, and the link gives the connection up.
        hook.resume()
        hook.networkChanged()
      }
      // Past the check's wait and the longest backoff: the next attempt is under way.
      for (let step = 0; step < 10 && connection.state !== 'connecting'; step++) clock.advance(60_000)
      expect(connection.state).toBe('connecting')
    }
    cycle(0)
    const after = { ...held(), waiting: connection.awaiting }
    for (let i = 1; i <= 500; i++) cycle(i)
    expect({ ...held(), waiting: connection.awaiting }).toEqual(after)
    core.stop()
  })
})
