/**
 * Reading a small file Standby wrote itself (the saved sign-in) without trusting what is at its
 * path now: a device, a folder or a link to one, or a file far larger than any Standby writes,
 * would otherwise be read whole at start, into memory, until the engine gives up, and a named
 * pipe would never be opened at all.
 */
import { constants, type Stats } from 'node:fs'
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
  // Non-blocking, so a named pipe at the path is opened at once and refused below: a plain open
  // waits for a writer that never comes, and the start with it. Windows has no such flag.
  const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
  try {
    const stats = await handle.stat()
    if (!stats.isFile()) throw new UnexpectedFileError('ENOTREGULAR', `${path} is not a regular file`)
    if (stats.size > maxBytes)
      throw new UnexpectedFileError('EFBIG', `${path} is ${stats.size} bytes, more than ${maxBytes}`)
    await checked?.(handle, stats)
    // The size read above can grow before the read; one byte past the limit tells it did.
    const buffer = Buffer.alloc(maxBytes + 1)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    if (bytesRead > maxBytes)
      throw new UnexpectedFileError('EFBIG', `${path} grew past ${maxBytes} bytes while read`)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}
