/** The ids the platform issues: what they look like, that none repeats, and that they sort by time of issue. */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { newId } from '../../../server/src/ids'

afterEach(() => {
  vi.useRealTimers()
})

describe('newId', () => {
  it('names what it identifies, then the time of issue, then random hex digits', () => {
    expect(newId('inv')).toMatch(/^inv_[0-9a-z]{9}[0-9a-f]{12}$/)
    expect(newId('req')).toMatch(/^req_[0-9a-z]{9}[0-9a-f]{12}$/)
  })

  it('never repeats within a millisecond, across many draws of random bytes', () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 11, 1, 12) })
    const ids = Array.from({ length: 5_000 }, () => newId('inv'))
    expect(new Set(ids).size).toBe(ids.length)
    expect(new Set(ids.map((id) => id.slice(4, 13))).size).toBe(1)
  })

  it('sorts by the time of issue, whichever prefix was issued last in the millisecond before', () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 11, 1, 12) })
    const first = newId('inv')
    newId('req')
    vi.advanceTimersByTime(1)
    const later = newId('inv')
    vi.setSystemTime(Date.UTC(2031, 0, 1))
    const muchLater = newId('inv')
    expect([muchLater, later, first].sort()).toEqual([first, later, muchLater])
    expect(later.slice(4, 13)).toBe((Date.UTC(2026, 11, 1, 12) + 1).toString(36).padStart(9, '0'))
  })

  it('takes the time as the clock now says when it is stepped back, never the later millisecond it saw', () => {
    const later = Date.UTC(2026, 11, 1, 12, 0, 5)
    vi.useFakeTimers({ now: later })
    const before = newId('inv')
    vi.setSystemTime(later - 5_000)
    const after = newId('inv')
    expect(after.slice(4, 13)).toBe((later - 5_000).toString(36).padStart(9, '0'))
    expect(after).not.toBe(before)
    vi.setSystemTime(later)
    expect(newId('inv').slice(4, 13)).toBe(before.slice(4, 13))
  })
})
