/**
 * The ends of Chromium's helper processes (the GPU process, the network and audio services) in the
 * log: Electron tells them on the app only, and a window left blank by a GPU crash otherwise left no
 * trace (../core/child-process-gone.ts words them).
 */
import type { Details } from 'electron'
import { childProcessEndLog } from '../core/child-process-gone'
import type { Logger } from '../core/ports/logger'

/** Logs every end of a child process that is not a renderer (a renderer's: page-recovery.ts). */
export function logChildProcessEnds(
  app: { on(event: 'child-process-gone', listener: (event: unknown, details: Details) => void): unknown },
  log: Pick<Logger, 'warn' | 'error'>,
): void {
  const logEnd = childProcessEndLog(log)
  app.on('child-process-gone', (_event, details) => logEnd(details))
}
