import { describe, expect, it } from 'vitest'
import { ExpertFloodBudgets } from '../../../server/src/flood-guard'
import { ManualClock } from '../../../src/shared/clock'

describe('the flood budgets kept per expert', () => {
  it('are let go once refilled, so experts who signed in once and left hold nothing for good', () => {
    const clock = new ManualClock(0)
    const budgets = new ExpertFloodBudgets({ burst: 40, perSecond: 20 }, clock)
    for (let i = 0; i < 1_000; i++) budgets.of(`exp_${i}`).take()
    clock.advance(60_000)
    for (let i = 0; i < 1_000; i++) budgets.of(`new_${i}`)
    expect(budgets.size).toBeLessThan(1_100)
  })

  it('keep one still spent across a reconnect, however many others come and go', () => {
    const clock = new ManualClock(0)
    const budgets = new ExpertFloodBudgets({ burst: 40, perSecond: 20 }, clock)
    const flooder = budgets.of('exp_flood')
    for (let i = 0; i < 1_000; i++) flooder.take()
    for (let i = 0; i < 1_000; i++) budgets.of(`exp_${i}`)
    expect(budgets.of('exp_flood').take()).toBe(false)
  })

  it('keep one a connection still holds, even refilled, so a new connection shares it', () => {
    const clock = new ManualClock(0)
    const budgets = new ExpertFloodBudgets({ burst: 40, perSecond: 20 }, clock)
    const held = budgets.of('exp_held')
    held.join(() => undefined, 'here')
    clock.advance(60_000)
    for (let i = 0; i < 1_000; i++) budgets.of(`exp_${i}`)
    expect(budgets.of('exp_held')).toBe(held)
  })
})
