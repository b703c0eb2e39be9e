import { describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { useCleanup } from '../../support/cleanup'

const CLI = fileURLToPath(new URL('../../../server/src/cli.ts', import.meta.url))

describe('the platform command line', () => {
  const defer = useCleanup()

  /** Run the command line; resolve with how it ended, stopping it at once if it started listening. */
  function runCli(
    args: ReadonlyArray<string>,
  ): Promise<{ started: boolean; code: number | null; stderr: string }> {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    defer(() => void child.kill())
    let started = false
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (chunk.includes('listening')) {
        started = true
        child.kill()
      }
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    return new Promise((resolve) => child.on('close', (code) => resolve({ started, code, stderr })))
  }

  it('refuses a duration a timer or an expiry time cannot hold, and a fractional count, before it starts', async () => {
    for (const [option, value, ...rest] of [
      ['--invite-ttl-seconds', '1e12'],
      ['--request-every-seconds', '99999999999', '--simulate'],
      ['--fan-out', '5.5'],
      ['--free-cancellation-hours', '1.5'],
    ]) {
      const ended = await runCli(['--port', '0', '--db', ':memory:', option!, value!, ...rest])
      expect(ended, option).toMatchObject({ started: false, code: 1 })
      expect(ended.stderr).toMatch(new RegExp(`${option} must be a whole number from \\d+ to`))
    }
  })

  it('refuses a minimum app version that is not a version, before it starts', async () => {
    const ended = await runCli(['--port', '0', '--db', ':memory:', '--minimum-app-version', 'latest'])
    expect(ended).toMatchObject({ started: false, code: 1 })
    expect(ended.stderr).toContain('--minimum-app-version must be a version like 1.4.0')
  })

  it('refuses a review threshold outside 1 to 5, before it starts', async () => {
    for (const value of ['0.5', '5.5', 'four']) {
      const ended = await runCli(['--port', '0', '--db', ':memory:', '--review-threshold', value])
      expect(ended, value).toMatchObject({ started: false, code: 1 })
      expect(ended.stderr).toContain(
        `--review-threshold must be a number from 1 to 5, such as 4.0, not "${value}"`,
      )
    }
  })
})
