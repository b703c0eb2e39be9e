import { describe, expect, it } from 'vitest'
import { createStreamLogger } from '../../../src/main/node/adapters/stream-logger'
import type { Logger } from '../../../src/shared/logger'
import { MemoryLogger } from '../../../server/src/logger'

// The core's own way of reporting a failure, run against any Logger.
function reportFailure(log: Logger): void {
  log.warn('Could not save the settings file', new Error('disk full'))
  log.info('Signed in', { expertId: 'exp_1' })
}

describe('the one Logger', () => {
  it('lets the server’s log take what the app writes, error and fields on the same line', () => {
    const log = new MemoryLogger()
    reportFailure(log)
    expect(log.lines[0]).toMatch(/warn Could not save the settings file error="Error: disk full"$/)
    expect(log.lines[1]).toMatch(/info Signed in expertId=exp_1$/)
  })

  it('lets the app’s stream log take the server’s named fields', () => {
    const lines: string[] = []
    reportFailure(
      createStreamLogger({ out: { write: (line: string) => lines.push(line) > 0 }, now: () => 0 }),
    )
    const text = lines.join('')
    expect(text).toContain('WARN  Could not save the settings file (Error: disk full)')
    expect(text).toContain('INFO  Signed in ({"expertId":"exp_1"})')
  })
})
