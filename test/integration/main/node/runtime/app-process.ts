/**
 * Runs the app's core in a child process (app-process-child.ts) on one data directory, reads what
 * it says, and kills it with SIGKILL when the test says so; the cache file is what it left.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { useBuiltScript } from '../../../../support/built-script'
import { childLines, LINES_STDIO } from '../../../../support/child-lines'
import { stallTimer, waitingFor, type WaitingFor } from '../../../../support/stall-timer'

/** How long the app may print nothing before a wait on it gives up with what it was waiting for. */
const FAILSAFE_MS = 40_000

/** One run of the app, from its start to its death. */
export interface AppRun {
  /** Every invite it showed, in order. */
  readonly shown: string[]
  /** Called with each line it says (`state <status>` or `shown <inviteId>`). */
  onLine(listener: (line: string) => void): void
  /**
   * Resolves true once `done` holds (checked now and after each line), false if the app dies
   * first; rejects, naming `what` as it is then, after a failsafe that only turns a hang into a message.
   */
  until(done: () => boolean, what: WaitingFor): Promise<boolean>
  /** Kill it with SIGKILL, as a crash or the task manager does. */
  kill(): void
  /** Resolves once it is dead and everything it said has been read, with how it ended. */
  readonly ended: Promise<AppExit>
}

/** How the app's process ended: killed (`signal`), or by itself (`code`, the core having nothing left to run). */
export interface AppExit {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
}

/** Where an expert's app keeps its data, and the platform it signs in to. */
export interface AppHome {
  readonly platformUrl: string
  readonly token: string
  readonly expertId: string
  readonly dataDir: string
}

/** Starts the app on a home, optionally to kill itself at a point (`startApp` of `useAppStarts`). */
export type StartApp = (home: AppHome, killAfterShown?: number | 'after-snapshot') => AppRun

/**
 * For a test file: builds the app's child script once (before its tests) and returns `startApp`.
 * Given `killAfterShown`, the app kills itself right after showing that many invites, or
 * (`after-snapshot`) right after a snapshot of the platform is in its cache.
 */
export function useAppStarts(): StartApp {
  const script = useBuiltScript(new URL('./app-process-child.ts', import.meta.url))
  return (home, killAfterShown) => startApp(script(), home, killAfterShown)
}

function startApp(script: string, home: AppHome, killAfterShown?: number | 'after-snapshot'): AppRun {
  const args = [home.platformUrl, home.token, home.expertId, home.dataDir]
  if (killAfterShown !== undefined) args.push(String(killAfterShown))
  // stdin holds the app open for as long as the test runs (app-process-child.ts).
  const child = spawn(process.execPath, [script, ...args], { stdio: LINES_STDIO })
  const shown: string[] = []
  const listeners: Array<(line: string) => void> = []
  const lines = childLines(child)
  lines.on('line', (line) => {
    if (line.startsWith('shown ')) shown.push(line.slice('shown '.length))
    for (const listener of listeners) listener(line)
  })
  const ended = new Promise<AppExit>((resolve, reject) => {
    child.once('error', reject)
    const exit = (): AppExit => ({ code: child.exitCode, signal: child.signalCode })
    lines.once('close', () => {
      if (child.exitCode !== null || child.signalCode !== null) resolve(exit())
      else child.once('exit', () => resolve(exit()))
    })
  })
  const until = (done: () => boolean, what: WaitingFor): Promise<boolean> =>
    new Promise((resolve, reject) => {
      // A stall, not a slow run: every line the app prints is progress and starts the wait over,
      // so a busy machine that shows a thousand invites slowly is not taken for one that lost one.
      const failsafe = stallTimer(FAILSAFE_MS, () =>
        finish(() =>
          reject(
            new Error(
              `still waiting until ${waitingFor(what)}: the app printed nothing for ${FAILSAFE_MS} ms`,
            ),
          ),
        ),
      )
      let settled = false
      const finish = (settle: () => void): void => {
        if (settled) return
        settled = true
        failsafe.stop()
        listeners.splice(listeners.indexOf(check), 1)
        settle()
      }
      const check = (): void => {
        if (done()) return finish(() => resolve(true))
        failsafe.progress()
      }
      listeners.push(check)
      void ended.then(() => finish(() => resolve(done())))
      check()
    })
  return {
    shown,
    until,
    onLine: (listener) => void listeners.push(listener),
    kill: () => void child.kill('SIGKILL'),
    ended,
  }
}

/** The invites the cache in `dataDir` has marked shown (read after the app died), and its cursor. */
export function cacheMarks(dataDir: string): {
  readonly marked: ReadonlySet<string>
  readonly cursor: number
} {
  const path = join(dataDir, 'cache.db')
  if (!existsSync(path)) return { marked: new Set(), cursor: 0 }
  // Read-only, so reading checkpoints nothing: the next start finds the files as the crash left them.
  const db = new Database(path, { readonly: true })
  try {
    const marked = new Set(db.prepare('SELECT id FROM shown_invites').pluck().all() as string[])
    const cursor = db.prepare('SELECT cursor FROM sync_state WHERE slot = 1').pluck().get() as
      number | undefined
    return { marked, cursor: cursor ?? 0 }
  } finally {
    db.close()
  }
}
