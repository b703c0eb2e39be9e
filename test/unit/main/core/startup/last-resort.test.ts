import { describe, expect, it, vi } from 'vitest'
import {
  createLastResort,
  KEPT_RUNNING_NOTICE,
  mayRelaunch,
  RELAUNCH_SPACING_MS,
  RELAUNCHED_AFTER_ERROR_FLAG,
  relaunchArgs,
  relaunchedAt,
  relaunchRecord,
  type LastResortDeps,
} from '../../../../../src/main/core/startup/last-resort'
import { recordingLog } from '../../../../support/recording-log'

/** A disk that keeps the record between runs, and a clock the test moves. */
function world() {
  const disk: { record: string | null } = { record: null }
  const clock = { at: 1_700_000_000_000, now: () => clock.at }
  /** One run of the app: its own last resort over the shared disk and clock. */
  const run = (overrides: Partial<LastResortDeps> = {}) => {
    const log = recordingLog()
    const relaunch = vi.fn()
    const tell = vi.fn()
    const lastResort = createLastResort({
      log,
      clock,
      quitting: () => false,
      readRecord: () => disk.record,
      writeRecord: (record) => {
        disk.record = record
      },
      relaunch,
      tell,
      ...overrides,
    })
    return { lastResort, log, relaunch, tell }
  }
  return { disk, clock, run }
}

describe('the last resort for an error nothing caught', () => {
  it('logs the error and relaunches once, telling nothing yet (the relaunched run says why)', () => {
    const { run, disk, clock } = world()
    const first = run()
    first.lastResort.uncaughtException(new TypeError('reading "title" of undefined'))
    expect(first.log.text()).toContain('An unexpected error reached the top of the main process')
    expect(first.log.text()).toContain('reading "title" of undefined')
    expect(first.relaunch).toHaveBeenCalledOnce()
    expect(first.tell).not.toHaveBeenCalled()
    expect(relaunchedAt(disk.record)).toBe(clock.at)
    // Another error while the quit winds down: logged, no second relaunch.
    first.lastResort.uncaughtException(new Error('again'))
    expect(first.relaunch).toHaveBeenCalledOnce()
    expect(first.log.text()).toContain('again')
  })

  it('keeps running and says so when the error comes back soon after the relaunch, then relaunches again once the spacing passed', () => {
    const { run, clock } = world()
    run().lastResort.uncaughtException(new Error('first'))
    clock.at += RELAUNCH_SPACING_MS - 1
    const second = run()
    second.lastResort.uncaughtException(new Error('second'))
    expect(second.relaunch).not.toHaveBeenCalled()
    expect(second.tell).toHaveBeenCalledWith(KEPT_RUNNING_NOTICE)
    expect(second.log.text()).toContain('Standby keeps running')
    // The same error again in this run: logged, and the expert is not told again.
    second.lastResort.uncaughtException(new Error('second again'))
    expect(second.tell).toHaveBeenCalledOnce()
    expect(second.log.text()).toContain('second again')
    clock.at += 1
    const third = run()
    third.lastResort.uncaughtException(new Error('third'))
    expect(third.relaunch).toHaveBeenCalledOnce()
  })

  it('does not relaunch during a quit already under way (the expert’s, or a restart to update): the quit goes on', () => {
    const { run, disk } = world()
    const { lastResort, log, relaunch, tell } = run({ quitting: () => true })
    lastResort.uncaughtException(new Error('closing the cache failed'))
    expect(log.text()).toContain('closing the cache failed')
    expect(relaunch).not.toHaveBeenCalled()
    expect(tell).not.toHaveBeenCalled()
    // Nothing recorded: the next run, started by the expert, may still relaunch once.
    expect(disk.record).toBeNull()
  })

  it('does not relaunch when it cannot record the relaunch: nothing would stop a loop', () => {
    const { run } = world()
    const { lastResort, relaunch, tell, log } = run({
      writeRecord: () => {
        throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' })
      },
    })
    lastResort.uncaughtException(new Error('boom'))
    expect(relaunch).not.toHaveBeenCalled()
    expect(tell).toHaveBeenCalledWith(KEPT_RUNNING_NOTICE)
    expect(log.text()).toContain('could not record the relaunch')
  })

  it('does not relaunch when it cannot read the record: it cannot tell a loop from a first time', () => {
    const { run } = world()
    const { lastResort, relaunch, tell } = run({
      readRecord: () => {
        throw Object.assign(new Error('permission denied'), { code: 'EACCES' })
      },
    })
    lastResort.uncaughtException(new Error('boom'))
    expect(relaunch).not.toHaveBeenCalled()
    expect(tell).toHaveBeenCalledWith(KEPT_RUNNING_NOTICE)
  })

  it('keeps running and says so when the relaunch itself fails', () => {
    const { run } = world()
    const { lastResort, tell } = run({
      relaunch: () => {
        throw new Error('relaunch refused')
      },
    })
    lastResort.uncaughtException(new Error('boom'))
    expect(tell).toHaveBeenCalledWith(KEPT_RUNNING_NOTICE)
  })

  it('never throws, whatever its log, disk or notifier do (a throw there would end the app silently)', () => {
    const { run } = world()
    const broken = () => {
      throw new Error('broken')
    }
    const { lastResort } = run({
      log: { info: broken, warn: broken, error: broken },
      quitting: broken,
      readRecord: broken,
      relaunch: broken,
      tell: broken,
    })
    expect(() => lastResort.uncaughtException(new Error('boom'))).not.toThrow()
    expect(() => lastResort.unhandledRejection(new Error('boom'))).not.toThrow()
  })

  it('logs a promise that failed with no one to handle it, and goes on: no relaunch, no notification', () => {
    const { run, disk } = world()
    const { lastResort, log, relaunch, tell } = run()
    lastResort.unhandledRejection(new Error('socket closed'))
    expect(log.text()).toContain('A promise failed with no one to handle it')
    expect(log.text()).toContain('socket closed')
    expect(relaunch).not.toHaveBeenCalled()
    expect(tell).not.toHaveBeenCalled()
    expect(disk.record).toBeNull()
  })
})

