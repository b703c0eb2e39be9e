/**
 * Holding a test's own thread while a child process runs on, as a busy machine does to a test that
 * reads its child's lines late: read from the child's entry under /proc, so Linux only.
 */
import { readFileSync } from 'node:fs'

/** How long a hold may last before it gives up saying why. */
const FAILSAFE_MS = 60_000

/** The child's run state (R, S, D, Z...). */
function runState(pid: number): string {
  // The state is the field after the parenthesised command name.
  return readFileSync(`/proc/${pid}/stat`, 'utf8')
    .replace(/^.*\) /s, '')
    .charAt(0)
}

/** The child's run state and the kernel function it sleeps in, if it sleeps. */
function stateOf(pid: number): { state: string; sleepsIn: string } {
  return { state: runState(pid), sleepsIn: readFileSync(`/proc/${pid}/wchan`, 'utf8') }
}

/**
 * Block this thread until process `pid` has exited (a zombie not yet reaped), so that its 'exit'
 * cannot have been handled yet: the order a busy machine gives by chance, made certain.
 */
export function holdUntilExited(pid: number): void {
  const failsafe = performance.now() + FAILSAFE_MS
  while (runState(pid) !== 'Z')
    if (performance.now() > failsafe)
      throw new Error(`process ${pid} did not exit within ${FAILSAFE_MS} ms while the test held its thread`)
}

/**
 * Block this thread, reading nothing the child says, until process `pid` has exited (a zombie not
 * yet reaped) or sleeps reading its input, waiting to be told to go on.
 */
export function holdUntilExitedOrWaiting(pid: number): void {
  // Only turns a hang into a message, on a kernel that does not name where a process sleeps: no
  // timer can fire while this thread is held.
  const failsafe = performance.now() + FAILSAFE_MS
  for (;;) {
    const { state, sleepsIn } = stateOf(pid)
    if (state === 'Z' || (state === 'S' && /read/.test(sleepsIn))) return
    if (performance.now() > failsafe)
      throw new Error(
        `process ${pid} neither exited nor waited to read within ${FAILSAFE_MS} ms (it is ${state} in ` +
          `"${sleepsIn}"): this kernel may not say where a process sleeps in /proc/${pid}/wchan`,
      )
  }
}
