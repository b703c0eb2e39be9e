/** Writing a private file so that a crash never leaves half of it and nobody else can read it. */
import { randomBytes } from 'node:crypto'
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { mkdir, open, rename, rm } from 'node:fs/promises'
import { basename, dirname, resolve } from 'node:path'
import { steadyNow, systemClock } from '../../shared/clock'

/** Owner read and write only. */
export const PRIVATE_FILE_MODE = 0o600

/**
 * Writes `data` to a temporary file created with `mode` next to `path`, flushes it, then renames
 * it over `path`: readers see the old file or the new one, never a mix, and the new file never
 * exists with a looser mode, not even for a moment.
 */
export async function writeFileAtomically(
  path: string,
  data: string | Uint8Array,
  mode: number = PRIVATE_FILE_MODE,
): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 })
  const temp = tempPathBeside(path)
  // 'wx': fail rather than write through a file (or a link) someone put there first.
  const handle = await open(temp, 'wx', mode)
  try {
    try {
      // The umask can only narrow the mode open() used; set it exactly.
      await handle.chmod(mode)
      await handle.writeFile(data)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await renameOver(temp, path)
  } catch (error) {
    await rm(temp, { force: true }).catch(() => leftBehind.add(resolve(temp)))
    throw error
  }
  removeInterruptedWrites(path)
}

/**
 * The same as writeFileAtomically, for callers that cannot wait (a login item's setter, the
 * settings read at start); the folder must exist.
 */
export function writeFileAtomicallySync(
  path: string,
  data: string | Uint8Array,
  mode: number = PRIVATE_FILE_MODE,
): void {
  const temp = tempPathBeside(path)
  const fd = openSync(temp, 'wx', mode)
  try {
    try {
      writeFileSync(fd, data)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameOverSync(temp, path)
  } catch (error) {
    try {
      rmSync(temp, { force: true })
    } catch {
      leftBehind.add(resolve(temp))
    }
    throw error
  }
  removeInterruptedWrites(path)
}

/**
 * Temporary files of this process whose write failed and that could not be removed then (a virus
 * scan holding the file just written): the write's own error is told, not the removal's, and the
 * next write beside them removes them, though their process still runs.
 */
const leftBehind = new Set<string>()

/**
 * What Windows answers a rename over a file another program holds open for a moment (a virus scan
 * of the file just written, the search indexer, a sync client): it lets go within moments.
 */
const HELD_FOR_A_MOMENT = new Set(['EPERM', 'EACCES', 'EBUSY'])

/**
 * How long a rename over a held file is tried again before the write fails: conf's own write
 * (before Standby wrote the settings itself) waited as long, so a save a scan held still went
 * through. Elsewhere these errors last, and only delay the failure by this much.
 */
const HELD_RENAME_RETRY_MS = 1_000

/** The first pause before a held rename is tried again; each one after is twice as long. */
const FIRST_PAUSE_MS = 10

/** Renames `from` over `to`, trying again for a while when the file there is held by another program. */
async function renameOver(from: string, to: string): Promise<void> {
  const until = steadyNow(systemClock) + HELD_RENAME_RETRY_MS
  for (let pause = FIRST_PAUSE_MS; ; pause *= 2) {
    try {
      await rename(from, to)
      return
    } catch (error) {
      if (!heldForAMoment(error, until, pause)) throw heldOrAsIs(error, to)
      await new Promise((done) => setTimeout(done, pause))
    }
  }
}

/** As renameOver, for the writes that cannot wait: the pauses hold the thread, as conf's did. */
function renameOverSync(from: string, to: string): void {
  const until = steadyNow(systemClock) + HELD_RENAME_RETRY_MS
  for (let pause = FIRST_PAUSE_MS; ; pause *= 2) {
    try {
      renameSync(from, to)
      return
    } catch (error) {
      if (!heldForAMoment(error, until, pause)) throw heldOrAsIs(error, to)
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pause)
    }
  }
}

/**
 * Whether a rename that failed with `error` is worth a `pause` before trying again, by `until`
 * (steady time: the wall clock set back while a file stays held would have it tried, and the app
 * held, for as long as the clock went back).
 */
function heldForAMoment(error: unknown, until: number, pause: number): boolean {
  return HELD_FOR_A_MOMENT.has(errorCode(error) ?? '') && steadyNow(systemClock) + pause <= until
}

/**
 * A rename over a file that was refused for as long as it was tried again: the temporary file was
 * just written in the same folder, so the folder is writable and the file itself is what refused
 * (another program holding it, or a read-only file). Named so that what the expert is told to do
 * is to free that file (startup-failure.ts reads the name), not to check that the folder is writable.
 */
export class FileHeldError extends Error {
  override readonly name = 'FileHeldError'
  /** The system's own code (EPERM, EACCES, EBUSY), as the log and notices name it. */
  readonly code: string
  /** The file that could not be replaced, not the temporary file the system's error names. */
  readonly path: string

  constructor(path: string, code: string) {
    super(`${basename(path)} is held by another program or read-only: ${code}`)
    this.code = code
    this.path = path
  }
}

/** `error` as a FileHeldError when it is a refusal of the rename over `to` that lasted, else as it is. */
function heldOrAsIs(error: unknown, to: string): unknown {
  const code = errorCode(error)
  return code !== undefined && HELD_FOR_A_MOMENT.has(code) ? new FileHeldError(to, code) : error
}

/**
 * A new name beside `path` that no one can guess: a fixed one could hold a named pipe (which
 * the write would wait on for ever) or a link put there first. A file under it that its process
 * left (killed) is removed by removeInterruptedWrites.
 */
export function tempPathBeside(path: string): string {
  return `${path}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`
}

/**
 * Removes what writes of `path` (and of the files `besides` it, in its folder) left beside it when
 * they were interrupted between the temporary file and the rename (a crash, a kill, a power cut):
 * each holds what was being written (a sign-in's token, a whole cache), and nothing else would
 * ever remove it, not even a sign-out. A file of a process that still runs is left, as it may be
 * writing it now. Best effort: what cannot be listed or removed stays, to be tried again at the next
 * write.
 */
export function removeInterruptedWrites(path: string, ...besides: string[]): void {
  const folder = dirname(path)
  let names: string[]
  try {
    names = readdirSync(folder)
  } catch {
    return
  }
  // One listing of the folder for the writes of `path` and of the files `besides` it.
  const name = [path, ...besides]
    .map((file) => basename(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|')
  const pattern = new RegExp(`^(?:${name})\\.(\\d{1,10})-[0-9a-f]{12}\\.tmp$`)
  for (const entry of names) {
    const pid = Number(pattern.exec(entry)?.[1] ?? Number.NaN)
    const file = resolve(folder, entry)
    if (Number.isNaN(pid) || (isRunning(pid) && !leftBehind.has(file))) continue
    try {
      rmSync(file, { force: true })
      leftBehind.delete(file)
    } catch {
      // Left for the next write to try again.
    }
  }
}

/** Whether a process runs under `pid`: one another user runs cannot be signalled, but runs. */
function isRunning(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return errorCode(error) === 'EPERM'
  }
}

/** The error's code (`ENOENT`…), if it has one. */
export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined
}
