/**
 * Where the core bench's wire begins and ends: the moment the platform's process hands a frame to
 * the kernel, and the moment the core's process reads it from its socket.
 *
 * The platform's own step marks cannot begin the wire: its "delivered" mark is taken once its send
 * has returned, and on a busy machine the core, woken by the bytes, often runs on that CPU before
 * the platform takes the mark. The core then had the invite "before" it was sent: negative wires,
 * and the core's work counted as the platform's. A mark taken as the write is handed to the kernel
 * comes before any read of it, so the platform, the wire and the core follow each other and add up
 * to the round.
 */
import type { Socket } from 'node:net'

/** The writes on a socket since the last `take()`, each as the moment it was handed to the kernel. */
export interface WriteMarks {
  /** The moments of the writes since the last take, oldest first, and start again. */
  take(): number[]
  /** Stop marking: the socket writes as it did before. */
  stop(): void
}

/**
 * Marks each write on `socket` as it is handed to the kernel, at `now()`: Node's stream calls
 * `_write` (one chunk) or `_writev` (chunks corked together, as ws writes a frame) and those write
 * to the socket's handle at once.
 */
export function markWrites(socket: Socket, now: () => number): WriteMarks {
  let marks: number[] = []
  const mark = (): void => void marks.push(now())
  // Own properties over the prototype's: the stream looks both up on the socket at each write.
  const { _write: write, _writev: writev } = socket
  socket._write = function (...args: Parameters<Socket['_write']>) {
    mark()
    return write.apply(this, args)
  }
  if (writev !== undefined) {
    socket._writev = function (...args: Parameters<NonNullable<Socket['_writev']>>) {
      mark()
      return writev.apply(this, args)
    }
  }
  return {
    take() {
      const taken = marks
      marks = []
      return taken
    },
    stop() {
      delete (socket as Partial<Socket>)._write
      delete (socket as Partial<Socket>)._writev
    },
  }
}

/** The last of `writes` made at or before `readAt`: the one that read carried; undefined if none. */
export function writeRead(writes: ReadonlyArray<number>, readAt: number): number | undefined {
  return writes.filter((at) => at <= readAt).at(-1)
}

/**
 * Keeps the moment of the last read on `socket`, at `now()`, in `last.at`: listening first, before
 * the socket's own reader decodes what was read and acts on it in the same turn.
 */
export function markReads(socket: Socket, now: () => number, last: { at: number }): void {
  socket.prependListener('data', () => (last.at = now()))
}
