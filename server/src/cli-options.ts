/**
 * The platform command line's options, read and checked before anything of the platform loads:
 * --help and a mistyped option answer at once, and open no database (cli.ts loads the platform
 * only for a command line that reads).
 */
import { parseArgs } from 'node:util'
import { join } from 'node:path'
import { homedir } from 'node:os'
import { APP_VERSION_PATTERN } from '../../src/shared/rules/app-version'
import { DEFAULT_FREE_CANCELLATION_HOURS } from '../../src/shared/rules/cancellation-terms'
import { isBlockedPort } from '../../src/shared/platform-url'
import { defaultConnectionLimits } from './http/connection-guard'
import { DEFAULT_PLATFORM_PORT, DEFAULT_REVIEW_THRESHOLD } from './platform-defaults'

/** A command line that does not read (an unknown option, a value out of range): the options help. */
export class CommandLineError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'CommandLineError'
  }
}

/** What the command line asks the platform for, every value checked. */
export interface PlatformCommandLine {
  readonly host: string
  readonly port: number
  readonly dbPath: string
  readonly seed: boolean
  /** How often simulated clients post, when they run. */
  readonly simulate: { readonly requestEveryMs: number } | undefined
  readonly manualClock: boolean
  readonly marketplace: {
    readonly instantInviteTtlMs: number
    readonly defaultFanOut: number
    readonly reviewThreshold: number
    readonly freeCancellationHours: number
  }
  readonly allowedHosts: ReadonlyArray<string>
  readonly minimumAppVersion: string | undefined
  readonly connections: { perAddress?: number; perLoopbackAddress?: number; firstRequestMs: number }
}

/** The options help prints, and a wrong command line shows after what is wrong. */
export const USAGE = `Usage: npm run server -- [options]
  --port N                  port to listen on (default ${DEFAULT_PLATFORM_PORT}; 0 picks a free one)
  --host H                  address to bind (default 127.0.0.1)
  --db PATH                 SQLite file (default ~/.standby-platform/platform.db)
  --seed                    add the demo accounts (see README.md)
  --simulate                run simulated clients that post requests, message and join
  --request-every-seconds N how often simulated clients post (default 45)
  --invite-ttl-seconds N    how long instant invites stay open (default 300)
  --fan-out N               how many experts a matched request goes to (default 5)
  --free-cancellation-hours N  cancelling a booked session is free until N hours before it (default ${DEFAULT_FREE_CANCELLATION_HOURS})
  --manual-clock            time moves only via POST /admin/clock/advance (for tests and demos)
  --allow-host NAME         also answer requests addressed to NAME (repeatable; loopback names
                            and --host are always answered)
  --connections-per-address N  connections any one address may hold (default: ${defaultConnectionLimits.perAddress}
                            from another machine, ${defaultConnectionLimits.perLoopbackAddress} from loopback)
  --first-request-seconds N close a connection that sends no request within N s (default ${defaultConnectionLimits.firstRequestMs / 1000})
  --minimum-app-version V   announce V (e.g. 1.4.0) as the oldest supported app: older apps say "Update required"
  --review-threshold R      below this review average (1 to 5, default ${DEFAULT_REVIEW_THRESHOLD}) experts are warned`

const DAY_SECONDS = 24 * 60 * 60

// Bounded above as well: a huge interval overflows a timer (which then fires at once), and a huge
// invite lifetime puts expiry times past what any app accepts.
function positiveInt(
  name: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`--${name} must be a whole number from ${min} to ${max}, not "${value}"`)
  return n
}

/** The port to listen on: one the app and browsers connect to (they refuse some, such as 6000). */
function reachablePort(value: string | undefined): number {
  const port = positiveInt('port', value, DEFAULT_PLATFORM_PORT, 0, 65_535)
  if (isBlockedPort(port))
    throw new Error(
      `--port ${port} is a port Standby and browsers never connect to (it belongs to another service, ` +
        'such as mail or chat): pass --port with another one, such as 4455',
    )
  return port
}

