/**
 * How long a thread waited for a core: the kernel's run-queue time for it (Linux's schedstat). A
 * slow round that overlapped no garbage-collection pause either waited for a core or did more
 * work; these figures tell the two apart. Where a file cannot be read (no /proc, as on macOS),
 * that thread's waits are NaN and the bench says they are unavailable.
 */
import { readFileSync } from 'node:fs'

/** Run-queue time so far of the bench's own thread and of the clients' process's main thread, in ms. */
export interface ThreadWaits {
  readonly server: number
  readonly client: number
}

/** Milliseconds the thread whose schedstat file is `path` has waited on a run queue; NaN if unreadable. */
export function runQueueMs(path: string): number {
  try {
    return Number(readFileSync(path, 'utf8').split(' ')[1]) / 1e6
  } catch {
    return Number.NaN
  }
}

/** The waits so far of this thread (the servers' event loop) and of `clientPid`'s main thread. */
export function threadWaits(clientPid: number | undefined): ThreadWaits {
  return {
    server: runQueueMs('/proc/thread-self/schedstat'),
    client:
      clientPid === undefined ? Number.NaN : runQueueMs(`/proc/${clientPid}/task/${clientPid}/schedstat`),
  }
}

/** How much each thread waited from `from` until now. */
export function waitedSince(from: ThreadWaits, clientPid: number | undefined): ThreadWaits {
  const to = threadWaits(clientPid)
  return { server: to.server - from.server, client: to.client - from.client }
}
