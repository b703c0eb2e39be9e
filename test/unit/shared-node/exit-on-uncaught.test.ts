import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import { exitOnUncaught, UNCAUGHT_EXIT_CODE } from '../../../src/shared-node/exit-on-uncaught'
import { MemoryLogger, type Logger } from '../../../server/src/logger'

const LINE = 'Standby stopped after an unexpected error (logged above): run npm start again.'

/** A host's process stand-in, with what the last resort did to it. */
function host(log: Logger = new MemoryLogger()) {
  const target = new EventEmitter()
  const written: string[] = []
  const exit = vi.fn()
  exitOnUncaught(target, { log, line: LINE, write: (line) => written.push(line), exit })
  return { target, log, written, exit }
}

describe('a Node host’s last resort', () => {
  it.each(['uncaughtException', 'unhandledRejection'])(
    'on an %s: logs it redacted, writes the one line, then exits with a failure',
    (event) => {
      const log = new MemoryLogger()
      const { target, written, exit } = host(log)
      target.emit(event, new Error('request failed: token=s3cr3t-t0ken'))
      expect(log.lines).toHaveLength(1)
      expect(log.lines[0]).toContain('request failed')
      expect(log.lines[0]).not.toContain('s3cr3t-t0ken')
      expect(written).toEqual([LINE])
      expect(exit).toHaveBeenCalledWith(UNCAUGHT_EXIT_CODE)
    },
  )

  it('still writes its line and exits when the log throws, and exits when the write throws too', () => {
    const broken = (): never => {
      throw new Error('stderr closed')
    }
    const { target, written, exit } = host({ info: broken, warn: broken, error: broken })
    target.emit('uncaughtException', new Error('boom'))
    expect(written).toEqual([LINE])
    expect(exit).toHaveBeenCalledWith(UNCAUGHT_EXIT_CODE)

    const silent = new EventEmitter()
    const exitToo = vi.fn()
    exitOnUncaught(silent, { log: new MemoryLogger(), line: LINE, write: broken, exit: exitToo })
    expect(() => silent.emit('uncaughtException', new Error('boom'))).not.toThrow()
    expect(exitToo).toHaveBeenCalledWith(UNCAUGHT_EXIT_CODE)
  })
})
