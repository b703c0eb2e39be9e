import { describe, expect, it } from 'vitest'
import { callsInFlight } from '../../../../../src/main/core/ipc/calls-in-flight'

describe('callsInFlight', () => {
  it('refuses a caller past its bound, each caller on its own, and takes calls again as they end', () => {
    const calls = callsInFlight<number>(2)
    const [a, b] = [calls.begin(1), calls.begin(1)]
    expect(calls.begin(1)).toBeUndefined()
    expect(calls.begin(2)).toBeDefined()
    a?.()
    expect(calls.count(1)).toBe(1)
    expect(calls.begin(1)).toBeDefined()
    expect(b).toBeDefined()
  })

  it('counts a call once however often its end is called', () => {
    const calls = callsInFlight<string>(2)
    const first = calls.begin('page')
    calls.begin('page')
    first?.()
    first?.()
    expect(calls.count('page')).toBe(1)
  })
})
