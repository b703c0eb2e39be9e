// The line under History's title counts rows in words that agree with the number.
import { describe, expect, it } from 'vitest'
import { historyCountLine } from '../../../src/renderer/components/HistoryView'

describe("History's count line", () => {
  it('says one session, and sessions for any other number or while more are to read', () => {
    expect(historyCountLine(1, false, true)).toBe('1 matching session')
    expect(historyCountLine(1, false, false)).toBe('1 past session')
    expect(historyCountLine(0, false, true)).toBe('0 matching sessions')
    expect(historyCountLine(3, false, false)).toBe('3 past sessions')
    expect(historyCountLine(1, true, false)).toBe('1+ past sessions')
    expect(historyCountLine(1200, true, true)).toBe(`${(1200).toLocaleString()}+ matching sessions`)
  })
})
