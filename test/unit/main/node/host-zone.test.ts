// The process follows the computer's time zone while it runs: Node keeps the zone it started in
// unless told to read it again, so reminders and invite times would speak the zone the expert left.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  currentZone,
  followHostZone,
  watchHostZone,
  ZONE_CHECK_MS,
} from '../../../../src/main/node/host-zone'
import { createPowerHook } from '../../../../src/main/node/adapters/power-hook'
import { ManualClock } from '../../../../src/shared/clock'

const MODULE = resolve(__dirname, '../../../../src/main/node/host-zone.ts')
const ZONEINFO = '/usr/share/zoneinfo'

/**
 * A child Node process in its own mount namespace, whose /etc (a temporary folder there) says
 * London at its start and Tokyo once it runs: what it writes for the epoch before and after the
 * change, with and without reading the zone again. Null where no private namespace can be made
 * (not Linux, not root, no unshare, no zone data).
 */
function zoneChangeInChild(follow: boolean): { before: string; after: string } | null {
  const etc = mkdtempSync(join(tmpdir(), 'standby-etc-'))
  try {
    symlinkSync(`${ZONEINFO}/Europe/London`, join(etc, 'localtime'))
    const script = [
      `import { followHostZone } from ${JSON.stringify(MODULE)}`,
      `import { rmSync, symlinkSync } from 'node:fs'`,
      `const hour = () => new Date(0).getHours()`,
      `const before = hour()`,
      `rmSync('/etc/localtime'); symlinkSync('${ZONEINFO}/Asia/Tokyo', '/etc/localtime')`,
      follow ? 'followHostZone()' : '',
      `console.log(JSON.stringify({ before: String(before), after: String(hour()) }))`,
    ].join('\n')
    const { TZ: _zone, ...withoutZone } = process.env
    const run = spawnSync(
      'unshare',
      [
        '-m',
        '--propagation',
        'private',
        'sh',
        '-c',
        'mount --bind "$1" /etc && shift && exec "$@"',
        'sh',
        etc,
        process.execPath,
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        script,
      ],
      { encoding: 'utf8', timeout: 20_000, env: withoutZone },
    )
    if (run.status !== 0) return null
    return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? 'null') as { before: string; after: string }
  } finally {
    rmSync(etc, { recursive: true, force: true })
  }
}

describe('following the computer’s time zone', () => {
  const stops: Array<() => void> = []
  afterEach(() => {
    for (const stop of stops.splice(0)) stop()
  })

  const change = zoneChangeInChild(false)
  it.skipIf(change === null)(
    'a zone changed while running is spoken only once read again (skipped where no private mount namespace can be made)',
    () => {
      // London was an hour ahead of UTC in 1970; Tokyo is nine.
      expect(change).toEqual({ before: '1', after: '1' })
      expect(zoneChangeInChild(true)).toEqual({ before: '1', after: '9' })
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
