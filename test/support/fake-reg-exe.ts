/**
 * reg.exe as Standby runs it, without waiting: each `reg query` stays running until the test lets
 * it answer (a slow reg.exe), or never (one that hangs), and then prints what the registry held
 * when it started.
 */
import type { RegExe } from '../../src/main/node/windows-startup-approved'

/** A reg query still running, and what it was asked. */
interface RunningQuery {
  readonly args: ReadonlyArray<string>
  readonly answer: () => void
}

/** A fake reg.exe over `registry` (a StartupApproved\Run value by name; null for none). */
export function fakeRegExe(registry: (name: string) => Uint8Array | null) {
  const running: RunningQuery[] = []
  let runs = 0
  const run: RegExe = (args) => {
    runs += 1
    // Read as it starts: an answer that comes late is of the registry as it was then.
    const name = args[3] ?? ''
    const value = registry(name)
    return new Promise((resolve, reject) => {
      running.push({
        args,
        answer: () => {
          // reg.exe exits 1 for a value not there, as for every failure.
          if (value === null) reject(Object.assign(new Error('Command failed: reg.exe query'), { code: 1 }))
          else resolve(Buffer.from(regQueryPrinted(name, Buffer.from(value).toString('hex').toUpperCase())))
        },
      })
    })
  }
  return {
    run,
    /** How many times reg.exe was started. */
    runs: () => runs,
    /** How many reg queries are running now. */
    running: () => running.length,
    /** Lets every running query answer. */
    answerAll(): void {
      for (const query of running.splice(0)) query.answer()
    },
  }
}

/** What `reg query … /v name` prints for a REG_BINARY value `hex`. */
export function regQueryPrinted(name: string, hex: string): string {
  return `\r\nHKEY_CURRENT_USER\\...\\StartupApproved\\Run\r\n    ${name}    REG_BINARY    ${hex}\r\n\r\n`
}
