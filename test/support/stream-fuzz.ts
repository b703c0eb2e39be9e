/**
 * A seeded generator of what a broken or hostile platform does to an app following its event
 * stream (stream-platform.ts): good events pushed, held back (a gap), swapped, pushed again; broken
 * events (the mutation fuzzer's mutants) stored and pushed at their place; pushes with no place at
 * all (binary, unknown names, prototype keys, huge or deep values, closing notices); events for
 * another expert; second welcomes; dropped connections; replays answered twice or never. The same seed always
 * gives the same script of the platform's, so a failure names its seed; it does not give the same
 * run: the core meets that script over real sockets and timers, so what arrives during a replay,
 * and after which reconnect, may differ each time. A seed that failed once is run again several
 * times, and a failure it does not repeat is still a bug, of an order the seed cannot pin down.
 */
import type { Socket } from 'socket.io'
import {
  CLOSING_EVENT,
  LIVE_EVENT,
  PlatformEvent,
  TOO_MANY_MESSAGES,
  WELCOME_EVENT,
} from '../../src/shared/protocol'
import { mostMessageBytes } from '../../src/shared/protocol/message-size'
import { anExpert, anInvite, aRequest, expertUpdated } from './fixtures'
import { DEEP_NESTING, HUGE_ARRAY_ITEMS, mutants, seededRandom } from './mutation-fuzz'
import { digestOf, goodEvent, type StreamPlatform } from './stream-platform'

/** Values nested deeper than this are written by hand: socket.io's encoder recurses over them. */
const ENCODABLE_DEPTH = 1_000

/** How deeply `value` nests, counted without recursion. */
function depthOf(value: unknown): number {
  let deepest = 0
  const stack: Array<readonly [unknown, number]> = [[value, 0]]
  while (stack.length > 0) {
    const [here, depth] = stack.pop()!
    deepest = Math.max(deepest, depth)
    if (typeof here === 'object' && here !== null && !Buffer.isBuffer(here))
      for (const child of Object.values(here)) stack.push([child, depth + 1])
  }
  return deepest
}

/**
 * `value` as JSON text, nested as deep as it is: JSON.stringify and plain recursion give up far
 * sooner, so a run of single-item arrays and single-key objects (the fuzzer's deep nesting) is
 * written in a loop.
 */
function jsonOf(value: unknown): string {
  let open = ''
  let close = ''
  let here = value
  for (;;) {
    if (Array.isArray(here) && here.length === 1) {
      open += '['
      close = `]${close}`
      here = here[0] ?? null
    } else if (
      typeof here === 'object' &&
      here !== null &&
      !Array.isArray(here) &&
      Object.keys(here).length === 1
    ) {
      const [key, inner] = Object.entries(here)[0]!
      if (inner === undefined) break
      open += `{${JSON.stringify(key)}:`
      close = `}${close}`
      here = inner
    } else break
  }
  return `${open}${shallowJson(here)}${close}`
}

function shallowJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => jsonOf(item ?? null)).join(',')}]`
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null'
  const fields = Object.entries(value).filter(([, v]) => v !== undefined)
  return `{${fields.map(([k, v]) => `${JSON.stringify(k)}:${jsonOf(v)}`).join(',')}}`
}

/** What a run did, for the test's checks and its failure message. */
export interface FuzzRun {
  /** The good invites the stream holds: each must be shown once and kept. */
  readonly good: string[]
  /** The invites only broken records carried: none may be kept. */
  readonly broken: string[]
  /** Ids of the records that are broken or contradict the stream (each told in the log). */
  readonly badIds: number[]
  /** What each step did, in order. */
  readonly steps: string[]
}

/** Pushes with no place in the stream: the core reads none as an event. */
function placeless(pick: <T>(items: ReadonlyArray<T>) => T): readonly [string, unknown, string?] {
  const proto = JSON.parse('{"__proto__": {"id": 1, "polluted": true}, "constructor": {"prototype": {}}}')
  let deep: unknown = 1
  for (let i = 0; i < DEEP_NESTING; i++) deep = { a: deep }
  return pick<readonly [string, unknown, string?]>([
    ['a binary frame', Buffer.from('{"id":1}')],
    ['a string', '{"id":1,"type":"invite.created"}'],
    ['a number', 1],
    ['null', null],
    ['an empty array', []],
    ['prototype keys', proto],
    ['deep nesting', deep],
    ['a huge array', Array.from({ length: HUGE_ARRAY_ITEMS }, () => 1)],
    ['a lone surrogate id', { id: '\ud800', type: 'invite.created' }],
    ['an unknown message name', { id: 1 }, 'invite.created'],
    ['a known name of another direction', { id: 1 }, 'command'],
    ['a closing notice with no close after it', { reason: TOO_MANY_MESSAGES }, CLOSING_EVENT],
    ['a closing notice nested deep', { reason: deep }, CLOSING_EVENT],
  ])
}

/** Run `steps` seeded steps of a hostile platform against the core on `platform`. */
export async function runStreamFuzz(
  platform: StreamPlatform,
  seed: number,
  steps: number,
  between: () => Promise<void>,
): Promise<FuzzRun> {
  const random = seededRandom(seed)
  const pick = <T>(items: ReadonlyArray<T>): T => items[Math.floor(random() * items.length)] as T
  const run: FuzzRun = { good: [], broken: [], badIds: [], steps: [] }
  const { records } = platform
  const now = Date.now()
  /** Push `value`, written whole when socket.io cannot encode it (nested past its stack). */
  const emit = async (name: string, value: unknown): Promise<void> => {
    if (depthOf(value) < ENCODABLE_DEPTH)
      for (const socket of await platform.sockets()) socket.emit(name, value)
    else await platform.emitRaw(name, jsonOf(value))
  }
  const appendGood = (): PlatformEvent => {
    const event = goodEvent(records.length + 1, now)
    records.push(event)
    run.good.push(`inv_g${event.id}`)
    return event
  }
  const early: unknown[] = []
  platform.beforeWelcome((socket: Socket) => {
    for (const value of early.splice(0)) socket.emit(LIVE_EVENT, value)
  })
  for (let step = 0; step < steps; step++) {
    const roll = random()
    if (roll < 0.25) {
      const event = appendGood()
      run.steps.push(`good ${event.id}`)
      await emit(LIVE_EVENT, event)
    } else if (roll < 0.32) {
      run.steps.push(`held back ${appendGood().id}`)
    } else if (roll < 0.4) {
      const first = appendGood()
      const second = appendGood()
      run.steps.push(`swapped ${first.id} and ${second.id}`)
      await emit(LIVE_EVENT, second)
      await emit(LIVE_EVENT, first)
    } else if (roll < 0.47 && records.length > 0) {
      const id = 1 + Math.floor(random() * records.length)
      run.steps.push(`pushed ${id} again`)
      await emit(LIVE_EVENT, records[id - 1])
    } else if (roll < 0.62) {
      const id = records.length + 1
      const sample = goodEvent(id, now)
      const request = aRequest({ id: `req_b${id}`, title: `Broken ${id}`, createdAt: now })
      const invite = { ...sample.payload.invite, id: `inv_b${id}`, request }
      const [mutant] = mutants({ ...sample, payload: { invite } }, { seed: seed * 1_000 + step, count: 1 })
      const value = mutant!.value as { id?: unknown }
      const placed = value !== null && typeof value === 'object' && value.id === id
      if (PlatformEvent.safeParse(value).success) {
        run.steps.push(`a mutant the schema takes (${mutant!.what}) at ${id}`)
        continue
      }
      // One socket.io cannot encode could not be replayed, and pushed it would take its place
      // from the good event the replay brings: deep-pushes.test.ts pushes those.
      if (placed && depthOf(value) >= ENCODABLE_DEPTH) {
        run.steps.push(`not sent, too deep to replay: ${mutant!.what}`)
        continue
      }
      // One past the most bytes a message may carry ends the connection before its id is read:
      // pushed, it takes no place; stored, no replay could bring what follows it.
      if (placed && jsonOf(value).length > mostMessageBytes()) {
        run.broken.push(`inv_b${id}`)
        run.steps.push(`pushed past the largest message, not stored: ${mutant!.what}`)
        await emit(LIVE_EVENT, value)
        continue
      }
      run.broken.push(`inv_b${id}`)
      if (placed) {
        records.push(value)
        run.badIds.push(id)
      }
      run.steps.push(`broken ${placed ? `record ${id}` : 'push'}: ${mutant!.what}`)
      await emit(LIVE_EVENT, value)
    } else if (roll < 0.72) {
      const [what, value, name] = placeless(pick)
      run.steps.push(`placeless push: ${what}`)
      await emit(name ?? LIVE_EVENT, value)
    } else if (roll < 0.77) {
      const id = records.length + 1
      const event = { ...expertUpdated(id, anExpert({ id: 'exp_mallory' }), now), digest: digestOf(id) }
      records.push(event)
      run.badIds.push(id)
      run.steps.push(`another expert's profile at ${id}`)
      await emit(LIVE_EVENT, event)
    } else if (roll < 0.81) {
      run.steps.push('a second welcome')
      await emit(WELCOME_EVENT, {
        protocolVersion: 1,
        expertId: 'exp_mallory',
        latestEventId: 0,
        serverTime: 0,
      })
    } else if (roll < 0.87) {
      const ahead = goodEvent(records.length + 1, now)
      early.push(ahead, ...records.slice(-2))
      run.steps.push(`connection dropped; the next pushes ${ahead.id} before its welcome`)
      records.push(ahead)
      run.good.push(`inv_g${ahead.id}`)
      for (const socket of await platform.sockets()) socket.disconnect(true)
    } else if (roll < 0.93) {
      const manner = pick(['twice', 'never'] as const)
      platform.answerNextReplay(manner)
      const event = appendGood()
      run.steps.push(`the next replay answered ${manner}; held back ${event.id}, pushed ${event.id + 1}`)
      await emit(LIVE_EVENT, appendGood())
    } else {
      const event = appendGood()
      run.steps.push(`good ${event.id}, then again under its id with another invite`)
      await emit(LIVE_EVENT, event)
      run.broken.push(`inv_x${event.id}`)
      const other = anInvite({ id: `inv_x${event.id}`, request: aRequest({ id: `req_x${event.id}` }) })
      await emit(LIVE_EVENT, { ...event, payload: { invite: other } })
    }
    await between()
  }
  return run
}
