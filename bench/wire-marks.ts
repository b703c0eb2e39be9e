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

/** One write handed to the kernel: when, and the chunks it carried (one, or a corked batch). */
export interface Write {
  readonly at: number
  readonly chunks: ReadonlyArray<string | Uint8Array>
}

/** The writes on a socket since the last `take()`. */
export interface WriteMarks {
  /** The writes since the last take, oldest first, and start again. */
  take(): Write[]
  /** Stop marking: the socket writes as it did before. */
  stop(): void
}

/**
 * Marks each write on `socket` as it is handed to the kernel, at `now()`: Node's stream calls
 * `_write` (one chunk) or `_writev` (chunks corked together, as ws writes a frame) and those write
 * to the socket's handle at once.
 */
export function markWrites(socket: Socket, now: () => number): WriteMarks {
  let marks: Write[] = []
  // The chunks are kept, not copied: ws hands each frame's payload over in a buffer of its own.
  const mark = (chunks: ReadonlyArray<string | Uint8Array>): void => void marks.push({ at: now(), chunks })
  // Own properties over the prototype's: the stream looks both up on the socket at each write.
  const { _write: write, _writev: writev } = socket
  socket._write = function (...args: Parameters<Socket['_write']>) {
    mark([args[0] as string | Uint8Array])
    return write.apply(this, args)
  }
  if (writev !== undefined) {
    socket._writev = function (...args: Parameters<NonNullable<Socket['_writev']>>) {
      mark(args[0].map((c) => c.chunk as string | Uint8Array))
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

/**
 * When the write carrying `text` (bytes only the invite's frame holds, its request's id) was handed
 * to the kernel; undefined if none did. Found by its bytes, not by its place: the platform's
 * heartbeat pings and answers to the core can be written after the invite's frame and read with it.
 * Not bounded by the core's read either, so a read mark taken before the frame was written shows as
 * a wire below zero instead of being matched to an earlier write.
 */
export function writeCarrying(writes: ReadonlyArray<Write>, text: string): number | undefined {
  const bytes = Buffer.from(text)
  return writes.find((w) =>
    w.chunks.some((c) =>
      typeof c === 'string'
        ? c.includes(text)
        : Buffer.from(c.buffer, c.byteOffset, c.byteLength).includes(bytes),
    ),
  )?.at
}

/**
 * Keeps the moment of the last read on `socket`, at `now()`, in `last.at`: listening first, before
 * the socket's own reader decodes what was read and acts on it in the same turn.
 */
export function markReads(socket: Socket, now: () => number, last: { at: number }): void {
  socket.prependListener('data', () => (last.at = now()))
}
