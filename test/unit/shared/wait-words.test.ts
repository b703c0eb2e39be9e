import { describe, expect, it } from 'vitest'
import { describeWait } from '../../../src/shared/wait-words'

describe('a wait in words', () => {
  it('rounds up to whole seconds, then minutes, then hours, never saying zero', () => {
    expect(describeWait(0)).toBe('1 second')
    expect(describeWait(1_000)).toBe('1 second')
    expect(describeWait(1_001)).toBe('2 seconds')
    expect(describeWait(59_000)).toBe('59 seconds')
    expect(describeWait(60_000)).toBe('1 minute')
    expect(describeWait(61_000)).toBe('2 minutes')
    expect(describeWait(15 * 60_000)).toBe('15 minutes')
    expect(describeWait(3 * 3_600_000)).toBe('3 hours')
  })
})