describe('the relaunch record', () => {
  it('allows a relaunch with none, after the spacing, and not within it nor a little ahead of the clock', () => {
    expect(mayRelaunch(1_000, null)).toBe(true)
    expect(mayRelaunch(RELAUNCH_SPACING_MS, 0)).toBe(true)
    expect(mayRelaunch(RELAUNCH_SPACING_MS - 1, 0)).toBe(false)
    // The clock was set back a few minutes since: counted as recent, so it cannot make a loop.
    expect(mayRelaunch(0, RELAUNCH_SPACING_MS - 1)).toBe(false)
  })

  it('relaunches again once a clock that ran years ahead is set right, and only once', () => {
    const { run, disk, clock } = world()
    // The last relaunch was recorded while the clock read five years ahead.
    disk.record = relaunchRecord(clock.at + 5 * 365 * 24 * 60 * 60_000)
    const first = run()
    first.lastResort.uncaughtException(new Error('first'))
    expect(first.relaunch).toHaveBeenCalledOnce()
    expect(relaunchedAt(disk.record)).toBe(clock.at)
    // The relaunch is recorded at the right time: an error soon after keeps the app running.
    clock.at += 1_000
    const second = run()
    second.lastResort.uncaughtException(new Error('again'))
    expect(second.relaunch).not.toHaveBeenCalled()
    expect(second.tell).toHaveBeenCalledWith(KEPT_RUNNING_NOTICE)
  })

  it('reads back what it wrote, and finds no record in anything else', () => {
    expect(relaunchedAt(relaunchRecord(42))).toBe(42)
    for (const text of [
      null,
      '',
      'not json',
      '[]',
      'null',
      '{"relaunchedAt":"42"}',
      '{"relaunchedAt":1e999}',
      '{}',
    ])
      expect([text, relaunchedAt(text)]).toEqual([text, null])
  })

  it('relaunches with this run’s arguments, flagged once, and without a standby:// link already opened', () => {
    expect(relaunchArgs(['/app', '--hidden', 'standby://invite/inv_1', RELAUNCHED_AFTER_ERROR_FLAG])).toEqual(
      ['/app', '--hidden', RELAUNCHED_AFTER_ERROR_FLAG],
    )
  })
})
