/**
 * Reading a small file Standby wrote itself (the saved sign-in) without trusting what is at its
 * path now: a device, a folder or a link to one, or a file far larger than any Standby writes,
 * would otherwise be read whole at start, into memory, until the engine gives up, and a named
 * pipe would never be opened at all.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs'
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

/** As readBoundedFile, for a small file read synchronously as Standby starts (the login item's note). */
export function readBoundedFileSync(path: string, maxBytes: number): Buffer {
  const fd = openSync(path, OPEN_FLAGS)
  try {
    refuseUnexpected(path, fstatSync(fd), maxBytes)
    const buffer = Buffer.alloc(maxBytes + 1)
    return readWithin(path, buffer, readSync(fd, buffer, 0, buffer.length, 0), maxBytes)
  } finally {
    closeSync(fd)
  }
}

/** Non-blocking, so a named pipe opens at once and is refused as no regular file. Windows has no such flag. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)

/** Refuses what is not a regular file of at most `maxBytes`. */
function refuseUnexpected(path: string, stats: Stats, maxBytes: number): void {
  if (!stats.isFile()) throw new UnexpectedFileError('ENOTREGULAR', `${path} is not a regular file`)
  if (stats.size > maxBytes)
    throw new UnexpectedFileError('EFBIG', `${path} is ${stats.size} bytes, more than ${maxBytes}`)
}

/** The bytes read; the size checked before can grow until the read, and one byte past the limit tells it did. */
function readWithin(path: string, buffer: Buffer, bytesRead: number, maxBytes: number): Buffer {
  if (bytesRead > maxBytes)
    throw new UnexpectedFileError('EFBIG', `${path} grew past ${maxBytes} bytes while read`)
  return buffer.subarray(0, bytesRead)
}
