import { describe, expect, it } from 'vitest'
import { answerCall } from '../../../../../src/main/core/ipc/answer-call'

describe('answerCall refusing an untrusted payload', () => {
  const wide = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`key${i}`, i]))
  let deep: unknown = 'x'
  for (let i = 0; i < 10_000; i++) deep = [deep]

  it.each([
    ['an object with a hundred thousand unknown keys', wide],
    ['an array nested ten thousand deep', deep],
    ['a field nested ten thousand deep', { theme: deep }],
  ])('refuses %s with a short message and a short log line', async (_, payload) => {
    const lines: string[] = []
    const log = { warn: (m: string) => lines.push(m), error: (m: string) => lines.push(m) }
    const result = await answerCall('settings.update', payload, () => Promise.reject(new Error('ran')), log)
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_payload' } })
    expect(JSON.stringify(result).length).toBeLessThan(1_000)
    expect(lines).toHaveLength(1)
    expect(lines[0]!.length).toBeLessThan(1_000)
  })
})
