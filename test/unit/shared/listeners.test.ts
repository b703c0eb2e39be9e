import { describe, expect, it } from 'vitest'
import { Listeners } from '../../../src/shared/listeners'
import { createValueStore } from '../../../src/renderer/store/value-store'
import { allocatedBy } from '../../support/allocated-by'

describe('listeners', () => {
  it('calls every listener in the order they were added, until each is removed', () => {
    const heard: string[] = []
    const listeners = new Listeners<number>()
    const offA = listeners.add((n) => heard.push(`a${n}`))
    listeners.add((n) => heard.push(`b${n}`))
    listeners.emit(1)
    offA()
    offA()
    listeners.emit(2)
    expect(heard).toEqual(['a1', 'b1', 'b2'])
  })

  it('treats the same function added twice as two subscriptions, removed one at a time', () => {
    let calls = 0
    const listener = (): void => void calls++
    const listeners = new Listeners<void>()
    const first = listeners.add(listener)
    listeners.add(listener)
    listeners.emit()
    first()
    listeners.emit()
    expect(calls).toBe(3)
  })

  it('keeps telling the others when one listener throws, and reports the failure', () => {
    const failures: unknown[] = []
    const heard: number[] = []
    const listeners = new Listeners<number>((error) => failures.push(error))
    listeners.add(() => {
      throw new Error('broken')
    })
    listeners.add((n) => heard.push(n))
    listeners.emit(7)
    expect(heard).toEqual([7])
    expect(failures).toEqual([new Error('broken')])
  })

  it('lets one listener remove another while a value is delivered', () => {
    const heard: string[] = []
    const listeners = new Listeners<void>()
    let offB = (): void => undefined
    listeners.add(() => {
      heard.push('a')
      offB()
    })
    offB = listeners.add(() => heard.push('b'))
    listeners.emit()
    listeners.emit()
    expect(heard).toEqual(['a', 'b', 'a'])
  })

  // The list is replaced, never changed in place, while an emit walks it by index.
  it('lets a listener remove itself while a value is delivered without skipping the next one', () => {
    const heard: string[] = []
    const listeners = new Listeners<number>()
    const offA = listeners.add((n) => {
      heard.push(`a${n}`)
      offA()
    })
    listeners.add((n) => heard.push(`b${n}`))
    listeners.emit(1)
    listeners.emit(2)
    expect(heard).toEqual(['a1', 'b1', 'b2'])
    expect(listeners.size).toBe(1)
  })

  it('tells a listener added while a value is delivered only the values after it', () => {
    const heard: string[] = []
    const listeners = new Listeners<number>()
    listeners.add((n) => {
      heard.push(`a${n}`)
      if (n === 1) listeners.add((m) => heard.push(`late${m}`))
    })
    listeners.emit(1)
    listeners.emit(2)
    expect(heard).toEqual(['a1', 'a2', 'late2'])
  })

  it('delivers a value emitted by a listener to everyone before the rest hear the first', () => {
    const heard: string[] = []
    const listeners = new Listeners<number>()
    listeners.add((n) => {
      heard.push(`a${n}`)
      if (n === 1) listeners.emit(2)
    })
    listeners.add((n) => heard.push(`b${n}`))
    listeners.emit(1)
    expect(heard).toEqual(['a1', 'a2', 'b2', 'b1'])
  })
})

describe('listeners on a hot path', () => {
  // The platform emits once per recipient of a fan-out: garbage per emit brings its collections,
  // and their pauses, closer.
  it('deliver a value without building garbage of their own', () => {
    const listeners = new Listeners<number>()
    let sum = 0
    listeners.add((n) => void (sum += n))
    listeners.add((n) => void (sum -= n))
    const emits = 200_000
    const bytes = allocatedBy(() => {
      for (let i = 0; i < emits; i++) listeners.emit(i)
    })
    expect(sum).toBe(0)
    // A copy of the list per emit is dozens of bytes each; the loop's own bookkeeping is far less.
    expect(bytes / emits).toBeLessThan(8)
  })
})

describe('the stores built on listeners', () => {
  it('notify a page’s store subscribers once per new value', () => {
    const store = createValueStore(1)
    let calls = 0
    const off = store.subscribe(() => void calls++)
    store.set(1)
    store.set(2)
    off()
    store.set(3)
    expect(calls).toBe(1)
  })
})
