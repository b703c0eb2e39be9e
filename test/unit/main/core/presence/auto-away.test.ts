import { describe, expect, it, vi } from 'vitest'
import { AutoAway, type AutoAwaySettings } from '../../../../../src/main/core/presence/auto-away'
import { isAutoAway, type ExpertPresence } from '../../../../../src/main/core/presence/auto-away-rule'
import { createPowerHook } from '../../../../../src/main/node/adapters/power-hook'
import { ManualClock } from '../../../../../src/shared/clock'
import type { CommandOutcome } from '../../../../../src/shared/command-outcome'
import { commandSchemas, type AutoAvailability } from '../../../../../src/shared/protocol'
import { seededRandom } from '../../../../support/mutation-fuzz'
import { recordingLog } from '../../../../support/recording-log'

const MINUTE = 60_000
const TIMED_OUT = {
  ok: false,
  error: {
    code: 'timeout',
    message: 'The platform did not answer within 10 s; the action may not have happened.',
  },
} as const
const ONLINE: ExpertPresence = { availability: 'online', availabilityCause: 'chosen' }
const IN_SESSION: ExpertPresence = { availability: 'busy', availabilityCause: 'session' }

/**
 * The policy on a manual clock against a platform that decides as the reference one does: away
 * only from online, back only from an away that idle or a lock set. Each answer is followed by the
 * expert's update reaching the cache, which the core passes on as a refresh.
 */
function setUp(
  options: {
    expert?: ExpertPresence
    settings?: AutoAwaySettings
    offline?: () => boolean
    /** The platform refuses every request, as one without availability.auto does. */
    refuse?: boolean
    /** A host that cannot see the machine's input, as the browser shell. */
    noIdleTime?: boolean
    /** The platform gets the request but its answer never arrives (a stall); it may still apply it. */
    unanswered?: () => 'applied' | 'lost' | null
    /** Reading the expert from the cache throws (a damaged cache file). */
    cacheFails?: () => boolean
  } = {},
) {
  const clock = new ManualClock(Date.UTC(2026, 0, 5, 9))
  const power = createPowerHook(options.noIdleTime ? {} : { clock })
  let expert = options.expert ?? ONLINE
  let settings = options.settings ?? { enabled: true, minutes: 10 }
  const sent: string[] = []
  const log = recordingLog()
  const start = (): AutoAway => {
    const policy: AutoAway = new AutoAway({
      clock,
      power,
      settings: () => settings,
      expert: () => {
        if (options.cacheFails?.()) throw new Error('database disk image is malformed')
        return expert
      },
      log,
      send: async (
        change: AutoAvailability,
        idleMinutes: number | null,
      ): Promise<CommandOutcome<unknown>> => {
        if (options.offline?.()) {
          return { ok: false, error: { code: 'offline', message: 'Offline.' } }
        }
        sent.push(idleMinutes === null ? change : `${change} ${idleMinutes} min`)
        // The platform checks the payload as the wire's schema says.
        const payload = commandSchemas['availability.auto'].payload.safeParse({ change, idleMinutes })
        if (!payload.success) {
          return { ok: false, error: { code: 'invalid_payload', message: payload.error.message } }
        }
        const unanswered = options.unanswered?.() ?? null
        if (unanswered === 'lost') return TIMED_OUT
        if (options.refuse) {
          return {
            ok: false,
            error: { code: 'invalid_payload', message: 'Unknown command availability.auto' },
          }
        }
        const before = expert
        if (change === 'back') {
          if (isAutoAway(expert)) expert = ONLINE
        } else if (isAutoAway(expert) || expert.availability === 'online') {
          expert = { availability: 'away', availabilityCause: change }
        }
        if (expert !== before) queueMicrotask(() => policy.refresh())
        return unanswered === 'applied' ? TIMED_OUT : { ok: true, result: {} }
      },
    })
    policy.start()
    return policy
  }
  const policy = start()
  return {
    clock,
    power,
    sent,
    log,
    policy,
    restart: () => {
      policy.stop()
      return start()
    },
    expert: () => expert,
    /** The platform changed the expert (a session, another device); the cache tells the policy. */
    platformSets(next: ExpertPresence, on: AutoAway = policy) {
      expert = next
      on.refresh()
    },
    changeSettings(next: AutoAwaySettings) {
      settings = next
      policy.refresh()
    },
  }
}

/** Let the answers of the requests sent so far arrive. */
const answers = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

