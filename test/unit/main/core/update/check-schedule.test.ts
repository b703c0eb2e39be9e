/**
 * When the next update check runs: the regular time with its jitter, the backoff after failures in
 * a row (started over by an answered check), and one timer only.
 */
import { describe, expect, it } from 'vitest'
import { CheckSchedule } from '../../../../../src/main/core/update/check-schedule'
import { DEFAULT_UPDATE_TIMINGS } from '../../../../../src/main/core/update/update-deps'
import { ManualClock } from '../../../../../src/shared/clock'
import { FIXTURE_NOW, MINUTE } from '../../../../support/fixtures'

const HOUR = 60 * MINUTE

function setUp(random: number) {
  const clock = new ManualClock(FIXTURE_NOW)
  let due = 0
  const checks = new CheckSchedule({ clock, timings: DEFAULT_UPDATE_TIMINGS, random: () => random }, () => {
    due += 1
  })
  return { clock, checks, due: () => due }
}

describe('the update check schedule', () => {
  it('runs the regular check every four hours, give or take the jitter', () => {
    expect(setUp(0).checks.regular()).toBe(FIXTURE_NOW + 4 * HOUR - 30 * MINUTE)
    expect(setUp(1).checks.regular()).toBe(FIXTURE_NOW + 4 * HOUR + 30 * MINUTE)
  })

  it('backs off with each failure in a row, and an answered check starts the backoff over', () => {
    const { checks } = setUp(0)
    const waits = [1, 2, 3].map(() => checks.retry())
    expect(waits).toEqual([
      { attempt: 1, at: FIXTURE_NOW + MINUTE },
      { attempt: 2, at: FIXTURE_NOW + 2 * MINUTE },
      { attempt: 3, at: FIXTURE_NOW + 4 * MINUTE },
    ])
    checks.answered()
    expect(checks.retry()).toEqual({ attempt: 1, at: FIXTURE_NOW + MINUTE })
  })

  it('keeps one timer: a new plan replaces the old, and a cancelled one never runs', () => {
    const { clock, checks, due } = setUp(0)
    checks.regular()
    checks.retry()
    clock.advance(MINUTE)
    expect(due()).toBe(1)
    clock.advance(5 * HOUR)
    expect(due()).toBe(1)
    checks.retry()
    checks.cancel()
    clock.advance(5 * HOUR)
    expect(due()).toBe(1)
  })
})
