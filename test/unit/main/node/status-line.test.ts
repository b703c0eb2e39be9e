import { describe, expect, it, vi } from 'vitest'
import { createStatusLine } from '../../../../src/main/node/status-line'

describe('the status line', () => {
  it('tells listeners about changes only, until they unsubscribe', () => {
    const status = createStatusLine('Not connected')
    const listener = vi.fn()
    const unsubscribe = status.subscribe(listener)
    status.set('Not connected')
    status.set('Online')
    unsubscribe()
    status.set('Offline')
    expect(listener.mock.calls).toEqual([['Online']])
    expect(status.get()).toBe('Offline')
  })
})
