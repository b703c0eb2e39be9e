/**
 * Waiting on a bench's child processes without hanging the bench: a child that dies (a crash, an
 * unhandled rejection) sends no more messages and fires no second 'exit', so every wait also ends
 * when the child is gone, saying so.
 */
import type { ChildProcess } from 'node:child_process'

/** Whether `child` has already ended, so its 'exit' will not fire again. */
export const ended = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null

const endedWith = (child: ChildProcess, what: string): Error =>
  new Error(
    `the bench's child process ${String(child.pid)} ended (code ${String(child.exitCode)}, signal ` +
      `${String(child.signalCode)}) before ${what}; its own error is printed above`,
  )

/**
 * The first message of `type` from `child`. Rejects if the child ends first, or sends a message of
 * type `failed`, with its `reason`.
 */
export function nextMessage<T>(child: ChildProcess, type: string, what = `sending '${type}'`): Promise<T> {
  return new Promise((resolve, reject) => {
    const settle = (): void => {
      child.off('message', onMessage)
      child.off('exit', onExit)
    }
    const onMessage = (m: { type: string; reason?: string }): void => {
      if (m.type !== type && m.type !== 'failed') return
      settle()
      if (m.type === 'failed') reject(new Error(`${what} failed: ${String(m.reason)}`))
      else resolve(m as T)
    }
    const onExit = (): void => {
      settle()
      reject(endedWith(child, what))
    }
    if (ended(child)) return void reject(endedWith(child, what))
    child.on('message', onMessage)
    child.on('exit', onExit)
  })
}

/** Resolves once `child` has ended, at once if it already has. */
export function childEnded(child: ChildProcess): Promise<void> {
  if (ended(child)) return Promise.resolve()
  return new Promise((resolve) => child.once('exit', () => resolve()))
}

/** Send `message` to `child` if it can still take one: a dead child's channel throws or errors. */
export function sendIfAlive(child: ChildProcess, message: object): void {
  if (child.connected && !ended(child)) child.send(message, () => {})
}
