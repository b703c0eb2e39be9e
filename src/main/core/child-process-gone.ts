/**
 * Chromium's own helper processes (the GPU process that draws the windows, the network and audio
 * services) can crash or be killed while Standby runs; Chromium starts them again itself, and
 * after the GPU process stops a few times it draws without the graphics card. Electron tells each
 * end as the app's 'child-process-gone' and nothing else, so a blank or flickering window left no
 * trace in the log. Each end is logged, with what the expert can do; a process that stops in a loop
 * is logged a bounded number of times, then once more to say the rest are not.
 */
import type { Logger } from './ports/logger'

/** What Electron tells of a child process that ended (its `Details`), as far as the log needs it. */
export interface ChildProcessEnd {
  readonly type: string
  readonly reason: string
  readonly exitCode: number
  readonly serviceName?: string
  readonly name?: string
}

/** How many ends of one process are logged in a run before the rest are counted silently. */
export const ENDS_LOGGED_PER_PROCESS = 5

const REASON_WORDS: Readonly<Record<string, string>> = {
  'abnormal-exit': 'exited with an error',
  killed: 'was killed (by the system, or another program)',
  crashed: 'crashed',
  oom: 'ran out of memory',
  'launch-failed': 'could not be started',
  'integrity-failure': "was refused by Windows' code integrity check",
  'memory-eviction': 'was ended to free memory',
}

/** The process as the expert and support read it: the graphics process, or a named helper. */
function processWords(end: ChildProcessEnd): string {
  if (end.type === 'GPU') return "Standby's graphics process (GPU), which draws its windows,"
  const named = end.name ?? end.serviceName
  return `Standby's ${end.type} helper process${named === undefined ? '' : ` "${named}"`}`
}

/** What the expert can do when this process ended this way. */
function advice(end: ChildProcessEnd): string {
  if (end.reason === 'integrity-failure' || end.reason === 'launch-failed')
    return 'If Standby does not work as it should, reinstall it; if this keeps happening, send the log to support.'
  if (end.type === 'GPU')
    return (
      'Chromium starts it again, and draws without the graphics card if it keeps stopping. If a window ' +
      'stays blank or flickers, quit Standby from the tray and start it again; if this keeps happening, ' +
      'update the graphics driver or send the log to support.'
    )
  return (
    'Chromium starts it again when it is next needed. If part of Standby stops working, quit Standby ' +
    'from the tray and start it again; if this keeps happening, send the log to support.'
  )
}

/** The log line of a child process's end; null for a clean exit, which is no fault. */
export function childProcessGoneLine(end: ChildProcessEnd): string | null {
  if (end.reason === 'clean-exit') return null
  const how = REASON_WORDS[end.reason] ?? `ended (${end.reason})`
  return `${processWords(end)} ${how} (exit code ${end.exitCode}). ${advice(end)}`
}

/** Logs each child process's end through `log`, at most ENDS_LOGGED_PER_PROCESS a process. */
export function childProcessEndLog(log: Pick<Logger, 'warn' | 'error'>): (end: ChildProcessEnd) => void {
  const logged = new Map<string, number>()
  return (end) => {
    const line = childProcessGoneLine(end)
    if (line === null) return
    const key = `${end.type}\u0000${end.name ?? end.serviceName ?? ''}`
    const count = (logged.get(key) ?? 0) + 1
    logged.set(key, count)
    if (count > ENDS_LOGGED_PER_PROCESS + 1) return
    if (count > ENDS_LOGGED_PER_PROCESS) {
      log.error(
        `${processWords(end)} keeps stopping; its further ends are not logged until Standby starts again.`,
      )
      return
    }
    const failedToStart = end.reason === 'launch-failed' || end.reason === 'integrity-failure'
    if (failedToStart) log.error(line)
    else log.warn(line)
  }
}
