// The process follows the computer's time zone while it runs: Node keeps the zone it started in
// unless told to read it again, so reminders and invite times would speak the zone the expert left.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  currentZone,
  followHostZone,
  watchHostZone,
  ZONE_CHECK_MS,
} from '../../../../src/main/node/host-zone'
import { createPowerHook } from '../../../../src/main/node/adapters/power-hook'
import { ManualClock } from '../../../../src/shared/clock'
import { useBuiltScript } from '../../../support/built-script'
import { childLines, LINES_STDIO } from '../../../support/child-lines'

const ZONEINFO = '/usr/share/zoneinfo'

/** Runs `command` with a temporary folder bound over /etc, in a mount namespace of its own. */
function withPrivateEtc(etc: string, command: ReadonlyArray<string>): ReadonlyArray<string> {
  const bindThenRun = 'mount --bind "$1" /etc && shift && exec "$@"'
  return ['-m', '--propagation', 'private', 'sh', '-c', bindThenRun, 'sh', etc, ...command]
}

/**
 * Whether a private mount namespace can be made here (Linux, root, unshare, zone data): asked of
 * a shell alone, so that a slow start of Node cannot be taken for a machine without one.
 */
function privateEtcPossible(): boolean {
  if (!existsSync(`${ZONEINFO}/Europe/London`) || !existsSync(`${ZONEINFO}/Asia/Tokyo`)) return false
  const etc = mkdtempSync(join(tmpdir(), 'standby-etc-'))
  try {
    return spawnSync('unshare', withPrivateEtc(etc, ['true'])).status === 0
  } finally {
    rmSync(etc, { recursive: true, force: true })
  }
}

describe('following the computer’s time zone', () => {
  const stops: Array<() => void> = []
  afterEach(() => {
    for (const stop of stops.splice(0)) stop()
  })
  const child = useBuiltScript(new URL('./host-zone-child.ts', import.meta.url))

  /**
   * A child Node process whose /etc (a temporary folder) says London at its start and Tokyo once
   * it runs: the hour of the epoch it saw before and after the change, with and without reading
   * the zone again.
   */
  async function zoneChangeInChild(follow: boolean): Promise<unknown> {
    const etc = mkdtempSync(join(tmpdir(), 'standby-etc-'))
    try {
      symlinkSync(`${ZONEINFO}/Europe/London`, join(etc, 'localtime'))
      // No zone named in the environment (Node would keep it), nor a certificate file under the
      // host's /etc, which the child cannot see.
      const { TZ: _zone, NODE_EXTRA_CA_CERTS: _certs, ...env } = process.env
      const args = withPrivateEtc(etc, [process.execPath, child(), follow ? 'follow' : 'stay'])
      const run = spawn('unshare', args, { stdio: LINES_STDIO, env })
      const said: string[] = []
      childLines(run).on('line', (line) => said.push(line))
      const code = await new Promise((resolve, reject) => {
        run.once('error', reject)
        run.once('close', resolve)
      })
      expect(code).toBe(0)
      return JSON.parse(said.at(-1) ?? 'null')
    } finally {
      rmSync(etc, { recursive: true, force: true })
    }
  }

  it.skipIf(!privateEtcPossible())(
    'a zone changed while running is spoken only once read again (skipped where no private mount namespace can be made)',
    async () => {
      // London was an hour ahead of UTC in 1970; Tokyo is nine.
      expect(await zoneChangeInChild(false)).toEqual({ before: '1', after: '1' })
      expect(await zoneChangeInChild(true)).toEqual({ before: '1', after: '9' })
    },
  )
  it('leaves a zone the environment names alone', () => {
    const env: NodeJS.ProcessEnv = { TZ: 'Asia/Tokyo' }
    followHostZone(env)
    expect(env).toEqual({ TZ: 'Asia/Tokyo' })
  })

  it('reads it again every minute and at each wake, logging a change once', () => {
    const clock = new ManualClock(0)
    const power = createPowerHook()
    const lines: string[] = []
    const log = { info: (line: string) => lines.push(line), warn: () => {}, error: () => {} }
    const start = currentZone()
    let zone = start
    let reads = 0
    const follow = (): string => {
      reads++
      return zone
    }
    const changes: string[] = []
    stops.push(watchHostZone({ clock, power, log, follow, onChange: (next) => changes.push(next) }))
    clock.advance(ZONE_CHECK_MS - 1)
    expect(reads).toBe(0)
    clock.advance(1)
    expect(reads).toBe(1)
    zone = 'Asia/Tokyo'
    power.resume()
    expect(reads).toBe(2)
    clock.advance(ZONE_CHECK_MS)
    expect(reads).toBe(3)
    expect(lines).toEqual([
      `The computer's time zone is now Asia/Tokyo (was ${start}): times are shown in it from now on.`,
    ])
    expect(changes).toEqual(['Asia/Tokyo'])
  })

  it('a zone that cannot be read is logged and read again at the next check; stopped, nothing more', () => {
    const clock = new ManualClock(0)
    const power = createPowerHook()
    const errors: string[] = []
    const log = { info: () => {}, warn: () => {}, error: (line: string) => errors.push(line) }
    let reads = 0
    const stop = watchHostZone({
      clock,
      power,
      log,
      follow: () => {
        if (++reads === 1) throw new Error('no zone data')
        return currentZone()
      },
    })
    clock.advance(2 * ZONE_CHECK_MS)
    expect(reads).toBe(2)
    expect(errors).toEqual(["The computer's time zone could not be read again"])
    stop()
    power.resume()
    clock.advance(ZONE_CHECK_MS)
    expect(reads).toBe(2)
    expect(clock.pendingTimers).toBe(0)
  })
})
