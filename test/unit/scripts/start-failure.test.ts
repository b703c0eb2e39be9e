import { describe, expect, it } from 'vitest'
import { buildApp, BuildFailedError } from '../../../scripts/build-app'
import { startFailureLine } from '../../../scripts/start-failure'
import { useTempDirs } from '../../support/temp-dir'

const tempDir = useTempDirs()
const LOG = '/home/ada/.standby-dev/browser-shell/logs/standby.log'

describe('the line npm start ends with', () => {
  it('tells a failed build as the checkout’s own, pointing at the compiler output, not at a log or a bug report', () => {
    // A checkout without its tools: the first step cannot even start.
    const failed = ((): unknown => {
      try {
        buildApp(tempDir())
      } catch (error) {
        return error
      }
      return null
    })()
    expect(failed).toBeInstanceOf(BuildFailedError)
    expect(startFailureLine(failed, LOG)).toBe(
      'The build failed at `electron-vite build`; its output above says where. Fix that (or check out a ' +
        'commit that builds), then run the command again.',
    )
  })

  it('says anything else in the words of the failed-start dialog, with the log file', () => {
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })
    expect(startFailureLine(full, LOG)).toBe(
      `The disk is full. Free some space on the disk that holds your profile, then start Standby again. The log has the details: ${LOG}`,
    )
  })
})
