import { describe, expect, it } from 'vitest'
import { waitCue } from '../../../src/renderer/logic/wait-cue'

const SENT = Date.UTC(2026, 10, 30, 12)
const after = (seconds: number) => waitCue(SENT, SENT + seconds * 1000)

describe('how long an instant invite has waited', () => {
  it('stays calm before half the platform average and says the average', () => {
    expect(after(29)).toEqual({ level: 'calm', text: 'Waiting 0:29; the platform’s average is 1 min' })
  })

  it('gives a quiet cue from 30 seconds, in words', () => {
    expect(after(30)).toEqual({
      level: 'quiet',
      text: 'Waiting 0:30, nearing the platform’s average of 1 min',
    })
    expect(after(59).level).toBe('quiet')
  })

  it('gives a stronger cue from 60 seconds, in words', () => {
    expect(after(60)).toEqual({
      level: 'strong',
      text: 'Waiting 1:00, past the platform’s average of 1 min',
    })
    expect(after(600).level).toBe('strong')
  })

  it('counts a sent time ahead of the clock as no wait at all', () => {
    expect(after(-5)).toEqual(after(0))
  })
})
