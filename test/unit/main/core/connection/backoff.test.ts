import { describe, expect, it } from 'vitest'
import { backoffDelay, BACKOFF_CAP_MS } from '../../../../../src/main/core/connection/backoff'

describe('backoffDelay', () => {
  it('starts at about 1 s, doubles, and never exceeds 10 s', () => {
    expect(backoffDelay(1, 0)).toBe(1_000)
    expect(backoffDelay(2, 0)).toBe(2_000)
    expect(backoffDelay(3, 0)).toBe(4_000)
    expect(backoffDelay(4, 0)).toBe(8_000)
    expect(backoffDelay(5, 0)).toBe(BACKOFF_CAP_MS)
    expect(backoffDelay(500, 0)).toBe(BACKOFF_CAP_MS)
  })

  it('spreads retries with up to 25 % of jitter below the base', () => {
    expect(backoffDelay(1, 0.999)).toBeGreaterThanOrEqual(750)
    expect(backoffDelay(1, 0.5)).toBe(875)
    expect(backoffDelay(9, 0.999)).toBeGreaterThanOrEqual(7_500)
  })
})
