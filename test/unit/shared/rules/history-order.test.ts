import { describe, expect, it } from 'vitest'
import { comesAfter, historyCursorOf } from '../../../../src/shared/rules/history-order'

describe('the history order', () => {
  const cursor = historyCursorOf({ id: 'ses_m', bookedStart: 1_000 })

  it('puts earlier starts after the cursor, and later ones before it', () => {
    expect(comesAfter({ id: 'ses_z', bookedStart: 999 }, cursor)).toBe(true)
    expect(comesAfter({ id: 'ses_a', bookedStart: 1_001 }, cursor)).toBe(false)
  })

  it('orders sessions that start at the same moment by id, descending, and never counts the cursor itself', () => {
    expect(comesAfter({ id: 'ses_l', bookedStart: 1_000 }, cursor)).toBe(true)
    expect(comesAfter({ id: 'ses_n', bookedStart: 1_000 }, cursor)).toBe(false)
    expect(comesAfter({ id: 'ses_m', bookedStart: 1_000 }, cursor)).toBe(false)
  })
})
