/**
 * The channel a test's child process tells it what happened on: its own pipe, not stdout, written
 * synchronously so that a line written is a line the parent gets even when the child is killed
 * right after. Not stdout because Node makes fd 1 non-blocking as soon as anything touches
 * `process.stdout` (importing `node:process` in an ES module does): a synchronous write then
 * fails with EAGAIN once the pipe is full, as it is while a busy parent reads late, and the line
 * is lost. Nothing in the child opens this pipe as a stream, so its writes wait for room instead.
 */
import type { ChildProcess, StdioOptions } from 'node:child_process'
import { readSync, writeSync } from 'node:fs'
import { createInterface, type Interface } from 'node:readline'
import type { Readable } from 'node:stream'

/** The child's file descriptor for its lines: the first after stdin, stdout and stderr. */
const LINES_FD = 3

/** `spawn`'s stdio for a child that says lines: stdin piped, stdout and stderr the test's own. */
export const LINES_STDIO: StdioOptions = ['pipe', 'inherit', 'inherit', 'pipe']

/** In the child: tell the parent `line`, waiting for room in the pipe if the parent reads late. */
export function sayLine(line: string): void {
  writeSync(LINES_FD, `${line}\n`)
}

/**
 * In the child: wait until the parent says to go on (goOn); false once the parent is gone. Read
 * straight from the stdin pipe, which nothing in the child opens as a stream, so the read blocks.
 */
export function waitToGoOn(): boolean {
  return readSync(0, Buffer.alloc(1)) === 1
}

/**
 * In the parent: let a child waiting in waitToGoOn take its next step. A child that has died
 * cannot read it: its 'exit' says how it ended, not the failed write.
 */
export function goOn(child: ChildProcess): void {
  if (child.stdin === null || child.exitCode !== null || child.signalCode !== null) return
  if (child.stdin.listenerCount('error') === 0) child.stdin.on('error', () => {})
  child.stdin.write('\n')
}

/** In the parent: the lines a child spawned with LINES_STDIO says, as they come. */
export function childLines(child: ChildProcess): Interface {
  return createInterface({ input: child.stdio[LINES_FD] as Readable })
}
