// Windows toasts come up after show() returns, as Electron makes them on a background thread: a
// close() before then detaches the object and leaves the toast to come up with no one to close it.
import { beforeEach, describe, expect, it } from 'vitest'
import { fake, FakeNotification, raisePendingToasts, resetFakeElectron } from './'
import type { ActivationArguments } from 'electron'

beforeEach(() => {
  resetFakeElectron()
  fake.platform = 'win32'
  fake.pendingToasts = true
})

describe('the fake’s Windows toasts made on a background thread', () => {
  it('come up, and tell their show, only when the thread has made them', () => {
    const heard: string[] = []
    const toast = new FakeNotification({ id: 'inv' })
    toast.on('show', () => heard.push('show'))
    toast.show()
    expect([toast.onScreen, heard]).toEqual([false, []])
    raisePendingToasts()
    expect([toast.onScreen, heard]).toEqual([true, ['show']])
  })

  it('closed before then, come up all the same, detached: no event, and close() again does nothing', () => {
    const heard: string[] = []
    const toast = new FakeNotification({ id: 'inv' })
    for (const name of ['show', 'click', 'close', 'failed']) toast.on(name, () => heard.push(name))
    toast.show()
    toast.close()
    raisePendingToasts()
    toast.close()
    expect(toast.onScreen).toBe(true)
    toast.click()
    toast.timeOut()
    expect(heard).toEqual([])
  })

  it('refused by Windows, tell a failure to an object still attached, and never come up', () => {
    const heard: string[] = []
    const toast = new FakeNotification({ id: 'inv' })
    toast.on('failed', (_event, error: string) => heard.push(error))
    toast.show()
    raisePendingToasts('WinAPI: Show failed')
    expect([toast.onScreen, heard]).toEqual([false, ['WinAPI: Show failed']])
  })
})

describe('the fake’s Windows toast closed before it was made', () => {
  it('takes nothing down under its id: Electron hides a toast it has not got yet', () => {
    fake.pendingToasts = false
    const up = new FakeNotification({ id: 'inv' })
    up.show()
    fake.pendingToasts = true
    const coming = new FakeNotification({ id: 'inv' })
    coming.show()
    coming.close()
    expect(up.onScreen).toBe(true)
    // Once made it takes the earlier one's place by their shared tag, as any toast does.
    raisePendingToasts()
    expect([up.onScreen, coming.onScreen]).toEqual([false, true])
  })
})

describe('the fake’s Windows press posted to the UI thread', () => {
  it('is told to handleActivation once delivered, after a close meanwhile, and to no object of its id', () => {
    fake.pendingToasts = false
    const told: ActivationArguments[] = []
    FakeNotification.handleActivation((details) => told.push(details))
    const heard: string[] = []
    const pressed = new FakeNotification({ id: 'inv' })
    pressed.on('action', () => heard.push('pressed'))
    pressed.show()
    const deliver = pressed.pressActionLater(0)
    pressed.close()
    fake.pendingToasts = true
    const coming = new FakeNotification({ id: 'inv' })
    coming.on('action', () => heard.push('coming'))
    coming.show()
    expect(told).toEqual([])
    deliver()
    // Electron hands the button to the first it holds under the id: the closed one, which tells no one.
    expect([told.map((details) => details.arguments), heard]).toEqual([['type=action&action=0&tag=inv'], []])
  })
})
