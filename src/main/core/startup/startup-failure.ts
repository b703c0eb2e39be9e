/**
 * Why Standby could not start, in words for the person who launched it: what failed and what to do,
 * and where the log is. Both hosts show it (Electron in a dialog, the browser shell on its terminal)
 * and then exit, so a failed start never just vanishes. Reads only the error's name, code and
 * message, and those of its causes.
 */
import { asSentence, errorMessage, saysSomething } from '../../../shared/error-message'
import { isNativeAddonFailure } from '../../../shared/sqlite/native-addon-failure'
import { isDiskFullCode } from '../../../shared/sqlite/machine-fault'

/** Which failure it was; each has its own sentence. */
export type StartupFailureKind =
  | 'native_module'
  | 'locked'
  | 'port_in_use'
  | 'disk_full'
  | 'unwritable'
  | 'cache_unavailable'
  | 'disk_error'
  | 'unknown'

/** What the dialog (or the terminal) says. */
export interface StartupFailure {
  readonly kind: StartupFailureKind
  /** What failed, as a dialog's title. */
  readonly title: string
  /** What to do, then where the log is. */
  readonly message: string
}

/** What decides the advice besides the error. */
export interface StartupFailureContext {
  /** The log file, when it was open; the message names it. */
  readonly logPath: string | null
  /** An installed app: the remedy is to reinstall rather than to rebuild a checkout. */
  readonly packaged: boolean
}

/** The kind, title and advice for `error`. */
export function describeStartupFailure(error: unknown, context: StartupFailureContext): StartupFailure {
  const found = classify(causes(error))
  const where = context.logPath === null ? '' : ` The log has the details: ${context.logPath}`
  return { ...found, message: `${advice(found.kind, context, error)}${where}` }
}

/** What to check when the disk reported an error, as the start of a sentence. */
export const DISK_ERROR_ADVICE =
  'Check the disk that holds your profile: it may be failing or disconnected, or a file there may ' +
  'have reached the largest size the disk or your account allows'

/** Which failure `error` (or one of its causes) is, by its name, code and message. */
export function failureKindOf(error: unknown): StartupFailureKind {
  return classify(causes(error)).kind
}

function classify(chain: ReadonlyArray<ErrorFacts>): Omit<StartupFailure, 'message'> {
  const has = (test: (facts: ErrorFacts) => boolean): boolean => chain.some(test)
  const code =
    (...codes: ReadonlyArray<string>) =>
    (facts: ErrorFacts) =>
      codes.some((c) => facts.code === c || facts.code.startsWith(`${c}_`))
  if (has(isNativeAddonFailure))
    return { kind: 'native_module', title: 'Standby could not load its database module' }
  if (
    has(code('SQLITE_BUSY', 'SQLITE_LOCKED', 'EBUSY')) ||
    // A rename refused however long it was tried again (atomic-file.ts): another program holds the file.
    has((facts) => facts.name === 'FileHeldError') ||
    has((facts) => /database is locked/i.test(facts.message))
  )
    return { kind: 'locked', title: "Standby's profile is in use by another program" }
  if (has(code('EADDRINUSE'))) return { kind: 'port_in_use', title: 'Standby could not listen on its port' }
  if (has((facts) => isDiskFullCode(facts.code))) return { kind: 'disk_full', title: 'The disk is full' }
  if (
    has(
      code(
        'EACCES',
        'EPERM',
        'EROFS',
        'ENOTDIR',
        'EEXIST',
        'EISDIR',
        'SQLITE_CANTOPEN',
        'SQLITE_READONLY',
        'SQLITE_PERM',
      ),
    )
  )
    return { kind: 'unwritable', title: 'Standby cannot write to its profile folder' }
  if (has((facts) => facts.name === 'CacheUnavailableError'))
    return { kind: 'cache_unavailable', title: 'Standby could not open its offline cache' }
  // The disk refused a read or write for no fault of rights or space Standby can see: a failing or
  // disconnected drive, or a file at the largest size the disk or the account allows (SQLite reports
  // that as an I/O error of the write, having lost the system's EFBIG).
  if (has(code('EIO', 'EFBIG', 'SQLITE_IOERR')))
    return { kind: 'disk_error', title: 'The disk that holds your profile reported an error' }
  return { kind: 'unknown', title: 'Standby could not start' }
}

