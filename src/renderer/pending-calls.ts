/**
 * The page's calls waiting for the browser shell's answers, across drops of the socket. A call
 * sent on an open socket may have been read and carried out (a message sent) when the socket
 * drops, and the shell usually keeps running: the call waits for the page to connect again and
 * hear whether the shell still knows it, for a bounded time, before it says it may or may not
 * have been done.
 */
import { fail, type IpcResult } from '../shared/ipc/result'

/**
 * How long a call whose socket dropped waits for the page to connect again and hear that the shell
 * still knows it; shorter than the shell keeps its answer (page-calls.ts). A shell that is gone
 * longer than this (or came back as another run) may or may not have done it, and the call says so.
 */
export const CALLS_WAIT_FOR_SHELL_MS = 15_000

/** What a call lost with its socket says. */
const UNANSWERED =
  'The connection to the Standby browser shell closed before it answered, so this may or may not have been done; it reconnects by itself: look again before trying again.'

/** The calls of one page waiting for their answers. */
export interface PendingCalls {
  /** Waits for the answer to call `id`. */
  add(id: number, settle: (result: IpcResult<unknown>) => void): void
  /** The answer to call `id` came. */
  answered(id: number, result: IpcResult<unknown>): void
  /** The socket dropped: every call waiting waits for the shell's word, or the bound. */
  dropped(): void
  /** The shell, on a new socket, still knows the calls `known`: the others were lost. */
  known(known: unknown): void
  /** The shell that read the calls is gone for good: every call lost with a socket says so now. */
  lost(): void
}

/** Calls that wait at most `CALLS_WAIT_FOR_SHELL_MS` after a drop; `wait` runs the bound. */
export function pendingCalls(wait: (fail: () => void, ms: number) => void): PendingCalls {
  const pending = new Map<number, (result: IpcResult<unknown>) => void>()
  // The calls whose socket dropped before they were answered, each with the drop that lost it.
  const orphans = new Map<number, number>()
  let drops = 0

  const answered = (id: number, result: IpcResult<unknown>): void => {
    orphans.delete(id)
    pending.get(id)?.(result)
    pending.delete(id)
  }
  const unanswered = (id: number): void => answered(id, fail('unanswered', UNANSWERED))

  return {
    add: (id, settle) => void pending.set(id, settle),
    answered,
    dropped() {
      const drop = ++drops
      let lost = 0
      for (const id of pending.keys()) {
        if (orphans.has(id)) continue
        orphans.set(id, drop)
        lost++
      }
      if (lost === 0) return
      wait(() => {
        for (const [id, lostIn] of orphans) if (lostIn === drop) unanswered(id)
      }, CALLS_WAIT_FOR_SHELL_MS)
    },
    known(known) {
      // Unread, or answered into the socket that dropped: the shell no longer names them.
      const still = new Set(Array.isArray(known) ? known : [])
      for (const id of [...orphans.keys()]) {
        if (still.has(id)) orphans.delete(id)
        else unanswered(id)
      }
    },
    lost() {
      for (const id of [...orphans.keys()]) unanswered(id)
    },
  }
}
