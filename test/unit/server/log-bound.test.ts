import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../../src/shared/clock'
import { boundRepeats } from '../../../server/src/log-bound'
import { MemoryLogger } from '../../../server/src/logger'

describe('repeated log lines', () => {
  const bound = { linesPerMessage: 3, windowMs: 60_000 }

  it('are written at most so many times a window, then counted once, and other lines still get through', () => {
    const inner = new MemoryLogger()
    const clock = new ManualClock(0)
    const logger = boundRepeats(inner, clock, bound)
    for (let i = 0; i < 100; i++) logger.warn('connection refused: unknown token', { attempt: i })
    logger.error('sweep failed')
    expect(inner.lines).toHaveLength(4)
    expect(inner.lines.at(-1)).toMatch(/error sweep failed$/)

    clock.advance(bound.windowMs)
    expect(inner.lines).toHaveLength(5)
    expect(inner.lines.at(-1)).toMatch(
      /warn connection refused: unknown token \(repeated: 97 more such lines were left out\)/,
    )
    // A new window writes the message again.
    logger.warn('connection refused: unknown token')
    expect(inner.lines).toHaveLength(6)
  })

  it('write what the open window left out when the platform stops', () => {
    const inner = new MemoryLogger()
    const logger = boundRepeats(inner, new ManualClock(0), bound)
    for (let i = 0; i < 5; i++) logger.info('signed in')
    logger.close()
    expect(inner.lines.at(-1)).toMatch(/2 more such lines were left out/)
  })
})
