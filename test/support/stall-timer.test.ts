import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { stallTimer } from './stall-timer'

describe('stallTimer', () => {
  beforeEach(() => void vi.useFakeTimers())
  afterEach(() => void vi.useRealTimers())

  it('never fires while progress keeps coming, however long the whole wait takes', () => {
    const onStall = vi.fn()
    const timer = stallTimer(1_000, onStall)
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(900)
      timer.progress()
    }
    expect(onStall).not.toHaveBeenCalled()
    timer.stop()
  })

  it('fires once when nothing happens for its whole span, and never after stop', () => {
    const onStall = vi.fn()
    const timer = stallTimer(1_000, onStall)
    vi.advanceTimersByTime(500)
    timer.progress()
    vi.advanceTimersByTime(999)
    expect(onStall).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(onStall).toHaveBeenCalledTimes(1)
    const stopped = vi.fn()
    stallTimer(1_000, stopped).stop()
    vi.advanceTimersByTime(5_000)
    expect(stopped).not.toHaveBeenCalled()
  })
})
