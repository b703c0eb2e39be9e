/**
 * What the platform's command line prints when it cannot start: the options after a wrong command
 * line only; after a port, an address or a file that failed, one sentence saying what to do.
 */
import { describe, expect, it } from 'vitest'
import { startFailureText } from '../../../server/src/cli-failure'
import { parseCommandLine, USAGE } from '../../../server/src/cli-options'
import { PlatformDatabaseError } from '../../../server/src/db/platform-database-error'

const AT = { host: '127.0.0.1', port: 4455 }

/** A system error as Node's net module gives one. */
function systemError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code })
}

/** What parseCommandLine throws for `args`. */
function refusal(args: ReadonlyArray<string>): unknown {
  try {
    parseCommandLine(args)
  } catch (error) {
    return error
  }
  throw new Error(`${args.join(' ')} was read`)
}

describe('what the platform says when it cannot start', () => {
  it.each([[['--no-such-option']], [['--port', '1']], [['--fan-out', 'many']], [['--port']]])(
    'shows the options after a wrong command line (%j)',
    (args) => {
      const text = startFailureText(refusal(args))
      expect(text).toMatch(/^Standby platform could not start: .+\.\n\nUsage: npm run server -- \[options\]/)
      expect(text.endsWith(USAGE)).toBe(true)
    },
  )

  it.each([
    [
      'EADDRINUSE',
      'listen EADDRINUSE: address already in use 127.0.0.1:4455',
      /Another program uses port 4455 on 127\.0\.0\.1: stop it, or pass --port with a free one/,
    ],
    [
      'EACCES',
      'listen EACCES: permission denied 127.0.0.1:80',
      /This user may not listen on port 4455: pass --port with one from 1024 up/,
    ],
    [
      'EADDRNOTAVAIL',
      'listen EADDRNOTAVAIL: address not available 192.0.2.1',
      /127\.0\.0\.1 is not an address of this computer: pass --host/,
    ],
    [
      'ENOTFOUND',
      'getaddrinfo ENOTFOUND nosuchhost.invalid',
      /cannot look up 127\.0\.0\.1: pass --host with an address/,
    ],
  ])(
    'says in one line what to do when it cannot listen (%s), without the options',
    (code, message, advice) => {
      const text = startFailureText(systemError(code, message), AT)
      expect(text.split('\n')).toHaveLength(1)
      expect(text).toContain(`Standby platform could not start: ${message}.`)
      expect(text).toMatch(advice)
    },
  )

  it('says a database that cannot be opened in its own one line, without the options', () => {
    const error = new PlatformDatabaseError(
      'Cannot open the platform database /x/p.db (file is not a database): it is damaged or not a Standby platform database: move it aside, or point --db at another file (a new one is created empty).',
    )
    expect(startFailureText(error, AT)).toBe(`Standby platform could not start: ${error.message}`)
  })

  it('says what to do for any other failure, in one line, without the options', () => {
    for (const error of [
      new Error('disk I/O error'),
      systemError('EMFILE', 'too many open files'),
      'thrown text',
    ]) {
      const text = startFailureText(error, AT)
      expect(text.split('\n'), String(error)).toHaveLength(1)
      expect(text).toMatch(
        /^Standby platform could not start: .+\. Check the options \(npm run server -- --help\) and start it again\.$/,
      )
    }
  })
})
