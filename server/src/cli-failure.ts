/**
 * What the platform's command line prints when it cannot start: one sentence saying what happened
 * and what to do, and the options only after a wrong command line, where they are the answer.
 * After a port, an address or a file that failed they would bury the one line that matters.
 */
import { errorMessage } from '../../src/shared/error-message'
import { CommandLineError, USAGE } from './cli-options'
import { PlatformDatabaseError } from './db/platform-database-error'

/** Where the platform was asked to listen, for advice that names it. */
export interface ListenTarget {
  readonly host: string
  readonly port: number
}

/** What to do when listening failed with a system error's code; undefined for other codes. */
function listenAdvice(code: string, at: ListenTarget): string | undefined {
  switch (code) {
    case 'EADDRINUSE':
      return `Another program uses port ${at.port} on ${at.host}: stop it, or pass --port with a free one (0 picks one).`
    case 'EACCES':
      return `This user may not listen on port ${at.port}: pass --port with one from 1024 up (0 picks a free one).`
    case 'EADDRNOTAVAIL':
      return `${at.host} is not an address of this computer: pass --host with one of its addresses, such as 127.0.0.1.`
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return `This computer cannot look up ${at.host}: pass --host with an address, such as 127.0.0.1.`
    default:
      return undefined
  }
}

/**
 * The text for a start that failed with `error`: one line, or for a wrong command line the line
 * and the options. `at` is where it listened, once the command line read.
 */
export function startFailureText(error: unknown, at?: ListenTarget): string {
  const message = `Standby platform could not start: ${errorMessage(error).replace(/\.$/, '')}.`
  if (error instanceof CommandLineError) return `${message}\n\n${USAGE}`
  const code = (error as { code?: unknown } | null)?.code
  const advice = at !== undefined && typeof code === 'string' ? listenAdvice(code, at) : undefined
  if (advice !== undefined) return `${message} ${advice}`
  // A database error (db/platform-database-error.ts) already says what to do.
  if (error instanceof PlatformDatabaseError) return message
  return `${message} Check the options (npm run server -- --help) and start it again.`
}
