import { describe, expect, it } from 'vitest'
import { windowSlot } from '../../../../src/main/node/window-slot'

function fakeWindow(): { destroyed: boolean; isDestroyed(): boolean } {
  return {
    destroyed: false,
    isDestroyed() {
      return this.destroyed
    },
  }
}

describe('a window slot', () => {
  it('keeps handing out the same live window', () => {
    const slot = windowSlot(fakeWindow)
    const window = slot.get()
    expect(slot.get()).toBe(window)
    expect(slot.current()).toBe(window)
  })

  it('never hands out a destroyed window: current() has none, get() makes a new one', () => {
    const slot = windowSlot(fakeWindow)
    expect(slot.current()).toBeUndefined()
    const first = slot.get()
    first.destroyed = true
    expect(slot.current()).toBeUndefined()
    const second = slot.get()
    expect(second).not.toBe(first)
    expect(second.isDestroyed()).toBe(false)
  })

  it('hands out no window the caller counts as gone (one closing), and makes a new one instead', () => {
    const closing = new Set<object>()
    const slot = windowSlot(fakeWindow, (window) => window.isDestroyed() || closing.has(window))
    const first = slot.get()
    closing.add(first)
    expect(slot.current()).toBeUndefined()
    expect(slot.get()).not.toBe(first)
  })
})
