import type * as os from 'node:os'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import {
  createPowerMonitorPower,
  WAKE_LOCK_MS,
} from '../../../../../src/main/electron/adapters/power-monitor'
import { ManualClock } from '../../../../../src/shared/clock'
import { fake, resetFakeElectron } from '../../../../support/fake-electron'

vi.mock('electron', async () => (await import('../../../../support/fake-electron')).electronModule)

/** Whether the system refuses to list the network interfaces, as some sandboxes and containers do. */
const interfaces = vi.hoisted(() => ({ unreadable: false }))
vi.mock('node:os', async (importOriginal) => {
  const real = await importOriginal<typeof os>()
  const networkInterfaces: typeof os.networkInterfaces = () => {
    if (interfaces.unreadable)
      throw new Error('A system error occurred: uv_interface_addresses returned Unknown system error 1')
    return real.networkInterfaces()
  }
  return { ...real, default: { ...real, networkInterfaces }, networkInterfaces }
})

function setup(clock = new ManualClock(0)) {
  const power = createPowerMonitorPower(undefined, undefined, clock)
  const suspended = vi.fn()
  const resumed = vi.fn()
  power.onSuspend(suspended)
  power.onResume(resumed)
  return { power, suspended, resumed }
}

beforeEach(() => {
  resetFakeElectron()
  interfaces.unreadable = false
})

