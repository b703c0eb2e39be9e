import { describe, expect, it, vi } from 'vitest'
import { createShutdown } from '../../../../../src/main/core/startup/shutdown'
import { recordingLog } from '../../../../support/recording-log'

describe('the shutdown at quit', () => {
  it('closes what was opened, the last first, once however often the quit comes', () => {
    const closed: string[] = []
    const shutdown = createShutdown(recordingLog())
    shutdown.add('the cache', () => closed.push('cache'))
    shutdown.add('the tray', () => closed.push('tray'))
    shutdown.run()
    shutdown.run()
    expect(closed).toEqual(['tray', 'cache'])
    expect(shutdown.done).toBe(true)
  })

  it('closes at once what is opened after the quit (a start still under way)', () => {
    const shutdown = createShutdown(recordingLog())
    shutdown.run()
    const close = vi.fn()
    shutdown.add('the cache', close)
    expect(close).toHaveBeenCalledOnce()
  })

  it('goes on past one that fails, and says which, without throwing', () => {
    const log = recordingLog()
    const shutdown = createShutdown(log)
    const cache = vi.fn()
    shutdown.add('the cache', cache)
    shutdown.add('the tray', () => {
      throw new Error('already gone')
    })
    expect(() => shutdown.run()).not.toThrow()
    expect(cache).toHaveBeenCalledOnce()
    expect(log.lines).toEqual([expect.stringMatching(/Could not close the tray at quit: already gone/)])
  })
})
