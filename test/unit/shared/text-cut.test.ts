import { describe, expect, it } from 'vitest'
import { cutBeforeWord } from '../../../src/shared/text-cut'

describe('cutting text before the word a cut would split', () => {
  it('cuts before the word the length ends in, keeping the word whole after the cut', () => {
    expect(cutBeforeWord('the needlework here', 10, 50)).toBe('the ')
    expect(cutBeforeWord('שלום עולם ומלואו', 7, 50)).toBe('שלום ')
  })

  it('cuts where the length ends when that is between words already', () => {
    expect(cutBeforeWord('the needlework here', 4, 50)).toBe('the ')
    expect(cutBeforeWord('the needlework here', 15, 50)).toBe('the needlework ')
  })

  it('keeps a mark that joins a space with it, cutting inside the word instead', () => {
    expect(cutBeforeWord('the \u0301needlework here', 10, 50)).toBe('the \u0301needl')
  })

  it('leaves text no longer than the length whole', () => {
    expect(cutBeforeWord('the needlework', 14, 50)).toBe('the needlework')
  })

  it('cuts an unbroken run longer than the longest word kept whole between its characters', () => {
    const run = `a${'👩‍👩‍👧‍👦'.repeat(40)}`
    const cut = cutBeforeWord(run, 100, 20)
    expect(cut.length).toBeLessThanOrEqual(100)
    expect(cut.length).toBeGreaterThan(80)
    expect(run.startsWith(cut)).toBe(true)
    expect(cut.endsWith('👦')).toBe(true)
  })
})