function advice(kind: StartupFailureKind, context: StartupFailureContext, error: unknown): string {
  const chain = causes(error)
  // An Error thrown without a message (`new Error()`) would be told as a lone "."; its causes, if
  // any, say why.
  const said = errorMessage(error)
  const first = asSentence(saysSomething(said) ? said : 'No reason was given')
  const path = chain.find((facts) => facts.path !== '')?.path
  const listener = chain.find((facts) => facts.port !== null)
  switch (kind) {
    case 'native_module':
      return context.packaged
        ? 'Its SQLite module does not match this version of Standby, which happens when an update or ' +
            'install was interrupted. Install Standby again from its installer; your sign-in and settings are kept.'
        : 'better-sqlite3 is not built for this Electron. Run `npm run rebuild:electron-sqlite` (it needs ' +
            'internet access and a C++ toolchain), or `npm run shell` to use the browser shell, then start again.'
    case 'locked':
      // A file named tells the expert which one to look for, and which program cannot be Standby.
      return path === undefined
        ? 'Another copy of Standby, or another program such as a backup or antivirus scan, is using its ' +
            'files. Quit it (look in the tray and in the task manager), then start Standby again.'
        : `Another program, such as a backup or sync tool, an antivirus scan or the sqlite3 shell, holds the lock on ${path}. ` +
            'Close it or wait for it to finish (look in the task manager), then start Standby again; nothing was changed.'
    case 'port_in_use':
      return (
        `Another program is listening on ${listener === undefined ? 'that port' : `${listener.address}:${listener.port}`}. ` +
        'Stop it, or start the browser shell on another port (`npm run shell -- --port N`; without ' +
        '`--port` it takes a free one).'
      )
    case 'disk_full':
      return 'Free some space on the disk that holds your profile, then start Standby again.'
    case 'unwritable':
      return (
        `${path === undefined ? first : `Standby cannot write to ${path}.`} Check that the folder ` +
        'belongs to you and is writable and that the disk is not read-only, then start Standby again.'
      )
    case 'cache_unavailable':
      return first
    case 'disk_error':
      return `${first} ${DISK_ERROR_ADVICE}, then start Standby again.`
    case 'unknown':
      return `${first} Start Standby again; if this keeps happening, send the log file with a bug report.`
  }
}

interface ErrorFacts {
  readonly name: string
  readonly code: string
  readonly message: string
  /** The file a Node error names (`error.path`); empty when none. */
  readonly path: string
  /** The port a Node listen error names (`error.port`), with its address; null when none. */
  readonly port: number | null
  readonly address: string
}

/** The error and its causes, outermost first, as plain facts. */
function causes(error: unknown): ReadonlyArray<ErrorFacts> {
  const chain: ErrorFacts[] = []
  let current: unknown = error
  // A cause chain can be a cycle; a handful of links is every real one.
  for (let depth = 0; depth < 8 && current !== undefined && current !== null; depth++) {
    const field = fieldsOf(current)
    const text = (key: string): string | undefined => {
      const value = field(key)
      return typeof value === 'string' ? value : undefined
    }
    const port = field('port')
    chain.push({
      name: text('name') ?? '',
      code: text('code') ?? '',
      message: text('message') ?? errorMessage(current),
      path: text('path') ?? '',
      port: typeof port === 'number' ? port : null,
      address: text('address') ?? 'this computer',
    })
    current = field('cause')
  }
  return chain
}

/** Reads a field of whatever was thrown; undefined where reading it throws (a getter, a proxy). */
function fieldsOf(value: unknown): (key: string) => unknown {
  if (typeof value !== 'object' || value === null) return () => undefined
  return (key) => {
    try {
      return (value as Record<string, unknown>)[key]
    } catch {
      return undefined
    }
  }
}