/** One cap for every address when given; otherwise the defaults (loopback gets more room). */
function connectionCaps(value: string | undefined): { perAddress?: number; perLoopbackAddress?: number } {
  if (value === undefined) return {}
  const cap = positiveInt('connections-per-address', value, defaultConnectionLimits.perAddress, 1, 1_000_000)
  return { perAddress: cap, perLoopbackAddress: cap }
}

/** A version for --minimum-app-version, or exit with what is wrong. */
function appVersion(value: string | undefined): string | undefined {
  if (value === undefined || APP_VERSION_PATTERN.test(value)) return value
  throw new Error(`--minimum-app-version must be a version like 1.4.0 or 1.5.0-beta.1, not "${value}"`)
}

/** A review average for --review-threshold, or exit with what is wrong. */
function reviewThreshold(value: string | undefined): number {
  if (value === undefined) return DEFAULT_REVIEW_THRESHOLD
  const n = /^\d(\.\d+)?$/.test(value) ? Number(value) : Number.NaN
  if (!(n >= 1 && n <= 5))
    throw new Error(`--review-threshold must be a number from 1 to 5, such as 4.0, not "${value}"`)
  return n
}

/**
 * Read the command line (without node and the script): 'help' for --help, else the options.
 * Throws a CommandLineError that names the option and what it takes when one does not read.
 */
export function parseCommandLine(args: ReadonlyArray<string>): 'help' | PlatformCommandLine {
  try {
    return readCommandLine(args)
  } catch (error) {
    // Whatever did not read (parseArgs's own refusals too) is the command line's: the options help.
    throw new CommandLineError(error instanceof Error ? error.message : String(error), { cause: error })
  }
}

/** parseCommandLine's reading, throwing whatever does not read. */
function readCommandLine(args: ReadonlyArray<string>): 'help' | PlatformCommandLine {
  const { values } = parseArgs({
    args: [...args],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      db: { type: 'string' },
      seed: { type: 'boolean', default: false },
      simulate: { type: 'boolean', default: false },
      'manual-clock': { type: 'boolean', default: false },
      'invite-ttl-seconds': { type: 'string' },
      'fan-out': { type: 'string' },
      'free-cancellation-hours': { type: 'string' },
      'request-every-seconds': { type: 'string' },
      'allow-host': { type: 'string', multiple: true },
      'connections-per-address': { type: 'string' },
      'first-request-seconds': { type: 'string' },
      'minimum-app-version': { type: 'string' },
      'review-threshold': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) return 'help'
  // Every value is checked, --request-every-seconds without --simulate too: a mistyped option
  // said nothing until the day it was used.
  const requestEveryMs =
    positiveInt('request-every-seconds', values['request-every-seconds'], 45, 1, DAY_SECONDS) * 1000
  return {
    host: values.host ?? '127.0.0.1',
    port: reachablePort(values.port),
    dbPath: values.db ?? join(homedir(), '.standby-platform', 'platform.db'),
    seed: values.seed,
    simulate: values.simulate ? { requestEveryMs } : undefined,
    manualClock: values['manual-clock'],
    marketplace: {
      instantInviteTtlMs:
        positiveInt('invite-ttl-seconds', values['invite-ttl-seconds'], 300, 1, DAY_SECONDS) * 1000,
      defaultFanOut: positiveInt('fan-out', values['fan-out'], 5, 1, 10_000),
      reviewThreshold: reviewThreshold(values['review-threshold']),
      freeCancellationHours: positiveInt(
        'free-cancellation-hours',
        values['free-cancellation-hours'],
        DEFAULT_FREE_CANCELLATION_HOURS,
        0,
        365 * 24,
      ),
    },
    allowedHosts: values['allow-host'] ?? [],
    minimumAppVersion: appVersion(values['minimum-app-version']),
    connections: {
      ...connectionCaps(values['connections-per-address']),
      firstRequestMs:
        positiveInt(
          'first-request-seconds',
          values['first-request-seconds'],
          defaultConnectionLimits.firstRequestMs / 1000,
          1,
          DAY_SECONDS,
        ) * 1000,
    },
  }
}