describe('auto-away on a manual clock', () => {
  it('idle for the chosen minutes → away, saying for how long; not a moment before', async () => {
    const t = setUp()
    t.clock.advance(10 * MINUTE - 1_000)
    await answers()
    expect(t.sent).toEqual([])
    t.clock.advance(5_000)
    await answers()
    expect(t.sent).toEqual(['idle 10 min'])
    expect(t.expert()).toEqual({ availability: 'away', availabilityCause: 'idle' })
    // Staying idle asks nothing more.
    t.clock.advance(30 * MINUTE)
    await answers()
    expect(t.sent).toEqual(['idle 10 min'])
  })

  it('a read of the expert that fails (a damaged cache) is logged once, throws from no timer, and is read again at the next check', async () => {
    let failing = true
    const t = setUp({ cacheFails: () => failing })
    expect(() => t.clock.advance(11 * MINUTE)).not.toThrow()
    expect(() => t.power.lock()).not.toThrow()
    await answers()
    expect(t.sent).toEqual([])
    expect(t.log.lines.filter((line) => line.includes('offline cache failed'))).toHaveLength(1)
    failing = false
    t.clock.advance(5_000)
    await answers()
    expect(t.sent).toEqual(['screen_locked'])
  })

  it('activity after an idle away → back to online within seconds', async () => {
    const t = setUp()
    t.clock.advance(11 * MINUTE)
    await answers()
    t.power.input()
    t.clock.advance(5_000)
    await answers()
    expect(t.sent).toEqual(['idle 10 min', 'back'])
    expect(t.expert()).toEqual(ONLINE)
  })

  it('input now and then keeps the expert online', async () => {
    const t = setUp()
    for (let minute = 0; minute < 60; minute += 9) {
      t.clock.advance(9 * MINUTE)
      t.power.input()
    }
    await answers()
    expect(t.sent).toEqual([])
  })

  it('reads the idle time only as often as it could cross the threshold while the expert works', async () => {
    const t = setUp()
    const reads = vi.spyOn(t.power, 'systemIdleSeconds')
    for (let minute = 0; minute < 60; minute += 1) {
      t.clock.advance(MINUTE)
      t.power.input()
    }
    await answers()
    expect(reads.mock.calls.length).toBeLessThanOrEqual(7)
  })

  it('an idle time the host cannot give (not a number, negative) counts as none: no polling loop, the lock still works', async () => {
    for (const reading of [Number.NaN, Number.POSITIVE_INFINITY, -5]) {
      const t = setUp()
      vi.spyOn(t.power, 'systemIdleSeconds').mockReturnValue(reading)
      t.policy.refresh()
      expect(t.clock.pendingTimers).toBe(0)
      t.clock.advance(60 * MINUTE)
      await answers()
      expect(t.sent).toEqual([])
      t.power.lock()
      await answers()
      expect(t.sent).toEqual(['screen_locked'])
      t.policy.stop()
    }
  })

  it('a screen lock → away at once; the unlock → back', async () => {
    const t = setUp()
    t.power.lock()
    await answers()
    expect(t.expert()).toEqual({ availability: 'away', availabilityCause: 'screen_locked' })
    t.clock.advance(20 * MINUTE)
    await answers()
    t.power.input()
    t.power.unlock()
    await answers()
    expect(t.sent).toEqual(['screen_locked', 'back'])
    expect(t.expert()).toEqual(ONLINE)
  })

  it('lock and unlock flapping while a request is on its way: one request at a time, and the last state wins', async () => {
    const t = setUp()
    for (let i = 0; i < 20; i++) {
      t.power.lock()
      t.power.input()
      t.power.unlock()
    }
    await answers()
    await answers()
    expect(t.sent).toEqual(['screen_locked', 'back'])
    expect(t.expert()).toEqual(ONLINE)
    // Left locked at the end: away, however the answers interleaved.
    t.power.lock()
    t.power.unlock()
    t.power.lock()
    await answers()
    await answers()
    expect(t.expert()).toEqual({ availability: 'away', availabilityCause: 'screen_locked' })
    expect(t.sent).toEqual(['screen_locked', 'back', 'screen_locked'])
  })

  it('idle, then locked: the reason becomes the lock, and the unlock brings the expert back', async () => {
    const t = setUp()
    t.clock.advance(10 * MINUTE)
    await answers()
    t.power.lock()
    await answers()
    expect(t.expert()).toEqual({ availability: 'away', availabilityCause: 'screen_locked' })
    t.power.input()
    t.power.unlock()
    await answers()
    expect(t.sent).toEqual(['idle 10 min', 'screen_locked', 'back'])
    expect(t.expert()).toEqual(ONLINE)
  })

  it('never overrides an away, busy or offline the expert chose', async () => {
    for (const availability of ['away', 'busy', 'offline'] as const) {
      const chosen: ExpertPresence = { availability, availabilityCause: 'chosen' }
      const t = setUp({ expert: chosen })
      t.clock.advance(15 * MINUTE)
      t.power.lock()
      await answers()
      t.power.input()
      t.power.unlock()
      t.clock.advance(5_000)
      await answers()
      expect(t.sent).toEqual([])
      expect(t.expert()).toEqual(chosen)
    }
  })

  it('does not bring back an expert who chose away while the idle rule held them away', async () => {
    const t = setUp()
    t.clock.advance(10 * MINUTE)
    await answers()
    t.platformSets({ availability: 'away', availabilityCause: 'chosen' })
    t.power.input()
    t.clock.advance(5_000)
    await answers()
    expect(t.sent).toEqual(['idle 10 min'])
    expect(t.expert().availabilityCause).toBe('chosen')
  })

  it('stays busy during a session however long the expert is idle, and goes away idle after it', async () => {
    const t = setUp({ expert: IN_SESSION })
    t.clock.advance(25 * MINUTE)
    await answers()
    expect(t.sent).toEqual([])
    // The session ends; the platform returns the expert to online while the computer is still idle.
    t.platformSets(ONLINE)
    await answers()
    expect(t.sent).toEqual(['idle 25 min'])
    t.power.input()
    t.clock.advance(5_000)
    await answers()
    expect(t.sent).toEqual(['idle 25 min', 'back'])
  })

  it('after a restart mid-session: still no away while busy, and online again when it ends', async () => {
    const t = setUp({ expert: IN_SESSION })
    t.clock.advance(3 * MINUTE)
    const restarted = t.restart()
    t.clock.advance(20 * MINUTE)
    await answers()
    expect(t.sent).toEqual([])
    t.power.input()
    t.platformSets(ONLINE, restarted)
    t.clock.advance(MINUTE)
    await answers()
    expect(t.sent).toEqual([])
    expect(t.expert()).toEqual(ONLINE)
  })

  it('after a restart while the idle rule held the expert away: back once they are active', async () => {
    const t = setUp()
    t.clock.advance(10 * MINUTE)
    await answers()
    t.power.input()
    t.restart()
    await answers()
    expect(t.sent).toEqual(['idle 10 min', 'back'])
    expect(t.expert()).toEqual(ONLINE)
  })

  it('off: never away; turned off while holding the expert away → back', async () => {
    const t = setUp({ settings: { enabled: false, minutes: 10 } })
    t.clock.advance(30 * MINUTE)
    t.power.lock()
    await answers()
    expect(t.sent).toEqual([])

    const on = setUp()
    on.clock.advance(10 * MINUTE)
    await answers()
    on.changeSettings({ enabled: false, minutes: 10 })
    await answers()
    expect(on.sent).toEqual(['idle 10 min', 'back'])
  })

  it('a shorter threshold chosen while working applies from the last input', async () => {
    const t = setUp()
    t.clock.advance(3 * MINUTE)
    t.changeSettings({ enabled: true, minutes: 2 })
    await answers()
    expect(t.sent).toEqual(['idle 3 min'])
  })

  it('offline when the threshold passes: asks again once it can, without a warning', async () => {
    let offline = true
    const t = setUp({ offline: () => offline })
    t.clock.advance(10 * MINUTE)
    await answers()
    expect(t.sent).toEqual([])
    offline = false
    t.clock.advance(5_000)
    await answers()
    expect(t.sent).toEqual(['idle 10 min'])
    expect(t.log.lines).toEqual([])
  })

  it('a platform that refuses is asked once per absence, and the log says what to do', async () => {
    const t = setUp({ refuse: true })
    t.clock.advance(30 * MINUTE)
    await answers()
    expect(t.sent).toEqual(['idle 10 min'])
    expect(t.log.lines).toEqual([
      'warn Could not switch availability automatically (idle): Unknown command availability.auto. Set it in Settings or from the tray.',
    ])
  })

  it('a host without idle time never counts the expert idle nor back, but follows its own lock', async () => {
    const t = setUp({ noIdleTime: true })
    t.clock.advance(60 * MINUTE)
    await answers()
    expect(t.sent).toEqual([])
    // Another device set the expert away while idle: this host cannot tell they are here.
    t.platformSets({ availability: 'away', availabilityCause: 'idle' })
    await answers()
    expect(t.sent).toEqual([])

    const locking = setUp({ noIdleTime: true })
    locking.power.lock()
    await answers()
    locking.power.unlock()
    await answers()
    expect(locking.sent).toEqual(['screen_locked', 'back'])
    expect(locking.clock.pendingTimers).toBe(0)
  })

  it('a back the platform left unanswered is asked again within seconds, not at the next threshold check', async () => {
    let stalled = false
    const t = setUp({ unanswered: () => (stalled ? 'lost' : null) })
    t.clock.advance(10 * MINUTE)
    await answers()
    stalled = true
    t.power.input()
    t.clock.advance(5_000)
    await answers()
    expect(t.sent).toEqual(['idle 10 min', 'back'])
    expect(t.expert().availability).toBe('away')
    stalled = false
    t.clock.advance(5_000)
    await answers()
    expect(t.sent).toEqual(['idle 10 min', 'back', 'back'])
    expect(t.expert()).toEqual(ONLINE)
    expect(t.log.lines).toEqual([
      'warn Could not switch availability automatically (back): The platform did not answer within 10 s; the action may not have happened. Standby asks again shortly.',
    ])
  })

  it('an away left unanswered is asked again, each time later, and said once; an answer or the synced expert ends it', async () => {
    let stalled = true
    const t = setUp({ unanswered: () => (stalled ? 'lost' : null) })
    t.clock.advance(10 * MINUTE)
    await answers()
    for (let second = 0; second < 10 * 60; second += 1) {
      t.clock.advance(1_000)
      await answers()
    }
    // Doubling from 5 s to a minute: a stalled platform is asked a bounded number of times.
    expect(t.sent.length).toBeGreaterThan(5)
    expect(t.sent.length).toBeLessThanOrEqual(16)
    expect(t.log.lines).toHaveLength(1)
    stalled = false
    t.clock.advance(60_000)
    await answers()
    expect(t.expert()).toEqual({ availability: 'away', availabilityCause: 'idle' })
    const asked = t.sent.length
    t.clock.advance(30 * MINUTE)
    await answers()
    expect(t.sent).toHaveLength(asked)
    expect(t.clock.pendingTimers).toBe(1)
  })

  it('an unanswered request the platform applied all the same is not asked again once the expert syncs', async () => {
    const t = setUp({ unanswered: () => 'applied' })
    t.clock.advance(10 * MINUTE)
    await answers()
    expect(t.expert()).toEqual({ availability: 'away', availabilityCause: 'idle' })
    t.clock.advance(5 * MINUTE)
    await answers()
    expect(t.sent).toEqual(['idle 10 min'])
  })

  it('a reason changed by a request left unanswered is changed again at the next lock: the platform says locked, not idle', async () => {
    let stall = false
    const t = setUp({ unanswered: () => (stall ? 'applied' : null) })
    t.power.lock()
    await answers()
    t.clock.advance(20 * MINUTE)
    // Unlocked with no keyboard or mouse (a watch, a face): idle still, the reason follows; its
    // answer never comes, though the platform applied it.
    stall = true
    t.power.unlock()
    await answers()
    expect(t.expert()).toEqual({ availability: 'away', availabilityCause: 'idle' })
    stall = false
    // The expert walks off again before touching anything.
    t.power.lock()
    await answers()
    expect(t.sent).toEqual(['screen_locked', 'idle 20 min', 'screen_locked'])
    expect(t.expert()).toEqual({ availability: 'away', availabilityCause: 'screen_locked' })
  })

  it('with no idle time (the browser shell), a back left unanswered but applied still lets the next lock set the expert away', async () => {
    let stall = false
    const t = setUp({ noIdleTime: true, unanswered: () => (stall ? 'applied' : null) })
    t.power.lock()
    await answers()
    stall = true
    t.power.unlock()
    await answers()
    expect(t.expert()).toEqual(ONLINE)
    stall = false
    t.power.lock()
    await answers()
    expect(t.sent).toEqual(['screen_locked', 'back', 'screen_locked'])
    expect(t.expert()).toEqual({ availability: 'away', availabilityCause: 'screen_locked' })
  })

  it('idle for longer than the wire carries (days offline, a counter that wrapped): away all the same, as idle for a day', async () => {
    for (const days of [1.5, 49.7, 1e6]) {
      const t = setUp()
      vi.spyOn(t.power, 'systemIdleSeconds').mockReturnValue(days * 24 * 3600)
      t.policy.refresh()
      await answers()
      expect(t.sent).toEqual(['idle 1440 min'])
      expect(t.expert()).toEqual({ availability: 'away', availabilityCause: 'idle' })
      expect(t.log.lines).toEqual([])
      t.policy.stop()
    }
  })

  it('stopped while a retry waits: nothing is asked again', async () => {
    const t = setUp({ unanswered: () => 'lost' })
    t.clock.advance(10 * MINUTE)
    await answers()
    t.policy.stop()
    expect(t.clock.pendingTimers).toBe(0)
    t.clock.advance(10 * MINUTE)
    await answers()
    expect(t.sent).toEqual(['idle 10 min'])
  })

  it('an unlock whose event was lost: back within seconds of the system saying the screen is unlocked', async () => {
    const t = setUp()
    t.power.lock()
    await answers()
    t.clock.advance(20 * MINUTE)
    t.power.lockUnreported(false)
    t.power.input()
    t.clock.advance(5_000)
    await answers()
    expect(t.sent).toEqual(['screen_locked', 'back'])
    expect(t.expert()).toEqual(ONLINE)
    expect(t.log.lines).toEqual([
      'info The system says the screen is unlocked, though no event said so; auto-away follows the system',
    ])
  })

  it('a lock and unlock that came in the wrong order: the system’s answer wins once they settle', async () => {
    const t = setUp()
    t.power.unlock()
    t.power.lock()
    await answers()
    expect(t.sent).toEqual(['screen_locked'])
    // The screen is in fact unlocked, and the expert works.
    t.power.lockUnreported(false)
    for (let i = 0; i < 3; i++) {
      t.power.input()
      t.clock.advance(5_000)
      await answers()
    }
    expect(t.sent).toEqual(['screen_locked', 'back'])
    expect(t.expert()).toEqual(ONLINE)
  })

  it('just after a lock event, a system answer that trails it does not undo the lock', async () => {
    const t = setUp()
    t.power.lock()
    t.power.lockUnreported(false)
    t.policy.refresh()
    await answers()
    t.power.lockUnreported(true)
    t.clock.advance(60_000)
    await answers()
    expect(t.sent).toEqual(['screen_locked'])
    expect(t.expert()).toEqual({ availability: 'away', availabilityCause: 'screen_locked' })
  })

  it('started while the screen is locked (a restart to update at night): away as locked at once', async () => {
    const t = setUp()
    t.power.lockUnreported(true)
    t.restart()
    await answers()
    expect(t.sent).toEqual(['screen_locked'])
  })

  it('an idle time or lock state the system cannot give (it throws) counts as none, said once, and the lock events still work', async () => {
    const t = setUp()
    vi.spyOn(t.power, 'systemIdleSeconds').mockImplementation(() => {
      throw new Error('idle time unavailable')
    })
    vi.spyOn(t.power, 'screenLocked').mockImplementation(() => {
      throw new Error('session query failed')
    })
    expect(() => t.policy.refresh()).not.toThrow()
    t.clock.advance(60 * MINUTE)
    t.policy.refresh()
    await answers()
    expect(t.sent).toEqual([])
    t.power.lock()
    await answers()
    expect(t.sent).toEqual(['screen_locked'])
    expect(t.log.lines.map((line) => line.split('\n')[0])).toEqual([
      "warn Reading the system's screen lock state failed; auto-away goes without it (a screen lock still counts where the system reports one) Error: session query failed",
      "warn Reading the system's idle time failed; auto-away goes without it (a screen lock still counts where the system reports one) Error: idle time unavailable",
    ])
  })
})