describe('power events from powerMonitor', () => {
  it('passes sleep and wake on', () => {
    const { suspended, resumed } = setup()
    fake.powerMonitor.play('suspend')
    expect(suspended).toHaveBeenCalledOnce()
    expect(resumed).not.toHaveBeenCalled()
    fake.powerMonitor.play('resume')
    expect(resumed).toHaveBeenCalledOnce()
  })

  it('treats a screen unlock as a resume, and a lock as nothing (the app stays connected)', () => {
    const { suspended, resumed } = setup()
    fake.powerMonitor.play('lock-screen')
    expect(suspended).not.toHaveBeenCalled()
    expect(resumed).not.toHaveBeenCalled()
    fake.powerMonitor.play('unlock-screen')
    expect(resumed).toHaveBeenCalledOnce()
  })

  it('resumes once for a wake from sleep that also unlocks the screen', () => {
    const clock = new ManualClock(0)
    const { suspended, resumed } = setup(clock)
    for (const event of ['lock-screen', 'suspend', 'resume', 'unlock-screen'] as const)
      fake.powerMonitor.play(event)
    expect(suspended).toHaveBeenCalledOnce()
    expect(resumed).toHaveBeenCalledOnce()
    // The next plain lock and unlock, a while later, resumes again.
    clock.advance(WAKE_LOCK_MS)
    fake.powerMonitor.play('lock-screen')
    fake.powerMonitor.play('unlock-screen')
    expect(resumed).toHaveBeenCalledTimes(2)
  })

  it('resumes once for a wake whose screen locks just after it: the unlock a while later is the same wake', () => {
    const clock = new ManualClock(0)
    const { resumed } = setup(clock)
    fake.powerMonitor.play('suspend')
    fake.powerMonitor.play('resume')
    clock.advance(WAKE_LOCK_MS / 2)
    fake.powerMonitor.play('lock-screen')
    // The expert types the password.
    clock.advance(30_000)
    fake.powerMonitor.play('unlock-screen')
    expect(resumed).toHaveBeenCalledOnce()
    // The next plain lock and unlock resumes again.
    fake.powerMonitor.play('lock-screen')
    fake.powerMonitor.play('unlock-screen')
    expect(resumed).toHaveBeenCalledTimes(2)
  })

  it('resumes once for an unlock within moments of a wake whose lock it never heard', () => {
    const clock = new ManualClock(0)
    const { resumed } = setup(clock)
    fake.powerMonitor.play('resume')
    clock.advance(WAKE_LOCK_MS / 2)
    fake.powerMonitor.play('unlock-screen')
    expect(resumed).toHaveBeenCalledOnce()
  })

  it('resumes again on the unlock of a lock the expert made well after a wake', () => {
    const clock = new ManualClock(0)
    const { resumed } = setup(clock)
    fake.powerMonitor.play('resume')
    clock.advance(WAKE_LOCK_MS)
    fake.powerMonitor.play('lock-screen')
    clock.advance(60_000)
    fake.powerMonitor.play('unlock-screen')
    expect(resumed).toHaveBeenCalledTimes(2)
  })

  it('passes every lock and unlock on for auto-away, the one after a wake from sleep included', () => {
    const power = createPowerMonitorPower()
    const locked = vi.fn()
    const unlocked = vi.fn()
    power.onLock(locked)
    power.onUnlock(unlocked)
    for (const event of ['lock-screen', 'suspend', 'resume', 'unlock-screen'] as const)
      fake.powerMonitor.play(event)
    expect(locked).toHaveBeenCalledOnce()
    expect(unlocked).toHaveBeenCalledOnce()
  })

  it('on Linux, where Electron has no lock events, resumes on a wake and reports a locked screen as idle time', () => {
    fake.platform = 'linux'
    const { power, suspended, resumed } = setup()
    const locked = vi.fn()
    power.onLock(locked)
    fake.powerMonitor.play('suspend')
    fake.powerMonitor.play('resume')
    expect([suspended.mock.calls.length, resumed.mock.calls.length]).toEqual([1, 1])
    // The screen locked a while ago: nothing says so but the time since the last input.
    fake.powerMonitor.idleSeconds = 900
    expect(power.systemIdleSeconds()).toBe(900)
    expect(locked).not.toHaveBeenCalled()
  })

  it('says whether the screen is locked as the system answers it now, on macOS and Windows; not on Linux', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      resetFakeElectron()
      fake.platform = platform
      const power = createPowerMonitorPower(platform)
      expect(power.screenLocked()).toBe(false)
      fake.powerMonitor.play('lock-screen')
      expect(power.screenLocked()).toBe(true)
      // An unlock whose event never came: the system's answer says it all the same.
      fake.powerMonitor.screenLocked = false
      expect(power.screenLocked()).toBe(false)
      power.dispose()
    }
    resetFakeElectron()
    fake.platform = 'linux'
    fake.powerMonitor.screenLocked = true
    expect(createPowerMonitorPower('linux').screenLocked()).toBeNull()
  })

  it('on macOS takes a switch to another user for a lock until the switch back, which macOS tells no lock of', () => {
    fake.platform = 'darwin'
    const clock = new ManualClock(0)
    const power = createPowerMonitorPower('darwin', undefined, clock)
    const heard: string[] = []
    power.onLock(() => heard.push('lock'))
    power.onUnlock(() => heard.push('unlock'))
    power.onResume(() => heard.push('resume'))
    fake.powerMonitor.play('user-did-resign-active')
    // The system's idle state does not say locked: the switch alone does, however long it lasts.
    clock.advance(WAKE_LOCK_MS * 10)
    expect([heard, power.screenLocked()]).toEqual([['lock'], true])
    fake.powerMonitor.play('user-did-become-active')
    expect([heard, power.screenLocked()]).toEqual([['lock', 'resume', 'unlock'], false])
    // A session made active with no switch away before it (Standby started meanwhile) is no unlock.
    fake.powerMonitor.play('user-did-become-active')
    expect(heard).toHaveLength(3)
    power.dispose()
    expect(fake.powerMonitor.listenerCount('user-did-resign-active')).toBe(0)
  })

  it('on macOS a switch back to a screen locked before the switch ends the lock at its unlock, not at the switch', () => {
    fake.platform = 'darwin'
    const clock = new ManualClock(0)
    const power = createPowerMonitorPower('darwin', undefined, clock)
    const heard: string[] = []
    power.onUnlock(() => heard.push('unlock'))
    power.onResume(() => heard.push('resume'))
    fake.powerMonitor.play('lock-screen')
    fake.powerMonitor.play('user-did-resign-active')
    clock.advance(WAKE_LOCK_MS * 10)
    fake.powerMonitor.play('user-did-become-active')
    expect([heard, power.screenLocked()]).toEqual([[], true])
    fake.powerMonitor.play('unlock-screen')
    expect([heard, power.screenLocked()]).toEqual([['resume', 'unlock'], false])
    power.dispose()
  })

  it('reads the system idle time from powerMonitor each time it is asked', () => {
    const power = createPowerMonitorPower()
    expect(power.systemIdleSeconds()).toBe(0)
    fake.powerMonitor.idleSeconds = 600
    expect(power.systemIdleSeconds()).toBe(600)
  })

  it('stops a listener on unsubscribe, and lets go of powerMonitor on dispose', () => {
    const power = createPowerMonitorPower()
    const resumed = vi.fn()
    const unsubscribe = power.onResume(resumed)
    unsubscribe()
    unsubscribe()
    fake.powerMonitor.play('resume')
    expect(resumed).not.toHaveBeenCalled()
    expect(fake.powerMonitor.listenerCount('resume')).toBe(1)
    power.dispose()
    for (const event of ['suspend', 'resume', 'lock-screen', 'unlock-screen']) {
      expect(fake.powerMonitor.listenerCount(event)).toBe(0)
    }
  })

  it('starts where the system will not list the network interfaces, and the log says once what that costs', () => {
    interfaces.unreadable = true
    const log = { warn: vi.fn() }
    const power = createPowerMonitorPower('linux', log)
    expect(log.warn).toHaveBeenCalledOnce()
    expect(String(log.warn.mock.calls[0]?.[0])).toMatch(/would not list this computer's network addresses/)
    // Everything else goes on as before.
    const resumed = vi.fn()
    power.onResume(resumed)
    fake.platform = 'linux'
    fake.powerMonitor.play('resume')
    expect(resumed).toHaveBeenCalledOnce()
    power.dispose()
  })
})
