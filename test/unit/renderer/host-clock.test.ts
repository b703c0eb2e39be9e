import { describe, expect, it, vi } from 'vitest'
import { createHostClock } from '../../../src/renderer/store/host-clock'
import type { PlatformClockState } from '../../../src/shared/clock-skew'
import type { StandbyApi } from '../../../src/shared/ipc/standby-api'
import { FIXTURE_NOW } from '../../support/fixtures'
import { usePageTimersAt } from '../../support/page-timers'

const HOUR = 3_600_000
const SKEWED: PlatformClockState = { offsetMs: 2 * HOUR, measured: true }

/** A host whose platform clock is `offset` ahead of the page's, answering or failing as told. */
function host() {
  const state = { clock: SKEWED, fail: false, push: (_clock: PlatformClockState): void => undefined }
  const api = {
    app: {
      getTime: () =>
        Promise.resolve(
          state.fail
            ? { ok: false, error: { code: 'transport_failed', message: 'gone' } }
            : { ok: true, value: { now: Date.now() + state.clock.offsetMs, clock: state.clock } },
        ),
    },
    clock: {
      onChanged: (listener: (clock: PlatformClockState) => void) => {
        state.push = listener
        return () => undefined
      },
    },
  } as unknown as Pick<StandbyApi, 'app' | 'clock'>
  return { api, state }
}

describe('the host clock store', () => {
  usePageTimersAt(FIXTURE_NOW)

  it('counts in the platform’s time, and keeps its offset when the host cannot answer', async () => {
    const { api, state } = host()
    const clock = createHostClock(api, 1_000, FIXTURE_NOW)
    await clock.ready
    expect(clock.getSnapshot()).toBe(FIXTURE_NOW + 2 * HOUR)
    expect(clock.offset.getSnapshot()).toEqual(SKEWED)
    state.fail = true
    vi.setSystemTime(FIXTURE_NOW + 5_000)
    await clock.refresh()
    expect(clock.getSnapshot()).toBe(FIXTURE_NOW + 5_000 + 2 * HOUR)
    clock.stop()
  })

  it('follows a pushed offset at once, without waiting for the next tick', async () => {
    const { api, state } = host()
    const clock = createHostClock(api, 60_000, FIXTURE_NOW)
    await clock.ready
    // The expert fixed the computer's clock.
    state.clock = { offsetMs: 0, measured: true }
    state.push(state.clock)
    expect(clock.offset.getSnapshot()).toEqual({ offsetMs: 0, measured: true })
    await clock.refresh()
    expect(clock.getSnapshot()).toBe(FIXTURE_NOW)
    clock.stop()
  })

  it('keeps a pushed offset when an answer asked before the push arrives after it', async () => {
    const { api, state } = host()
    const clock = createHostClock(api, 60_000, FIXTURE_NOW)
    await clock.ready
    // An answer on its way still carries the old offset when the expert fixes the computer's clock.
    const asking = clock.refresh()
    state.clock = { offsetMs: 0, measured: true }
    state.push(state.clock)
    await asking
    expect(clock.offset.getSnapshot()).toEqual({ offsetMs: 0, measured: true })
    expect(clock.getSnapshot()).toBe(FIXTURE_NOW)
    clock.stop()
  })
})
