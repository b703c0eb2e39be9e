/**
 * The calls of pages start one per turn of the event loop, the pages taken in turn, so a page
 * calling in a loop holds the host's thread for one call at a time, never for its whole flood.
 */
import { describe, expect, it } from 'vitest'
import { CALL_SLICE_MS, CallNotStarted, callTurns } from '../../../../../src/main/core/ipc/call-turns'
import { holdThread } from '../../../../support/hold-thread'

/**
 * Turns that go round only when the test says so, on a clock that moves only when the test moves
 * it: with a slice of none, one call per turn.
 */
function steppedTurns(sliceMs = 0) {
  const waiting: Array<() => void> = []
  const clock = { ms: 0 }
  return {
    clock,
    timing: {
      nextTurn: () => new Promise<void>((resolve) => waiting.push(resolve)),
      now: () => clock.ms,
      sliceMs,
    },
    /** Lets one turn go round and whatever it started run up to its first wait. */
    async step() {
      waiting.shift()?.()
      for (let i = 0; i < 5; i++) await Promise.resolve()
    },
  }
}

describe('callTurns', () => {
  it('starts a page’s calls one per turn, in the order they came', async () => {
    const turns = steppedTurns()
    const calls = callTurns<string>(turns.timing)
    const started: number[] = []
    const answers = [1, 2, 3].map((n) =>
      calls.start('page', async () => {
        started.push(n)
        return n * 10
      }),
    )
    expect(started).toEqual([])
    await turns.step()
    expect(started).toEqual([1])
    await turns.step()
    expect(started).toEqual([1, 2])
    await turns.step()
    expect(await Promise.all(answers)).toEqual([10, 20, 30])
  })

  it('starts calls in one turn while they took less than a slice, and the rest in the next', async () => {
    const turns = steppedTurns(CALL_SLICE_MS)
    const calls = callTurns<string>(turns.timing)
    const started: number[] = []
    for (let n = 1; n <= 5; n++)
      void calls.start('page', async () => {
        started.push(n)
        // Each holds the thread half a slice.
        turns.clock.ms += CALL_SLICE_MS / 2
      })
    await turns.step()
    expect(started).toEqual([1, 2])
    await turns.step()
    expect(started).toEqual([1, 2, 3, 4])
  })

  it('takes the waiting pages in turn, so a flood delays another page by one call', async () => {
    const turns = steppedTurns()
    const calls = callTurns<string>(turns.timing)
    const started: string[] = []
    for (let i = 0; i < 50; i++) void calls.start('flood', async () => void started.push('flood'))
    void calls.start('window', async () => void started.push('window'))
    await turns.step()
    await turns.step()
    expect(started).toEqual(['flood', 'window'])
  })

  it('lets the next call start while an earlier one waits on something', async () => {
    const turns = steppedTurns()
    const calls = callTurns<string>(turns.timing)
    let release = (): void => {}
    const slow = calls.start(
      'page',
      () => new Promise<string>((resolve) => (release = () => resolve('slow'))),
    )
    const quick = calls.start('page', async () => 'quick')
    await turns.step()
    await turns.step()
    await expect(quick).resolves.toBe('quick')
    release()
    await expect(slow).resolves.toBe('slow')
  })

  it('never starts the waiting calls of a caller that went away, telling each, and serves the others', async () => {
    const turns = steppedTurns()
    const calls = callTurns<string>(turns.timing)
    const started: string[] = []
    const gone = [1, 2, 3].map(() => calls.start('gone', async () => void started.push('gone')))
    const staying = calls.start('staying', async () => void started.push('staying'))
    await turns.step()
    expect(calls.forget('gone')).toBe(2)
    await expect(gone[1]).rejects.toBeInstanceOf(CallNotStarted)
    await expect(gone[2]).rejects.toBeInstanceOf(CallNotStarted)
    await turns.step()
    await staying
    expect(started).toEqual(['gone', 'staying'])
    expect(calls.forget('gone')).toBe(0)
  })

  it('answers a call whose work throws with its error, and goes on to the next', async () => {
    const turns = steppedTurns()
    const calls = callTurns<string>(turns.timing)
    const thrown = calls.start('page', () => {
      throw new Error('broken')
    })
    const next = calls.start('page', async () => 'next')
    await turns.step()
    await expect(thrown).rejects.toThrow('broken')
    await turns.step()
    await expect(next).resolves.toBe('next')
  })

  it('goes round the event loop by default, so a timer due now runs between two calls', async () => {
    const calls = callTurns<string>()
    const order: string[] = []
    const timer = new Promise<void>((resolve) =>
      setTimeout(() => {
        order.push('timer')
        resolve()
      }, 0),
    )
    const flood = Array.from({ length: 20 }, () =>
      calls.start('page', async () => {
        // As a cache read over a long History does: past a slice, one call per turn.
        holdThread(CALL_SLICE_MS)
        order.push('call')
      }),
    )
    await Promise.all([timer, ...flood])
    expect(order.indexOf('timer')).toBeLessThan(order.length - 1)
  })
})
