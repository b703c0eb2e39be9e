/**
 * Whether bytes that arrived are part of a message not yet whole, told beneath engine.io: a chunk
 * that ends one message and starts the next gives engine.io a whole packet, yet leaves the start
 * of the next one waiting, in ws (a frame part way in) or, over TLS, below it (a record part way
 * in). A probe's answer and the platform's ping wait behind that message as behind any.
 */

/** TLS's record header: its content type, version and the length of what follows. */
const RECORD_HEADER_BYTES = 5

/**
 * Follows TLS's record framing over the raw bytes of a connection: the record headers travel in
 * the clear (TLS 1.2 and 1.3 alike), so where one record ends is known before TLS decrypts it.
 */
export class TlsRecordFraming {
  private headerSeen = 0
  private readonly header = Buffer.alloc(RECORD_HEADER_BYTES)
  private bodyLeft = 0

  /** Reads `chunk` and says whether the last record it reaches is still part way in. */
  read(chunk: Buffer): boolean {
    let at = 0
    while (at < chunk.length) {
      if (this.bodyLeft > 0) {
        const taken = Math.min(this.bodyLeft, chunk.length - at)
        this.bodyLeft -= taken
        at += taken
        continue
      }
      const taken = Math.min(RECORD_HEADER_BYTES - this.headerSeen, chunk.length - at)
      chunk.copy(this.header, this.headerSeen, at, at + taken)
      this.headerSeen += taken
      at += taken
      if (this.headerSeen < RECORD_HEADER_BYTES) break
      this.headerSeen = 0
      this.bodyLeft = this.header.readUInt16BE(3)
    }
    return this.headerSeen > 0 || this.bodyLeft > 0
  }
}

/** The part of ws's receiver this reads (private there, hence checked). */
interface Receiver {
  readonly _bufferedBytes?: unknown
  readonly _fragments?: unknown
}

/**
 * Whether the WebSocket under engine.io's `transport` holds part of a message: bytes of a frame
 * not yet whole, or frames of a message sent in several. False when this version of ws keeps them
 * otherwise (the chunk is then judged by the packets it brought alone, as before).
 */
export function webSocketHoldsPart(transport: unknown): boolean {
  const ws = (transport as { ws?: { _receiver?: Receiver } } | undefined)?.ws
  const receiver = ws?._receiver
  if (receiver === undefined) return false
  const buffered = receiver._bufferedBytes
  const fragments = receiver._fragments
  return (typeof buffered === 'number' && buffered > 0) || (Array.isArray(fragments) && fragments.length > 0)
}

/**
 * The bytes that arrived while one message was part way in, counted against the most an honest
 * message brings with its framing, and the time since its first, against the longest an honest
 * message takes at the floor the link's pace asks for. WebSocket pings and empty frames between
 * the frames of a message, or TLS records of padding, arrive while it is part way in but bring it
 * no nearer its end: counted as it crossing, a platform that sent them for ever (at the floor)
 * kept the link online for ever. Bytes alone bound it only at the floor's pace: one that keeps a
 * message coming under the floor now and at it then, never past the bytes, was held for longer.
 * Past either bound, what arrives no longer counts, and the link is judged by its silence.
 */
export class UnfinishedMessageBytes {
  private arrived = 0
  /** When the first bytes of the message part way in arrived (monotonic ms). */
  private startedAt = 0

  /**
   * `mostBytes`: the most bytes, framing included, that one message honestly crosses in;
   * `mostMs`: the longest one honestly takes to cross; `now`, a monotonic clock in ms.
   */
  constructor(
    private readonly mostBytes: number,
    private readonly mostMs: number = Infinity,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** `bytes` more arrived of the message part way in: whether they are still within the bounds. */
  within(bytes: number): boolean {
    const at = this.now()
    if (this.arrived === 0) this.startedAt = at
    this.arrived += bytes
    return this.arrived <= this.mostBytes && at - this.startedAt <= this.mostMs
  }

  /** A message ended (or the connection is new): the next one starts from nothing. */
  ended(): void {
    this.arrived = 0
  }
}
