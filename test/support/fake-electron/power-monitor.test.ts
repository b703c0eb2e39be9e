// The fake powerMonitor answers the idle state as Electron does, refusing what Electron refuses.
import { beforeEach, describe, expect, it } from 'vitest'
import { fake, resetFakeElectron } from './'

beforeEach(resetFakeElectron)

describe('the fake powerMonitor', () => {
  it('answers locked before idle, and idle from the threshold on', () => {
    fake.powerMonitor.idleSeconds = 60
    expect(fake.powerMonitor.getSystemIdleState(60)).toBe('idle')
    expect(fake.powerMonitor.getSystemIdleState(61)).toBe('active')
    fake.powerMonitor.play('lock-screen')
    expect(fake.powerMonitor.getSystemIdleState(61)).toBe('locked')
  })

  it('refuses a threshold that is no whole number, as its argument conversion does, and one under 1', () => {
    expect(() => fake.powerMonitor.getSystemIdleState(0.5)).toThrow('conversion failure from 0.5')
    expect(() => fake.powerMonitor.getSystemIdleState(0)).toThrow('Invalid idle threshold')
  })

  it('never tells a lock or an unlock on Linux, where Electron has neither', () => {
    fake.platform = 'linux'
    expect(() => fake.powerMonitor.play('lock-screen')).toThrow(/never emits lock-screen on Linux/)
  })

  it('tells a switch to another user and back on macOS alone, with no lock and no change in the idle state', () => {
    fake.platform = 'win32'
    expect(() => fake.powerMonitor.play('user-did-resign-active')).toThrow(/macOS only/)
    fake.platform = 'darwin'
    const heard: string[] = []
    fake.powerMonitor.on('user-did-resign-active', () => heard.push('away'))
    fake.powerMonitor.play('user-did-resign-active')
    expect([heard, fake.powerMonitor.getSystemIdleState(60)]).toEqual([['away'], 'active'])
  })
})