describe('auto-away through sleep', () => {
  /**
   * The machine sleeps for `ms` (timers wait, as a sleeping one's do) and wakes. Windows counts the
   * time slept as idle; macOS and most Linux desktops start the idle count again at the wake.
   */
  const sleepAndWake = async (
    t: ReturnType<typeof setUp>,
    ms: number,
    idle: 'counts the sleep' | 'starts at the wake' = 'counts the sleep',
  ): Promise<void> => {
    t.power.suspend()
    t.clock.sleep(ms)
    if (idle === 'starts at the wake') t.power.input()
    t.power.resume()
    t.clock.advance(0)
    await answers()
  }

  it('the hours the machine slept set no away at the wake; the minutes nobody touches it after the wake do', async () => {
    const t = setUp()
    t.clock.advance(2 * MINUTE)
    await sleepAndWake(t, 8 * 60 * MINUTE)
    expect(t.sent).toEqual([])
    t.clock.advance(9 * MINUTE)
    await answers()
    expect(t.sent).toEqual([])
    t.clock.advance(MINUTE + 5_000)
    await answers()
    // Idle for as long as since the wake: the expert was not gone the whole night.
    expect(t.sent).toEqual(['idle 10 min'])
  })

  it('the first input after the wake ends the wait as any input does: idle from then on', async () => {
    const t = setUp()
    await sleepAndWake(t, 60 * MINUTE)
    t.clock.advance(MINUTE)
    t.power.input()
    t.clock.advance(10 * MINUTE + 5_000)
    await answers()
    expect(t.sent).toEqual(['idle 10 min'])
  })

  for (const idle of ['counts the sleep', 'starts at the wake'] as const)
    it(`nor is a wake nobody touches a return, where the system's idle count ${idle}: an expert the idle rule held away stays away until the first input`, async () => {
      const t = setUp()
      t.clock.advance(11 * MINUTE)
      await answers()
      expect(t.sent).toEqual(['idle 10 min'])
      // A wake by the system itself (maintenance, a timer) at night.
      await sleepAndWake(t, 8 * 60 * MINUTE, idle)
      t.clock.advance(20 * MINUTE)
      await answers()
      expect(t.sent).toEqual(['idle 10 min'])
      t.power.input()
      t.clock.advance(5_000)
      await answers()
      expect(t.sent).toEqual(['idle 10 min', 'back'])
    })

  it('a wake into a locked screen, then the unlock: back at the unlock as ever', async () => {
    const t = setUp()
    t.power.lock()
    await answers()
    await sleepAndWake(t, 60 * MINUTE)
    t.clock.advance(3_000)
    t.power.input()
    t.power.unlock()
    await answers()
    expect(t.sent).toEqual(['screen_locked', 'back'])
  })

  it('an unlock proves the expert is back, even when the resume Electron sends with it follows a sleep that never came', async () => {
    const t = setUp()
    t.power.lock()
    await answers()
    t.power.suspend()
    // The sleep is called off; the expert types the password and unlocks.
    t.power.input()
    t.clock.advance(2_000)
    t.power.resume()
    t.power.unlock()
    await answers()
    expect(t.sent).toEqual(['screen_locked', 'back'])
  })
})

