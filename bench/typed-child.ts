/**
 * A bench child process speaking typed messages, whose waits end when it dies: the reconnect
 * storm's platform and core fleets run in these.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { childEnded, ended, sendIfAlive } from './child-messages'

export class TypedChild<In, Out extends { type: string }> {
  readonly process: ChildProcess

  constructor(file: string) {
    this.process = fork(new URL(file, import.meta.url), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
  }

  // A message a child that has exited cannot take is dropped (an unheard EPIPE would end the bench
  // with a bare "write EPIPE"): what waits on the child learns at 'exit' why it ended.
  send(message: In): void {
    sendIfAlive(this.process, message as object)
  }

  /**
   * The next message of `type`, or a rejection naming what did not come within `withinMs`, or
   * at once if the child ends first (it prints its own error).
   */
  next<T extends Out['type']>(type: T, withinMs: number): Promise<Extract<Out, { type: T }>> {
    const from = this.process.spawnargs.at(-1) ?? 'a child'
    return new Promise((resolve, reject) => {
      const settle = (): void => {
        clearTimeout(timer)
        this.process.off('message', on)
        this.process.off('exit', onExit)
      }
      const timer = setTimeout(() => {
        settle()
        reject(new Error(`no "${type}" from ${from} within ${withinMs} ms`))
      }, withinMs)
      const on = (m: Out): void => {
        if (m.type !== type) return
        settle()
        resolve(m as Extract<Out, { type: T }>)
      }
      const onExit = (code: number | null, signal: string | null): void => {
        settle()
        reject(
          new Error(`${from} ended (code ${String(code)}, signal ${String(signal)}) before its "${type}"`),
        )
      }
      if (ended(this.process)) return onExit(this.process.exitCode, this.process.signalCode)
      this.process.on('message', on)
      this.process.on('exit', onExit)
    })
  }

  /** Resolve when the process has exited, asking it to with `stop`. */
  stop(stop: In): Promise<void> {
    const ended = childEnded(this.process)
    this.send(stop)
    return ended
  }
}
