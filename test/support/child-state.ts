/**
 * Holding a test's own thread while a child process runs on, as a busy machine does to a test that
 * reads its child's lines late: read from the child's entry under /proc, so Linux only.
 */
import { readFileSync } from 'node:fs'

/** The child's run state (R, S, D, Z...) and the kernel function it sleeps in, if it sleeps. */
function stateOf(pid: number): { state: string; sleepsIn: string } {
  // The state is the field after the parenthesised command name.
  const state = readFileSync(`/proc/${pid}/stat`, 'utf8')
    .replace(/^.*\) /s, '')
    .charAt(0)
  return { state, sleepsIn: readFileSync(`/proc/${pid}/wchan`, 'utf8') }
}

/**
 * Block this thread, reading nothing the child says, until process `pid` has exited (a zombie not
 * yet reaped) or sleeps reading its input, waiting to be told to go on.
 */
export function holdUntilExitedOrWaiting(pid: number): void {
  for (;;) {
    const { state, sleepsIn } = stateOf(pid)
    if (state === 'Z' || (state === 'S' && /read/.test(sleepsIn))) return
  }
}
