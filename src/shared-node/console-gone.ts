/**
 * The console of a process whose reader has gone: the terminal that started it was closed, or the
 * program it writes to through a pipe (a launcher, `| head`) exited. Node reports every write that
 * fails as an 'error' event on process.stdout or process.stderr, and with no one listening each is
 * an uncaught exception: one per line logged, each of them logged in turn through the same console,
 * so the app's last resort relaunches it, then keeps running and tells the expert of an unexpected
 * error for nothing, its log filling with the same failure. The console only echoes what the log
 * file keeps, so a write it cannot take is dropped, and said once.
 */

/** Where each stream keeps whom to tell: one listener per stream and process, however often installed. */
const TOLD_TO = Symbol.for('standby.consoleGone')

interface Teller {
  readonly say: (line: string, error: unknown) => void
  told: boolean
}

type Watched = NodeJS.EventEmitter & { [TOLD_TO]?: Teller }

/**
 * From now on an error writing to one of `streams` (by name: stdout, stderr) is dropped, not thrown,
 * and the first of each stream is told to `say`, with `after` saying what goes on (the app's log in
 * its file; the platform serving). Installing again replaces whom to tell.
 */
export function dropConsoleWriteErrors(
  streams: Readonly<Record<string, NodeJS.EventEmitter>>,
  say: (line: string, error: unknown) => void,
  after = 'the log goes on in its file only',
): void {
  for (const [name, stream] of Object.entries(streams)) {
    const watched = stream as Watched
    const listening = watched[TOLD_TO] !== undefined
    watched[TOLD_TO] = { say, told: false }
    if (listening) continue
    watched.on('error', (error: unknown) => {
      const teller = watched[TOLD_TO]
      if (teller === undefined || teller.told) return
      teller.told = true
      const code = (error as { code?: unknown } | null)?.code
      try {
        // What says it may write to this same stream: its error comes later, and is dropped then.
        teller.say(
          `The console Standby wrote its ${name} to is gone (${typeof code === 'string' ? code : 'an error'}); ${after}`,
          error,
        )
      } catch {
        // Nothing is left to tell it to.
      }
    })
  }
}