/** What the machine does in a burst; the wake always comes before the next lock, unlock or input. */
const MACHINE = ['lock', 'unlock', 'suspend', 'resume', 'input', 'time', 'answers'] as const

describe('auto-away through bursts of the machine’s events', () => {
  it('ends with the expert as the screen ends, whatever came before and whichever answers were lost or late', async () => {
    for (let seed = 1; seed <= 300; seed++) {
      const random = seededRandom(seed)
      let stalls = random() < 0.5
      const t = setUp({
        unanswered: () => (stalls && random() < 0.3 ? (random() < 0.5 ? 'applied' : 'lost') : null),
      })
      const played: string[] = []
      let asleep = false
      for (let step = 5 + Math.floor(random() * 60); step > 0; step--) {
        let event: (typeof MACHINE)[number] = MACHINE[Math.floor(random() * MACHINE.length)]!
        if (asleep && event !== 'time' && event !== 'answers') event = 'resume'
        asleep = event === 'suspend' || (asleep && event !== 'resume')
        played.push(event)
        if (event === 'time') t.clock.advance(Math.floor(random() * 15 * MINUTE))
        else if (event === 'answers') await answers()
        else t.power[event]()
      }
      stalls = false
      if (asleep) t.power.resume()
      const endsLocked = random() < 0.5
      t.power.input()
      if (endsLocked) t.power.lock()
      else t.power.unlock()
      // The expert works at an unlocked screen, or has gone from a locked one, for half an hour.
      for (let minute = 0; minute < 30; minute++) {
        await answers()
        t.clock.advance(MINUTE)
        if (!endsLocked) t.power.input()
      }
      await answers()
      const expected = endsLocked ? { availability: 'away', availabilityCause: 'screen_locked' } : ONLINE
      expect(t.expert(), `seed ${seed}: ${played.join(' ')}; sent ${t.sent.join(', ')}`).toEqual(expected)
      t.policy.stop()
    }
  })
})
