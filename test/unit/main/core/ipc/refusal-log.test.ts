import { describe, expect, it } from 'vitest'
import { createRefusalLog } from '../../../../../src/main/core/ipc/refusal-log'
import { ManualClock } from '../../../../../src/shared/clock'
import { recordingLog } from '../../../../support/recording-log'

describe('the log of refused traffic', () => {
  it('writes a bounded number of refusals per window, then says how many it left out', () => {
    const clock = new ManualClock(0)
    const log = recordingLog()
    const refusals = createRefusalLog(log, clock, { lines: 2, windowMs: 1_000 })
    for (let i = 1; i <= 5; i++) refusals.warn(`refused ${i}`)
    expect(log.lines).toEqual([
      'warn refused 1',
      'warn refused 2 (further refusals are counted, not logged, for a while)',
    ])
    clock.advance(1_000)
    refusals.warn('refused 6')
    expect(log.lines.slice(2)).toEqual([
      'warn 3 more refusals like those above were not logged.',
      'warn refused 6',
    ])
  })

  it('says how many it left out as the window ends, though nothing is refused after the flood', () => {
    const clock = new ManualClock(0)
    const log = recordingLog()
    const refusals = createRefusalLog(log, clock, { lines: 2, windowMs: 1_000 })
    for (let i = 1; i <= 5; i++) refusals.error(`IPC settings.update failed ${i}`)
    for (let i = 1; i <= 4; i++) refusals.warn(`refused ${i}`)
    clock.advance(1_000)
    expect(log.lines.slice(4)).toEqual([
      'error 3 more failures like those above were not logged.',
      'warn 2 more refusals like those above were not logged.',
    ])
    // A line just after starts a window of its own, and nothing is counted twice.
    refusals.warn('refused 5')
    clock.advance(1_000)
    expect(log.lines.slice(6)).toEqual(['warn refused 5'])
  })

  it('at quit says at once how many it left out, and leaves no timer waiting for the window to end', () => {
    const clock = new ManualClock(0)
    const log = recordingLog()
    const refusals = createRefusalLog(log, clock, { lines: 2, windowMs: 1_000 })
    for (let i = 1; i <= 5; i++) refusals.warn(`refused ${i}`)
    for (let i = 1; i <= 3; i++) refusals.error(`IPC settings.update failed ${i}`)
    refusals.close()
    expect(log.lines.slice(4)).toEqual([
      'warn 3 more refusals like those above were not logged.',
      'error 1 more failures like those above were not logged.',
    ])
    expect(clock.pendingTimers).toBe(0)
    // A refusal during the rest of the quit is still bounded, and waits for no timer either.
    for (let i = 6; i <= 8; i++) refusals.warn(`refused ${i}`)
    expect(clock.pendingTimers).toBe(0)
  })

  it('bounds the failures of calls on their own, so refusals never hide one, and passes information through', () => {
    const clock = new ManualClock(0)
    const log = recordingLog()
    const refusals = createRefusalLog(log, clock, { lines: 2, windowMs: 1_000 })
    for (let i = 0; i < 3; i++) refusals.warn('refused')
    for (let i = 1; i <= 4; i++)
      refusals.error(`IPC messages.markRead failed ${i}`, new Error('disk I/O error'))
    refusals.info('started')
    expect(log.lines.map((line) => line.split(' ').slice(0, 5).join(' '))).toEqual([
      'warn refused',
      'warn refused (further refusals are',
      'error IPC messages.markRead failed 1',
      'error IPC messages.markRead failed 2',
      'info started',
    ])
    clock.advance(1_000)
    refusals.error('IPC messages.markRead failed 5')
    expect(log.lines.slice(5)).toEqual([
      'warn 1 more refusals like those above were not logged.',
      'error 2 more failures like those above were not logged.',
      'error IPC messages.markRead failed 5',
    ])
  })
})
