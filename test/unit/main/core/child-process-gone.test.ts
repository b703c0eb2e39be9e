import { describe, expect, it } from 'vitest'
import {
  ENDS_LOGGED_PER_PROCESS,
  childProcessEndLog,
  childProcessGoneLine,
} from '../../../../src/main/core/child-process-gone'
import { recordingLog } from '../../../support/recording-log'

describe("a Chromium helper process's end in the log", () => {
  it('says the graphics process crashed, that Chromium starts it again, and what to do about a blank window', () => {
    expect(childProcessGoneLine({ type: 'GPU', reason: 'crashed', exitCode: 139 })).toBe(
      "Standby's graphics process (GPU), which draws its windows, crashed (exit code 139). Chromium starts it " +
        'again, and draws without the graphics card if it keeps stopping. If a window stays blank or flickers, ' +
        'quit Standby from the tray and start it again; if this keeps happening, update the graphics driver or ' +
        'send the log to support.',
    )
  })

  it('names a utility service and how it ended, and says nothing of a clean exit', () => {
    expect(
      childProcessGoneLine({
        type: 'Utility',
        reason: 'oom',
        exitCode: 1,
        serviceName: 'network.mojom.NetworkService',
        name: 'Network Service',
      }),
    ).toMatch(
      /^Standby's Utility helper process "Network Service" ran out of memory \(exit code 1\)\. Chromium starts it again when it is next needed\./,
    )
    expect(childProcessGoneLine({ type: 'GPU', reason: 'clean-exit', exitCode: 0 })).toBeNull()
    expect(childProcessGoneLine({ type: 'Unknown', reason: 'something-new', exitCode: 2 })).toMatch(
      /^Standby's Unknown helper process ended \(something-new\) \(exit code 2\)\./,
    )
  })

  it('is an error, with a reinstall advised, when a process could not start or Windows refused its code', () => {
    const log = recordingLog()
    const logEnd = childProcessEndLog(log)
    logEnd({ type: 'GPU', reason: 'launch-failed', exitCode: 1 })
    logEnd({ type: 'Utility', reason: 'integrity-failure', exitCode: 1, name: 'Audio Service' })
    expect(log.lines).toHaveLength(2)
    for (const line of log.lines) expect(line).toMatch(/^error .*reinstall it/)
    expect(log.lines[1]).toMatch(/"Audio Service" was refused by Windows' code integrity check/)
  })

  it('logs a process that keeps stopping a bounded number of times, then says the rest are not logged', () => {
    const log = recordingLog()
    const logEnd = childProcessEndLog(log)
    for (let end = 0; end < ENDS_LOGGED_PER_PROCESS * 10; end++) {
      logEnd({ type: 'GPU', reason: 'crashed', exitCode: 1 })
      logEnd({ type: 'Utility', reason: 'killed', exitCode: 9, name: 'Audio Service' })
    }
    const gpu = log.lines.filter((line) => line.includes('(GPU)'))
    expect(gpu).toHaveLength(ENDS_LOGGED_PER_PROCESS + 1)
    expect(gpu.at(-1)).toMatch(
      /^error .*keeps stopping; its further ends are not logged until Standby starts again/,
    )
    // Another process's ends are counted on their own.
    expect(log.lines.filter((line) => line.includes('Audio Service'))).toHaveLength(
      ENDS_LOGGED_PER_PROCESS + 1,
    )
  })
})
