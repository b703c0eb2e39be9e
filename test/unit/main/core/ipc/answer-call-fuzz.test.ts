// Mutants of a valid request on every channel of the IPC contract, through the one answerCall path
// both carriers use: nothing throws, a handler only ever sees a request its schema holds (every
// string well-formed and bounded), each refusal names its channel in the log and what was not done
// in the expert's words in the answer,
// and a valid call after the garbage is still answered.
import { describe, expect, it } from 'vitest'
import { answerCall } from '../../../../../src/main/core/ipc/answer-call'
import { CALL_NOT_DONE } from '../../../../../src/shared/ipc/call-phrases'
import { invokeContract, type InvokeChannel } from '../../../../../src/shared/ipc/contract'
import { forEachMutant, mutants } from '../../../../support/mutation-fuzz'
import { recordingLog } from '../../../../support/recording-log'
import { VALID_REQUESTS } from '../../../../support/valid-ipc-requests'

const SAMPLES = VALID_REQUESTS

/** The most UTF-16 units of one string a handler may be given (the longest field, a message, is far below). */
const MOST_STRING_UNITS = 20_000

/** Where in `value` a string is ill-formed or too long, or a key is a prototype's; null when none. */
function badString(value: unknown, path = 'request', depth = 0): string | null {
  if (depth > 20) return `${path}: nested deeper than any request`
  if (typeof value === 'string') {
    if (!value.isWellFormed()) return `${path}: ill-formed Unicode`
    return value.length > MOST_STRING_UNITS ? `${path}: ${value.length} units` : null
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return `${path}: ${value}`
  if (typeof value !== 'object' || value === null) return null
  for (const [key, item] of Object.entries(value)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') return `${path}.${key}: kept`
    const problem = badString(item, `${path}.${key}`, depth + 1)
    if (problem !== null) return problem
  }
  return null
}

describe('answerCall against mutated requests on every channel', () => {
  const channels = Object.keys(SAMPLES) as InvokeChannel[]
  it('covers every channel of the contract', () => {
    expect(channels.sort()).toEqual(Object.keys(invokeContract).sort())
  })

  channels.forEach((channel, n) => {
    it(`${channel}: hands its handler only a valid, well-formed request, and refuses the rest in words`, async () => {
      const sample = SAMPLES[channel]
      const count = sample === undefined ? 40 : 200
      await forEachMutant(mutants(sample, { seed: 0x1bc000 + n, count }), async (mutant) => {
        const log = recordingLog()
        const seen: unknown[] = []
        const handler = (request: unknown): never => {
          seen.push(request)
          return undefined as never
        }
        const result = await answerCall(channel, mutant.value, handler, log)
        if (result.ok) {
          expect(seen).toHaveLength(1)
          expect(badString(seen[0])).toBeNull()
          expect(invokeContract[channel].request.safeParse(seen[0]).success).toBe(true)
        } else {
          expect(seen).toHaveLength(0)
          expect(result.error.code).toBe('invalid_payload')
          expect(result.error.message.startsWith(`${CALL_NOT_DONE[channel]}: `)).toBe(true)
          expect(result.error.message).not.toContain(channel)
          expect(result.error.message.length).toBeLessThan(1_000)
          expect(log.text()).toContain(`IPC ${channel} got an invalid payload`)
        }
        const valid = await answerCall(channel, structuredClone(sample), handler, log)
        expect(valid.ok).toBe(true)
      })
    })
  })
})

describe('answerCall against a request with a key its call does not have', () => {
  const objectChannels = (Object.keys(SAMPLES) as InvokeChannel[]).filter(
    (channel) => typeof SAMPLES[channel] === 'object' && SAMPLES[channel] !== null,
  )
  const extras: ReadonlyArray<readonly [string, string]> = [
    ['a key of its own', '"unexpected":true'],
    ['a __proto__ key', '"__proto__":{"admin":true}'],
    ['a constructor key', '"constructor":"x"'],
  ]
  it.each(objectChannels.flatMap((channel) => extras.map(([what, key]) => [channel, what, key] as const)))(
    '%s with %s: refused by name, never handed to the handler with the key dropped unseen',
    async (channel, _what, key) => {
      const log = recordingLog()
      const request: unknown = JSON.parse(JSON.stringify(SAMPLES[channel]).replace(/^\{/, `{${key},`))
      let called = false
      const result = await answerCall(channel, request, () => (called = true) as never, log)
      expect(called).toBe(false)
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_payload' } })
      expect(log.text()).toContain(`IPC ${channel} got an invalid payload`)
    },
  )
})
