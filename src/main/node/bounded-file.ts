/**
 * Reading a file without trusting what is at its path now (the saved sign-in, the settings, the
 * cache's header and WAL, the updater's note): a device, a folder or a link to one, or a file far
 * larger than any Standby writes, would otherwise be read whole, into memory, until the engine
 * gives up, and a named pipe would never be opened at all.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'

/** The most a saved sign-in may hold: a token and two short strings, encrypted or not. */
export const MAX_SIGN_IN_FILE_BYTES = 64 * 1024

/** What is at the path is not a file Standby could have written; `code` is for the log line. */
export class UnexpectedFileError extends Error {
  constructor(
    readonly code: 'ENOTREGULAR' | 'EFBIG',
    message: string,
  ) {
    super(message)
    this.name = 'UnexpectedFileError'
  }
}

/**
 * The bytes of the regular file at `path`, refused (UnexpectedFileError) when it is anything else
 * or larger than `maxBytes`; Node's own error (ENOENT…) when it cannot be opened. `checked` runs
 * on the open file once it is known to be a regular one, before it is read.
 */
export async function readBoundedFile(
  path: string,
  maxBytes: number,
  checked?: (handle: FileHandle, stats: Stats) => Promise<void>,
): Promise<Buffer> {
  // A plain open of a named pipe waits for a writer that never comes, and the start with it.
  const handle = await open(path, OPEN_FLAGS)
  try {
    const stats = await handle.stat()
    refuseUnexpected(path, stats, maxBytes)
    await checked?.(handle, stats)
    const buffer = Buffer.alloc(maxBytes + 1)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    return readWithin(path, buffer, bytesRead, maxBytes)
  } finally {
    await handle.close()
  }
}

/**
 * As readBoundedFile, for a small file read synchronously (the login item's note, the settings, the
 * updater's note); `links` as for openRegularFileSync.
 */
export function readBoundedFileSync(path: string, maxBytes: number, links: Links = 'follow'): Buffer {
  const { fd, stats } = openRegularFileSync(path, links)
  try {
    refuseUnexpected(path, stats, maxBytes)
    const buffer = Buffer.alloc(maxBytes + 1)
    return readWithin(path, buffer, readSync(fd, buffer, 0, buffer.length, 0), maxBytes)
  } finally {
    closeSync(fd)
  }
}

/** Whether a link at a path is read through, or refused as no regular file. */
export type Links = 'follow' | 'refuse'

/**
 * The regular file at `path`, opened for reading, with its stats; the caller closes `fd`. What is
 * there is judged as opened (fstat), never by a look before the open: a named pipe put at the path
 * in between would block the open, and the process with it, until a writer came. Anything but a
 * regular file is refused (UnexpectedFileError, ENOTREGULAR), a link too when `links` is 'refuse';
 * Node's own error when nothing can be opened (ENOENT…).
 */
export function openRegularFileSync(path: string, links: Links): { fd: number; stats: Stats } {
  const refuseLinks = links === 'refuse'
  // Windows has no O_NOFOLLOW: a link is looked for first there (making one needs an administrator
  // or developer mode), and a pipe is no file at a path there.
  if (refuseLinks && NO_FOLLOW === undefined && lstatSync(path).isSymbolicLink()) throw notRegular(path)
  let fd: number
  try {
    fd = openSync(path, OPEN_FLAGS | (refuseLinks ? (NO_FOLLOW ?? 0) : 0))
  } catch (error) {
    // O_NOFOLLOW's refusal of a link.
    if (refuseLinks && (error as NodeJS.ErrnoException).code === 'ELOOP') throw notRegular(path)
    throw error
  }
  try {
    const stats = fstatSync(fd)
    if (!stats.isFile()) throw notRegular(path)
    return { fd, stats }
  } catch (error) {
    closeSync(fd)
    throw error
  }
}

/** Non-blocking, so a named pipe opens at once and is refused as no regular file. Windows has no such flag. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)
/** Not following a link at the path itself; undefined on Windows. */
const NO_FOLLOW = constants.O_NOFOLLOW as number | undefined

const notRegular = (path: string): UnexpectedFileError =>
  new UnexpectedFileError('ENOTREGULAR', `${path} is not a regular file`)

/** Refuses what is not a regular file of at most `maxBytes`. */
function refuseUnexpected(path: string, stats: Stats, maxBytes: number): void {
  if (!stats.isFile()) throw notRegular(path)
  if (stats.size > maxBytes)
    throw new UnexpectedFileError('EFBIG', `${path} is ${stats.size} bytes, more than ${maxBytes}`)
}

/** The bytes read; the size checked before can grow until the read, and one byte past the limit tells it did. */
function readWithin(path: string, buffer: Buffer, bytesRead: number, maxBytes: number): Buffer {
  if (bytesRead > maxBytes)
    throw new UnexpectedFileError('EFBIG', `${path} grew past ${maxBytes} bytes while read`)
  return buffer.subarray(0, bytesRead)
}
