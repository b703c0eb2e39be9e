// Mutants of every message the platform sends the app, fed through the link as it receives them:
// nothing may throw out of the link, what it passes on is only ever valid, a refusal is logged,
// and a valid message after the garbage still works.
import { describe, expect, it } from 'vitest'
import type { StreamEntry } from '../../../../../src/main/core/ports/cache-store'
import {
  commandSchemas,
  LIVE_EVENT,
  PlatformEvent,
  PROTOCOL_VERSION,
  Snapshot,
  WELCOME_EVENT,
  Welcome,
} from '../../../../../src/shared/protocol'
import {
  anInvite,
  aSession,
  aSnapshot,
  FIXTURE_NOW,
  inviteCreated,
  messageCreated,
  aMessage,
  sessionUpdated,
} from '../../../../support/fixtures'
import { memoryLink } from '../../../../support/memory-link'
import { forEachMutant, mutants } from '../../../../support/mutation-fuzz'

const welcome: Welcome = {
  protocolVersion: PROTOCOL_VERSION,
  expertId: 'exp_ada',
  latestEventId: 0,
  serverTime: FIXTURE_NOW,
}
const MUTANTS = 300

/** A link over the in-memory transport, started, accepted and (unless told otherwise) welcomed. */
function online(welcomeWith: unknown = welcome) {
  const { link, connections, clock, log } = memoryLink()
  link.start()
  const connection = connections[0]!
  connection.accept()
  connection.send(WELCOME_EVENT, welcomeWith)
  const events: StreamEntry[] = []
  link.events.add((entry) => events.push(entry))
  return { link, log, connection, events, clock }
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** Every entry the link passes on is a valid event or a marker with a valid place. */
function expectValidEntry(entry: StreamEntry): void {
  if (entry.type === 'unreadable') {
    expect(Number.isSafeInteger(entry.id) && entry.id > 0).toBe(true)
    expect(entry.problem.length).toBeGreaterThan(0)
    expect(entry.problem.length).toBeLessThan(1_000)
  } else expect(PlatformEvent.safeParse(entry).success).toBe(true)
}

const liveSamples = {
  'invite.created': inviteCreated(7, anInvite()),
  'session.updated': sessionUpdated(7, aSession()),
  'message.created': messageCreated(7, aMessage()),
}

describe('the link against mutated platform messages', () => {
  for (const [name, sample] of Object.entries(liveSamples)) {
    it(`passes on only valid ${name} live events, logs each it cannot place, and reads the next good one`, async () => {
      await forEachMutant(mutants(sample, { seed: 0x5eed01, count: MUTANTS }), (mutant) => {
        const { connection, events, log, link } = online()
        connection.send(LIVE_EVENT, mutant.value)
        for (const entry of events) expectValidEntry(entry)
        // One it cannot place is logged; a marker carries its problem to the cache, which logs it.
        if (events.length === 0) expect(log.text()).toMatch(/event/)
        expect(link.state.kind).toBe('connected')
        connection.send(LIVE_EVENT, inviteCreated(8, anInvite()))
        expect(events.at(-1)).toMatchObject({ id: 8, type: 'invite.created' })
      })
    })
  }

  it('connects only on a valid welcome and refuses any other with a sentence', async () => {
    await forEachMutant(mutants(welcome, { seed: 0x5eed02, count: MUTANTS }), (mutant) => {
      const { link, log } = online(mutant.value)
      const state = link.state
      if (state.kind === 'connected') expect(Welcome.safeParse(state.welcome).success).toBe(true)
      else {
        expect(['refused', 'waiting']).toContain(state.kind)
        expect(log.text()).not.toBe('')
      }
      expect(JSON.stringify(state).length).toBeLessThan(5_000)
    })
  })

  it('turns any command acknowledgement into a valid result or an error the expert can read', async () => {
    const ack = { ok: true, result: { inviteId: 'inv_1' }, serverTime: FIXTURE_NOW }
    const refusal = {
      ok: false,
      error: { code: 'conflict', message: 'Taken by another expert.' },
      serverTime: FIXTURE_NOW,
    }
    const list = [
      ...mutants(ack, { seed: 0x5eed03, count: MUTANTS / 2 }),
      ...mutants(refusal, { seed: 0x5eed04, count: MUTANTS / 2 }),
    ]
    await forEachMutant(list, async (mutant) => {
      const { link, connection } = online()
      const outcome = link.command('invite.decline', { inviteId: 'inv_1' }, 'key-00001')
      connection.requests[0]!.answer(mutant.value)
      const answer = await outcome
      if (answer.ok)
        expect(commandSchemas['invite.decline'].result.safeParse(answer.result).success).toBe(true)
      else {
        expect(answer.error.message.length).toBeGreaterThan(0)
        expect(answer.error.message.length).toBeLessThanOrEqual(500)
      }
      const next = link.command('invite.decline', { inviteId: 'inv_1' }, 'key-00002')
      connection.requests[1]!.answer(ack)
      expect(await next).toMatchObject({ ok: true })
    })
  })

  it('reads any replay page into valid entries or rejects it with a sentence', async () => {
    const page = {
      ok: true,
      serverTime: FIXTURE_NOW,
      result: {
        kind: 'events',
        events: [inviteCreated(1, anInvite()), sessionUpdated(2, aSession())],
        latestId: 2,
        hasMore: false,
      },
    }
    const list = [
      ...mutants(page, { seed: 0x5eed05, count: MUTANTS / 2 }),
      // The envelope alone (latestId, hasMore, kind, the events array), which the events' many fields outnumber.
      ...mutants(page, { seed: 0x5eed07, count: MUTANTS / 2, keep: (path) => path.length > 3 }),
    ]
    await forEachMutant(list, async (mutant) => {
      const { link, connection } = online()
      const replay = link.replay(0)
      connection.requests[0]!.answer(mutant.value)
      const read = await replay.then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      )
      if ('error' in read) {
        expect(read.error).toBeInstanceOf(Error)
        expect((read.error as Error).message).toMatch(/platform/)
      } else {
        expect(read.value.kind).toBe('events')
        if (read.value.kind !== 'events') return
        for (const entry of read.value.entries) expectValidEntry(entry)
        expect(Number.isSafeInteger(read.value.latestId) && read.value.latestId >= 0).toBe(true)
      }
      await turn()
    })
  })

  it('reads any snapshot into valid entities or rejects it with a sentence', async () => {
    const snapshot = aSnapshot({
      openInvites: [anInvite()],
      sessions: [aSession()],
      recentMessages: [aMessage()],
    })
    const page = { ok: true, serverTime: FIXTURE_NOW, result: { kind: 'snapshot', snapshot } }
    await forEachMutant(mutants(page, { seed: 0x5eed06, count: MUTANTS }), async (mutant) => {
      const { link, connection } = online()
      const replay = link.replay(0, { snapshot: true })
      connection.requests[0]!.answer(mutant.value)
      const read = await replay.then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      )
      if ('error' in read) expect((read.error as Error).message).toMatch(/platform/)
      else {
        expect(read.value.kind).toBe('snapshot')
        if (read.value.kind === 'snapshot') expect(Snapshot.safeParse(read.value.snapshot).success).toBe(true)
      }
    })
  })
})
